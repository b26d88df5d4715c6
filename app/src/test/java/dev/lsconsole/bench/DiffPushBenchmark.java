package dev.lsconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.Litestream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diff of a 1M-row table with 1 % changed, in a JVM limited to 256 MB of heap, and a push of 10k rows;
 * each through the packaged CLI in a fresh process. Prints figures; not a timed test.
 */
@Tag("bench")
class DiffPushBenchmark {
    @TempDir
    Path dir;

    @Test
    void diffAndPush() throws Exception {
        Path restored = dir.resolve("restored.db");
        Path live = dir.resolve("live.db");
        try (Connection c = Dbs.open(restored); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, score REAL, payload TEXT)");
            c.setAutoCommit(false);
            PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?, ?)");
            for (int i = 1; i <= 1_000_000; i++) {
                ps.setInt(1, i);
                ps.setString(2, "item " + i);
                ps.setDouble(3, i * 0.5);
                ps.setString(4, "payload-" + Integer.toHexString(i * 31) + "-".repeat(20));
                ps.addBatch();
                if (i % 10_000 == 0) {
                    ps.executeBatch();
                }
            }
            c.commit();
        }
        Files.copy(restored, live);
        // 1 %: 3,333 deleted, 3,333 changed, 3,334 added in live
        Dbs.exec(live, "DELETE FROM items WHERE id % 300 = 0",
                "UPDATE items SET score = -score WHERE id % 300 = 1",
                "INSERT INTO items SELECT id + 1000000, name, score, payload FROM items WHERE id % 300 = 2");
        List<String> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        Litestream.Result diff = cli("-Xmx256m", "diff", "--rows", "5", restored.toString(), live.toString());
        double diffSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(diff.exit()).as(diff.stderr()).isZero();
        assertThat(diff.stdout()).contains("3333").contains("3334");
        lines.add(String.format(Locale.ROOT, "diff 1M rows, 1 %% changed, -Xmx256m: %.2f s (target <= 3 s)", diffSeconds));

        // push: the 10k rows missing from a live copy
        Path live2 = missingOnePercent(restored, "live2");
        long t1 = System.nanoTime();
        Litestream.Result push = cli("-Xmx256m", "push", restored.toString(), live2.toString(), "--table", "items",
                "--all-missing", "--yes", "--state-dir", dir.resolve("state").toString());
        double pushSeconds = (System.nanoTime() - t1) / 1e9;
        assertThat(push.exit()).as(push.stderr()).isZero();
        assertThat(push.stdout()).contains("done: 10000 inserts");
        lines.add(String.format(Locale.ROOT, "push 10k rows to a local file (diff, script, transaction, read-back): "
                + "%.2f s (target <= 3 s)", pushSeconds));
        // the same push through Kubernetes exec (the stand-in API server, real websocket, real sqlite3)
        Path live3 = missingOnePercent(restored, "live3");
        try (dev.lsconsole.testing.StandInApiServer api = new dev.lsconsole.testing.StandInApiServer("prod", "app-0",
                "app")) {
            Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
            long t2 = System.nanoTime();
            Litestream.Result viaPod = cli(Map.of("KUBECONFIG", kubeconfig.toString()), "-Xmx256m", "push",
                    restored.toString(), "k8s://prod/app-0" + live3, "--table", "items", "--all-missing", "--yes",
                    "--state-dir", dir.resolve("state").toString());
            double podSeconds = (System.nanoTime() - t2) / 1e9;
            assertThat(viaPod.exit()).as(viaPod.stderr()).isZero();
            assertThat(viaPod.stdout()).contains("done: 10000 inserts");
            lines.add(String.format(Locale.ROOT, "whole push command through pod exec (stand-in API server; 62 MB "
                    + "snapshot streamed back, diff of 1M rows, transaction, read-back): %.2f s", podSeconds));

            // the write alone: a planned push of 10k rows sent through exec, committed and read back
            Path live4 = missingOnePercent(restored, "live4");
            dev.lsconsole.push.PushPlan plan;
            Path snap = dir.resolve("snap4.db");
            Files.copy(live4, snap);
            try (dev.lsconsole.diff.DiffEngine d = new dev.lsconsole.diff.DiffEngine(restored, snap)) {
                plan = new dev.lsconsole.push.PushPlanner().plan(d, "items", dev.lsconsole.push.PushMode.INSERT_MISSING,
                        null, null);
            }
            var target = dev.lsconsole.live.LiveTargets.open("k8s://prod/app-0" + live4,
                    Map.of("KUBECONFIG", kubeconfig.toString())::get);
            long t3 = System.nanoTime();
            var result = new dev.lsconsole.push.Pusher(dir.resolve("state")).push(target, plan);
            double writeSeconds = (System.nanoTime() - t3) / 1e9;
            assertThat(result.inserts()).isEqualTo(10_000);
            assertThat(result.verified()).isTrue();
            lines.add(String.format(Locale.ROOT, "push 10k rows through pod exec, the write itself (script on stdin, "
                    + "one transaction, read-back check): %.2f s (target <= 3 s)", writeSeconds));
        }
        String report = String.join("\n", lines);
        System.out.println("\n=== diff/push benchmark ===\n" + report + "\n");
        Files.writeString(Path.of("target", "bench-diff-push.txt"), report + "\n");
    }

    /** A copy of {@code restored} that lacks 1 % of the rows (10k): what a push brings back. */
    private Path missingOnePercent(Path restored, String name) throws Exception {
        Path live = dir.resolve(name + ".db");
        Files.copy(restored, live);
        Dbs.exec(live, "DELETE FROM items WHERE id % 100 = 0");
        return live;
    }

    private Litestream.Result cli(String heap, String... args) {
        return cli(Map.of(), heap, args);
    }

    private Litestream.Result cli(Map<String, String> env, String heap, String... args) {
        String jar = System.getProperty("bench.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + jar.replaceAll("\\.jar$", ".jsa"),
                "-jar", jar));
        cmd.addAll(List.of(args));
        return Litestream.run(dir, env, 600, cmd.toArray(String[]::new));
    }
}
