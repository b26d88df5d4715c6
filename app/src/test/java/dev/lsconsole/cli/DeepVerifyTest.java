package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sound objects can still hold a broken database: the real litestream replicates a database whose index
 * does not match its table (two index roots swapped through writable_schema). verify finds every object
 * sound; verify --deep restores the snapshot alone and the newest point and reports {@code integrity} for
 * both: the snapshot by its key, the newest point by the generation's folder.
 */
class DeepVerifyTest {
    @TempDir
    Path tmp;

    @Test
    void deepVerifyReportsAFailingIntegrityCheck() throws Exception {
        Path db = tmp.resolve("broken.db");
        Path replica = tmp.resolve("replica");
        brokenIndexes(db);
        Path cfg = tmp.resolve("litestream.yml");
        java.nio.file.Files.writeString(cfg, "dbs:\n  - path: " + db + "\n    monitor-interval: 10ms\n    replicas:\n"
                + "      - type: file\n        path: " + replica + "\n        sync-interval: 10ms\n");
        Process p = Litestream.start(tmp, Map.of(), tmp.resolve("ls.log"), "replicate", "-config", cfg.toString());
        try {
            Thread.sleep(1500);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                st.executeUpdate("INSERT INTO other(v) VALUES ('after the snapshot')");
            }
            Thread.sleep(1000);
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String url = "file://" + replica;
        CliRun.Result shallow = CliRun.run(Map.of(), "verify", "--json", url);
        assertThat(shallow.exit()).as(shallow.stdout() + shallow.stderr()).isEqualTo(0);
        CliRun.Result deep = CliRun.run(Map.of(), "verify", "--deep", "--json", url);
        assertThat(deep.exit()).as(deep.stdout() + deep.stderr()).isEqualTo(1);
        JsonNode j = HealthCommandTest.json(deep);
        String gen = j.get("replicas").get(0).get("generations").get(0).get("generation").asText();
        assertThat(HealthCommandTest.problems(j)).as("the snapshot alone and the newest point both fail")
                .containsExactly("integrity generations/" + gen + "/snapshots/00000000.snapshot.lz4",
                        "integrity generations/" + gen + "/");
        assertThat(j.get("problems").get(0).get("message").asText()).contains("index");
    }

    /** A valid SQLite file whose index i_t holds other's entries: integrity_check fails, every page is sound. */
    private static void brokenIndexes(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
            st.execute("CREATE TABLE other(id INTEGER PRIMARY KEY, v TEXT)");
            st.execute("CREATE INDEX i_t ON t(v)");
            st.execute("CREATE INDEX i_other ON other(v)");
            for (int i = 0; i < 50; i++) {
                st.executeUpdate("INSERT INTO t(v) VALUES ('t" + i + "')");
            }
            st.executeUpdate("INSERT INTO other(v) VALUES ('o')");
            int rt;
            int ro;
            try (ResultSet rs = st.executeQuery("SELECT (SELECT rootpage FROM sqlite_schema WHERE name='i_t'), "
                    + "(SELECT rootpage FROM sqlite_schema WHERE name='i_other')")) {
                rs.next();
                rt = rs.getInt(1);
                ro = rs.getInt(2);
            }
            st.execute("PRAGMA writable_schema=ON");
            st.executeUpdate("UPDATE sqlite_schema SET rootpage=" + ro + " WHERE name='i_t'");
            st.executeUpdate("UPDATE sqlite_schema SET rootpage=" + rt + " WHERE name='i_other'");
            st.execute("PRAGMA writable_schema=OFF");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).as("the database made for the test is broken").isNotEqualTo("ok");
        }
    }
}
