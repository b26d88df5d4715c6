package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our v0.5 listing and restores against the real litestream v0.5.16 on replicas it made (file and S3Proxy
 * layouts), with L0 retention short so older transactions are only in L1/L2 files and the planner must
 * pick across levels. Every TXID the workload committed, and timestamps at, just before and just after
 * every file's creation time: the same bytes where litestream restores, an error where it refuses —
 * except the documented difference (a timestamp after the last restore point restores the latest state).
 */
class LtxRestoreOracleTest {
    private static final V05Replica.Settings SETTINGS = new V05Replica.Settings(Litestream05.VERSION, 30, 120, "1s",
            "3s", "4s", "1h", "2s");

    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void listingAndRestoresMatchLitestream(V05Replica.Target target, @TempDir Path dir) throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica r = V05Replica.make(dir, target, SETTINGS, false)) {
            String cfg = r.config.toString();
            String db = r.db.toString();
            CliRun.Result ours = CliRun.run(r.env, "ltx", "-level", "all", "-json", "-config", cfg, db);
            Litestream.Result theirs = Litestream05.exec(r.dir, r.env, "ltx", "-level", "all", "-json", "-config", cfg, db);
            assertThat(ours.exit()).as(ours.stderr()).isZero();
            assertThat(ours.stdout()).isEqualTo(theirs.stdout());
            CliRun.Result table = CliRun.run(r.env, "ltx", "-level", "all", "-config", cfg, db);
            Litestream.Result theirTable = Litestream05.exec(r.dir, r.env, "ltx", "-level", "all", "-config", cfg, db);
            assertThat(table.stdout()).isEqualTo(theirTable.stdout());

            Path out = Files.createDirectories(dir.resolve("out"));
            int[] n = {0};
            Compare compare = args -> compare(r, out, n[0]++, args);
            compare.run();
            for (V05Replica.Commit c : r.commits()) {
                compare.run("-txid", c.txidHex());
            }
            compare.run("-txid", String.format("%016x", r.commits().get(r.commits().size() - 1).txid() + 5));
            for (Instant t : probeTimes(r)) {
                compare.run("-timestamp", t.toString());
            }
            assertThat(n[0]).isGreaterThan(60);
        }
    }

    private interface Compare {
        void run(String... args) throws Exception;
    }

    private static void compare(V05Replica r, Path out, int n, String... args) throws Exception {
        Path mine = out.resolve("ours-" + n + ".db");
        Path theirs = out.resolve("theirs-" + n + ".db");
        List<String> cmd = new ArrayList<>(List.of("restore", "-o", mine.toString()));
        cmd.addAll(Arrays.asList(args));
        cmd.addAll(List.of("-config", r.config.toString(), r.db.toString()));
        CliRun.Result ours = CliRun.run(r.env, cmd.toArray(String[]::new));
        Litestream.Result lit = r.restoreWithLitestream(theirs, args);
        String what = String.join(" ", args) + ": ours " + ours.stderr().strip() + " | litestream "
                + lit.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        if (lit.exit() == 0) {
            assertThat(ours.exit()).as(what).isZero();
            assertThat(Files.mismatch(mine, theirs)).as(what).isEqualTo(-1L);
        } else if (lit.stderr().contains("timestamp does not exist") && ours.exit() == 0) {
            // the documented difference: after the last restore point we restore the latest state
            assertThat(ours.stderr()).as(what).contains("after the last restore point");
            Path latest = out.resolve("latest-" + n + ".db");
            assertThat(r.restoreWithLitestream(latest).exit()).isZero();
            assertThat(Files.mismatch(mine, latest)).as(what).isEqualTo(-1L);
        } else {
            assertThat(ours.exit()).as(what).isEqualTo(1);
            assertThat(ours.stderr().strip()).as(what).doesNotContain("\n").startsWith("error: ");
            assertThat(mine).as(what).doesNotExist();
        }
        try (var left = Files.list(out)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("."))).as(what).isEmpty();
        }
    }

    /** Each file's creation time as litestream plans with it (S3: metadata), and 1 ms either side; commits too. */
    private static TreeSet<Instant> probeTimes(V05Replica r) {
        TreeSet<Instant> times = new TreeSet<>();
        try (Catalog cat = Catalog.ofConfig(r.config.toString(), true, name -> r.env.getOrDefault(name, System.getenv(name)))) {
            Replica rep = cat.databases().get(0).replicas().get(0);
            for (int level : rep.client().ltxLevels()) {
                List<LtxFileInfo> files = new ArrayList<>();
                try (ObjectIterator<LtxFileInfo> it = rep.client().ltxFiles(level)) {
                    it.forEachRemaining(files::add);
                }
                for (LtxFileInfo f : rep.client().accurateTimes(files)) {
                    times.add(f.createdAt());
                    times.add(f.createdAt().minusMillis(1));
                    times.add(f.createdAt().plusMillis(1));
                }
            }
        }
        r.commits().forEach(c -> times.add(c.committedAt()));
        times.add(times.first().minusSeconds(60));
        times.add(times.last().plusSeconds(60));
        return times;
    }
}
