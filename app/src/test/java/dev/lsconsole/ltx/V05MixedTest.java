package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real upgrade path: litestream v0.3.13 replicates to a path, then v0.5.16 takes it over (file and
 * S3Proxy). Restores without flags, with -timestamp in the v0.3 era and in the v0.5 era, and with -txid give
 * the bytes litestream v0.5.16 gives for the same arguments (it reads both formats and picks one as
 * shouldUseV3Restore does); `ltx` lists what litestream v0.5.16 lists, and `generations`, `snapshots`, `wal`
 * what litestream v0.3.13 lists for the same replica (it still reads the v0.3 half of the path).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class V05MixedTest {
    @TempDir
    static Path shared;
    private final Map<V05Replica.Target, V05Replica> replicas = new EnumMap<>(V05Replica.Target.class);
    private int runs;
    private int fromV03;
    private int fromV05;
    private int ltxInsteadOfV03;
    private static final java.util.regex.Pattern LTX_INSTEAD = java.util.regex.Pattern.compile(
            "restoring the v0.5 LTX chain to TXID ([0-9a-f]{16}) .*litestream v0.5.16 would restore the older v0.3");
    private final List<String> failures = new ArrayList<>();

    @AfterAll
    void closeReplicas() {
        replicas.values().forEach(V05Replica::close);
    }

    private V05Replica replica(V05Replica.Target target) throws Exception {
        Litestream05.assumeAvailable();
        V05Replica r = replicas.get(target);
        if (r == null) {
            r = V05Replica.mixed(Files.createDirectories(shared.resolve(target.name())), target);
            replicas.put(target, r);
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void restoresEqualLitestream05(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        fromV03 = 0;
        fromV05 = 0;
        ltxInsteadOfV03 = 0;
        failures.clear();
        List<V05Replica.Commit> v03 = r.commits().stream().filter(c -> c.txid() == 0).toList();
        List<V05Replica.Commit> v05 = r.commits().stream().filter(c -> c.txid() != 0).toList();
        assertThat(v03).hasSizeGreaterThan(3);
        assertThat(v05).hasSizeGreaterThan(3);
        compare(r);
        TreeSet<Instant> times = new TreeSet<>();
        v03.forEach(c -> times.add(c.committedAt()));
        times.add(v03.get(0).committedAt().minusSeconds(30));
        times.add(v05.get(0).committedAt().minusMillis(300)); // between the eras
        for (int i = 0; i < v05.size(); i += 3) {
            times.add(v05.get(i).committedAt());
        }
        times.add(v05.get(v05.size() - 1).committedAt().plusMillis(500));
        for (Instant t : times) {
            compare(r, "-timestamp", t.toString());
        }
        for (int i = 0; i < v05.size(); i += 4) {
            compare(r, "-txid", v05.get(i).txidHex());
        }
        compare(r, "-txid", v05.get(v05.size() - 1).txidHex());
        System.out.println("mixed " + target + ": " + fromV03 + " restores from v0.3, " + fromV05 + " from v0.5, "
                + ltxInsteadOfV03 + " from v0.5 with more rows than litestream's v0.3 pick, both failed: " + failures);
        assertThat(ltxInsteadOfV03).as("v0.5-era timestamps before the first level-9 snapshot").isPositive();
        assertThat(fromV03).as("restores litestream v0.5.16 made from the v0.3 generation").isGreaterThan(3);
        assertThat(fromV05).as("restores from the LTX chain").isGreaterThan(5);
    }

    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void ltxListingEqualsLitestream05(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        for (String[] extra : List.of(new String[] {"-json"}, new String[0])) {
            List<String> args = new ArrayList<>(List.of("ltx", "-level", "all"));
            args.addAll(Arrays.asList(extra));
            args.addAll(List.of("-config", r.config.toString(), r.db.toString()));
            CliRun.Result ours = CliRun.run(r.env, args.toArray(String[]::new));
            Litestream.Result theirs = Litestream05.exec(r.dir, r.env, args.toArray(String[]::new));
            assertThat(theirs.exit()).as(theirs.stderr()).isZero();
            assertThat(ours.exit()).as(ours.stderr()).isZero();
            assertThat(ours.stdout()).isEqualTo(theirs.stdout());
            assertThat(ours.stderr()).isEmpty();
        }
    }

    /** litestream v0.3.13 reads the v0.3 half of the path; our listings of it equal its (lag column aside). */
    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void v03ListingsEqualLitestream03(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        Path v03config = r.dir.resolve("litestream03.yml");
        for (String command : List.of("generations", "snapshots", "wal")) {
            CliRun.Result ours = CliRun.run(r.env, command, "-config", r.config.toString(), r.db.toString());
            Litestream.Result theirs = Litestream.exec(r.dir, r.env, command, "-config", v03config.toString(),
                    r.db.toString());
            assertThat(theirs.exit()).as(theirs.stderr()).isZero();
            assertThat(ours.exit()).as(ours.stderr()).isZero();
            String expected = withoutLogs(theirs.stdout());
            if (command.equals("generations")) {
                assertThat(dropColumn(ours.stdout(), 2)).as(command).isEqualTo(dropColumn(expected, 2));
            } else {
                assertThat(ours.stdout()).as(command).isEqualTo(expected);
            }
            assertThat(ours.stdout().lines().count()).as(command).isGreaterThan(1);
            // stdout as litestream's; stderr one note that the upgraded path also holds the v0.5 chain
            assertThat(ours.stderr().lines()).as(command).singleElement().asString()
                    .startsWith("note: ").contains("also holds litestream v0.5 LTX files");
        }
    }

    static int rows(Path db) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String withoutLogs(String s) {
        return s.lines().filter(l -> !l.startsWith("time=")).collect(Collectors.joining("\n", "", "\n"));
    }

    private static List<String> dropColumn(String table, int col) {
        return table.lines().map(l -> {
            List<String> cells = new ArrayList<>(List.of(l.trim().split("\\s+")));
            cells.remove(col);
            return String.join(" ", cells);
        }).toList();
    }

    private void compare(V05Replica r, String... args) throws Exception {
        Path out = Files.createDirectories(r.dir.resolve("out-" + runs++));
        Path mine = out.resolve("ours.db");
        Path theirs = out.resolve("theirs.db");
        List<String> cmd = new ArrayList<>(List.of("restore", "-o", mine.toString()));
        cmd.addAll(Arrays.asList(args));
        cmd.addAll(List.of("-config", r.config.toString(), r.db.toString()));
        CliRun.Result ours = CliRun.run(r.env, cmd.toArray(String[]::new));
        Litestream.Result lit = r.restoreWithLitestream(theirs, args);
        String what = r.target + " " + String.join(" ", args) + ": ours " + ours.stderr().strip() + " | litestream "
                + lit.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        java.util.regex.Matcher differs = LTX_INSTEAD.matcher(ours.stderr());
        if (lit.exit() == 0 && differs.find()) {
            // the documented difference: litestream restores the older v0.3 generation; we restore the LTX chain
            // to the TXID its plan reaches, byte-equal to litestream's own restore of that TXID
            assertThat(ours.exit()).as(what).isZero();
            Path byTxid = out.resolve("theirs-txid.db");
            Litestream.Result lt = r.restoreWithLitestream(byTxid, "-txid", differs.group(1));
            assertThat(lt.exit()).as(what + " " + lt.stderr()).isZero();
            assertThat(Files.mismatch(mine, byTxid)).as(what).isEqualTo(-1L);
            assertThat(rows(mine)).as(what).isGreaterThanOrEqualTo(rows(theirs));
            ltxInsteadOfV03 += rows(mine) > rows(theirs) ? 1 : 0;
            return;
        }
        if (lit.exit() == 0) {
            assertThat(ours.exit()).as(what).isZero();
            assertThat(Files.mismatch(mine, theirs)).as(what).isEqualTo(-1L);
            if (ours.stderr().contains("the v0.3 generation")) {
                fromV03++;
            } else {
                fromV05++;
            }
        } else if (lit.stderr().contains("timestamp does not exist") && ours.exit() == 0) {
            assertThat(ours.stderr()).as(what).contains("after the last restore point");
        } else {
            assertThat(ours.exit()).as(what).isEqualTo(1);
            assertThat(ours.stderr().strip()).as(what).doesNotContain("\n").startsWith("error: ");
            assertThat(mine).as(what).doesNotExist();
            if (args.length == 2 && args[0].equals("-timestamp")) {
                assertThat(ours.stderr()).as(what).contains("neither a v0.3 snapshot nor a v0.5 LTX file");
            }
            failures.add(what);
        }
        try (var left = Files.list(out)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("."))).as(what).isEmpty();
        }
    }
}
