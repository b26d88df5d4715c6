package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicas > 1 accident, made with the real litestream v0.3.13: two processes replicate two copies
 * of a database to one replica path at the same time; check must name both generations.
 */
class ConcurrentWritersTest {
    @TempDir
    Path tmp;

    @Test
    void twoWritersToOnePathAreConcurrentWritersNamingBothGenerations() throws Exception {
        Path replica = tmp.resolve("replica");
        List<Process> procs = new ArrayList<>();
        List<Path> dbs = List.of(tmp.resolve("a.db"), tmp.resolve("b.db"));
        try {
            for (Path db : dbs) {
                createDb(db);
                Path cfg = tmp.resolve(db.getFileName() + ".yml");
                Files.writeString(cfg, "dbs:\n  - path: " + db + "\n    monitor-interval: 10ms\n    replicas:\n"
                        + "      - type: file\n        path: " + replica + "\n        sync-interval: 10ms\n");
                procs.add(Litestream.start(tmp, Map.of(), tmp.resolve(db.getFileName() + ".log"), "replicate",
                        "-config", cfg.toString()));
            }
            Thread.sleep(1500);
            write(dbs, 4000);
            Thread.sleep(500);
        } finally {
            for (Process p : procs) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        List<String> gens;
        try (Stream<Path> s = Files.list(replica.resolve("generations"))) {
            gens = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(gens).hasSize(2);
        CliRun.Result r = CliRun.run(Map.of(), "check", "--json", "--max-lag", "24h", "file://" + replica);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(1);
        JsonNode j = HealthCommandTest.json(r);
        assertThat(j.get("status").asText()).isEqualTo("fail");
        assertThat(j.get("problems")).hasSize(1);
        JsonNode p = j.get("problems").get(0);
        assertThat(p.get("kind").asText()).isEqualTo("concurrent-writers");
        assertThat(p.get("message").asText()).contains(gens.get(0), gens.get(1));
    }

    private static void createDb(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
        }
    }

    /** Both databases take a transaction in turn for {@code millis}. */
    private static void write(List<Path> dbs, long millis) throws Exception {
        List<Connection> cs = new ArrayList<>();
        try {
            for (Path db : dbs) {
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                c.createStatement().execute("PRAGMA busy_timeout=10000");
                cs.add(c);
            }
            long end = System.nanoTime() + millis * 1_000_000;
            for (int i = 0; i < 100_000 && System.nanoTime() < end; i++) {
                for (Connection c : cs) {
                    c.createStatement().executeUpdate("INSERT INTO t(v) VALUES ('" + "x".repeat(200) + i + "')");
                }
                Thread.sleep(20);
            }
        } finally {
            for (Connection c : cs) {
                c.close();
            }
        }
    }
}
