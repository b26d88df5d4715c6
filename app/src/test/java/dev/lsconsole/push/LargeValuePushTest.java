package dev.lsconsole.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.Litestream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push of rows holding a 50 MB BLOB, a 20 MB TEXT and a changed 12 MB BLOB, by the real CLI in a JVM
 * limited to 256 MB of heap, into a live file through the real sqlite3: the bytes arrive exactly, and the
 * undo file (with the 10 MB pre-image) puts live back. And when memory does run out, the user gets one
 * line saying so and how to raise the limit, not a stack trace.
 */
class LargeValuePushTest {
    private static final long MB = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void pushesLargeBlobAndTextWithin256MbOfHeap() throws Exception {
        Path restored = tmp.resolve("restored.db");
        Path live = tmp.resolve("live.db");
        Dbs.exec(restored, "CREATE TABLE files(id INTEGER PRIMARY KEY, name TEXT, body)",
                "INSERT INTO files VALUES (1, 'small', x'00ff')",
                "INSERT INTO files VALUES (2, 'big blob', randomblob(" + 50 * MB + "))",
                "INSERT INTO files VALUES (3, 'big text', 'é''\n\t' || hex(randomblob(" + 10 * MB + ")) || 'ü')",
                "INSERT INTO files VALUES (4, 'changed', randomblob(" + 12 * MB + "))");
        Files.copy(restored, live);
        Dbs.exec(live, "DELETE FROM files WHERE id IN (2, 3)", "UPDATE files SET body = randomblob(" + 10 * MB
                + ") WHERE id = 4", "PRAGMA wal_checkpoint(TRUNCATE)");
        Path before = tmp.resolve("live-before.db");
        Files.copy(live, before);

        Litestream.Result r = cli("-Xmx256m", "push", restored.toString(), live.toString(), "--table", "files",
                "--all-missing", "--mode", "upsert", "--yes", "--state-dir", tmp.resolve("state").toString());
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("done: 2 inserts, 1 updates");
        assertThat(r.stderr()).doesNotContain("\tat ");
        assertThat(differingRows(live, restored)).as("rows of live that differ from the restored copy").isZero();
        assertThat(Files.readString(tmp.resolve("state").resolve("audit.log"))).contains("\"outcome\":\"ok\"");

        Path undo;
        try (var s = Files.list(tmp.resolve("state").resolve("undo"))) {
            undo = s.findFirst().orElseThrow();
        }
        Process p = new ProcessBuilder("sqlite3", live.toString()).redirectInput(undo.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(differingRows(live, before)).as("after the undo, rows that differ from live before").isZero();
    }

    @Test
    void runningOutOfMemoryIsOneLineNamingTheHeapLimit() throws Exception {
        Path restored = tmp.resolve("restored.db");
        Path live = tmp.resolve("live.db");
        Dbs.exec(restored, "CREATE TABLE files(id INTEGER PRIMARY KEY, body)",
                "INSERT INTO files VALUES (1, x'00'), (2, randomblob(" + 50 * MB + "))");
        Files.copy(restored, live);
        Dbs.exec(live, "DELETE FROM files WHERE id = 2", "PRAGMA wal_checkpoint(TRUNCATE)");
        String before = Dbs.checksum(live);
        Litestream.Result r = cli("-Xmx8m", "push", restored.toString(), live.toString(), "--table", "files",
                "--all-missing", "--yes", "--state-dir", tmp.resolve("state").toString());
        assertThat(r.exit()).isEqualTo(1);
        List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(r.stderr()).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ").contains("out of memory").contains("-Xmx");
        assertThat(Dbs.checksum(live)).isEqualTo(before);
    }

    /** Rows (either way) whose id, storage classes or bytes differ between two databases. */
    private static long differingRows(Path a, Path b) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + a); Statement st = c.createStatement()) {
            st.execute("ATTACH DATABASE '" + b.toString().replace("'", "''") + "' AS other");
            String cols = "id, typeof(name), CAST(name AS BLOB), typeof(body), CAST(body AS BLOB)";
            try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM (SELECT " + cols + " FROM main.files "
                    + "EXCEPT SELECT " + cols + " FROM other.files)) + (SELECT count(*) FROM (SELECT " + cols
                    + " FROM other.files EXCEPT SELECT " + cols + " FROM main.files))")) {
                return rs.getLong(1);
            }
        }
    }

    /** The CLI in a fresh JVM whose heap limit really applies. */
    private Litestream.Result cli(String heap, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", System.getProperty("java.class.path"), "dev.lsconsole.Main"));
        cmd.addAll(List.of(args));
        return Litestream.run(tmp, Map.of(), 300, cmd.toArray(String[]::new));
    }
}
