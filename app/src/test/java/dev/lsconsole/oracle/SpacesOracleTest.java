package dev.lsconsole.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spaces everywhere litestream accepts them: a database path, a file replica named by a URL (which
 * litestream writes under the re-escaped name, "my%20backups"), and an S3 path. The real litestream
 * replicates; our listings and restores must find the same replicas and write the same bytes.
 */
class SpacesOracleTest {
    static Path dir;
    static Path db;
    static Path config;
    static S3Server s3;
    static Map<String, String> env;

    @BeforeAll
    static void replicate() throws Exception {
        dir = Files.createTempDirectory("lsc-spaces-");
        db = Files.createDirectories(dir.resolve("app data")).resolve("my app.db");
        s3 = S3Server.start(Files.createDirectories(dir.resolve("s3")));
        s3.createBucket("backups");
        env = Map.of("LSC_TEST_KEY", S3Server.KEY, "LSC_TEST_SECRET", S3Server.SECRET);
        config = dir.resolve("litestream config.yml");
        Files.writeString(config, "dbs:\n"
                + "  - path: " + db + "\n"
                + "    monitor-interval: 10ms\n"
                + "    replicas:\n"
                + "      - name: files\n"
                + "        url: file://" + dir.resolve("my backups/app db") + "\n"
                + "        sync-interval: 10ms\n"
                + "      - name: s3\n"
                + "        type: s3\n"
                + "        bucket: backups\n"
                + "        path: team a/my app.db\n"
                + "        endpoint: " + s3.endpoint() + "\n"
                + "        region: us-east-1\n"
                + "        force-path-style: true\n"
                + "        access-key-id: ${LSC_TEST_KEY}\n"
                + "        secret-access-key: ${LSC_TEST_SECRET}\n"
                + "        sync-interval: 10ms\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)");
        }
        Process p = Litestream.start(dir, env, dir.resolve("litestream.log"), "replicate", "-config",
                config.toString());
        try {
            Thread.sleep(1200);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                for (int i = 0; i < 50; i++) {
                    st.execute("INSERT INTO notes(body) VALUES ('note " + i + " with spaces')");
                    Thread.sleep(5);
                }
            }
            Thread.sleep(1200);
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(dir.resolve("my%20backups/app%20db/generations")).as(Files.readString(dir.resolve("litestream.log")))
                .isDirectory();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        Litestream.deleteTree(dir);
    }

    @Test
    void listingsAndRestoresMatchLitestream() throws Exception {
        Map<String, String> creds = Map.of("LITESTREAM_ACCESS_KEY_ID", S3Server.KEY,
                "LITESTREAM_SECRET_ACCESS_KEY", S3Server.SECRET);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(creds);
        String fileUrl = "file://" + dir.resolve("my backups/app db");
        String s3Url = "s3://backups.localhost:" + s3.port() + "/team a/my app.db";
        List<String[]> sources = List.of(
                new String[] {"-config", config.toString(), "-replica", "files", db.toString()},
                new String[] {"-config", config.toString(), "-replica", "s3", db.toString()},
                new String[] {fileUrl}, new String[] {s3Url});
        int n = 0;
        for (String[] src : sources) {
            String[] list = concat("snapshots", src);
            Litestream.Result theirs = Litestream.exec(dir, all, list);
            CliRun.Result ours = CliRun.run(all, list);
            assertThat(theirs.exit()).as(String.join(" ", list) + theirs.stderr()).isZero();
            assertThat(ours.exit()).as(String.join(" ", list) + ": " + ours.stderr()).isZero();
            assertThat(ours.stdout()).isEqualTo(theirs.stdout());
            assertThat(ours.stdout().lines().count()).isGreaterThan(1);

            Path t = dir.resolve("restored by them " + n + ".db");
            Path o = dir.resolve("restored by us " + n + ".db");
            assertThat(Litestream.exec(dir, all, concat("restore", concat("-o", concat(t.toString(), src)))).exit())
                    .isZero();
            CliRun.Result r = CliRun.run(all, concat("restore", concat("-o", concat(o.toString(), src))));
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(Files.mismatch(t, o)).as(String.join(" ", src)).isEqualTo(-1L);
            n++;
        }
    }

    private static String[] concat(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
