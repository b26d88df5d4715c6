package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.DroppingProxy;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.S3Server;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged v0.5 replicas (file and S3Proxy layouts) restored through the CLI: a flipped byte in a page of an
 * L1 file the plan reads, a truncated L0 file, a hole in the TXID chain (latest, -txid and -timestamp past
 * it), no snapshot at all, a file whose header TXIDs disagree with its name, a wrong S3 secret and S3Proxy
 * stopped mid-restore. Each must fail with exit 1 and one stderr line naming the object and the problem,
 * leaving nothing (no dot-files) in the output folder. One real replica per layout is shared; each case
 * damages it and puts it back (in place, so mtimes and S3Proxy's metadata survive). What litestream
 * v0.5.16 does with the same damage is printed ("litestream05-fault:" lines) for the README's table, and
 * checked where it silently restores less than asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LtxFaultsTest {
    private static final V05Replica.Settings SETTINGS = new V05Replica.Settings(Litestream05.VERSION, 30, 120, "1s",
            "3s", "4s", "1h", "2s");

    @TempDir
    static Path shared;
    private final Map<V05Replica.Target, V05Replica> replicas = new EnumMap<>(V05Replica.Target.class);
    private int runs;

    @AfterAll
    void closeReplicas() {
        replicas.values().forEach(V05Replica::close);
    }

    private V05Replica replica(V05Replica.Target target) throws Exception {
        Litestream05.assumeAvailable();
        V05Replica r = replicas.get(target);
        if (r == null) {
            r = V05Replica.make(Files.createDirectories(shared.resolve(target.name())), target, SETTINGS, false);
            replicas.put(target, r);
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void flippedByteInAPageOfAnL1FileNamesTheFile(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        Pick p = planWith(r, f -> f.level() == 1 && f.size() > 300);
        Path file = path(r, p.file);
        byte[] orig = Files.readAllBytes(file);
        byte[] bad = orig.clone();
        bad[LtxHeader.SIZE + 6 + 4 + 40] ^= 0x5a; // inside the first page's compressed block
        try (Undo u = rewrite(file, bad)) {
            String[] args = {"-txid", LtxNames.txid(p.target)};
            failsCleanly(r, args, p.file.name(), levelDir(r, 1));
            theirs(r, "flipped byte in L1 " + p.file.name(), args);
        }
    }

    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void truncatedL0FileNamesTheFile(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        Pick p = planWith(r, f -> f.level() == 0);
        Path file = path(r, p.file);
        byte[] orig = Files.readAllBytes(file);
        try (Undo u = rewrite(file, Arrays.copyOf(orig, orig.length / 2))) {
            String[] args = {"-txid", LtxNames.txid(p.target)};
            failsCleanly(r, args, p.file.name(), levelDir(r, 0));
            theirs(r, "truncated L0 " + p.file.name(), args);
        }
    }

    /**
     * Every file holding one TXID after the oldest snapshot is gone (and the snapshots that would jump it), so
     * the chain has a hole. Litestream v0.5.16 refuses a latest restore ("non-contiguous ltx files"), answers
     * -txid past the hole with "no matching backup files available" (the hole unnamed), and for -timestamp past
     * it stops at the hole and restores less than asked with exit 0 (checked below when it does: 5-7 of 30 rows
     * when measured); ours fails for all three, naming the files on both sides (the documented difference).
     */
    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void holeInTheChainFailsForLatestTxidAndTimestamp(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        List<LtxFileInfo> all = files(r);
        long lastTxid = all.stream().mapToLong(LtxFileInfo::maxTxid).max().orElseThrow();
        LtxFileInfo base = all.stream().filter(f -> f.level() == 9 && f.maxTxid() + 3 <= lastTxid)
                .min(java.util.Comparator.comparingLong(LtxFileInfo::maxTxid)).orElseThrow();
        long hole = base.maxTxid() + 1;
        List<LtxFileInfo> gone = all.stream().filter(f -> f.level() == 9 ? f.maxTxid() >= hole
                : f.minTxid() <= hole && f.maxTxid() >= hole).toList();
        Instant newest = all.stream().map(LtxFileInfo::createdAt).max(Instant::compareTo).orElseThrow();
        try (Undo u = remove(r, gone)) {
            String holeText = "non-contiguous";
            failsCleanly(r, new String[0], holeText, "ltx");
            theirs(r, "hole at TXID " + LtxNames.txid(hole) + " (latest)");
            String[] byTxid = {"-txid", LtxNames.txid(lastTxid)};
            failsCleanly(r, byTxid, holeText, LtxNames.txid(hole - 1));
            checkLitestreamRestoresLess(r, "hole at TXID " + LtxNames.txid(hole) + " (-txid last)", byTxid);
            String[] byTime = {"-timestamp", newest.toString()};
            failsCleanly(r, byTime, holeText, LtxNames.txid(hole - 1));
            checkLitestreamRestoresLess(r, "hole at TXID " + LtxNames.txid(hole) + " (-timestamp newest)", byTime);
        }
    }

    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void noSnapshotAtAllSaysSo(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        List<LtxFileInfo> gone = files(r).stream().filter(f -> f.level() == 9 || f.minTxid() == 1).toList();
        try (Undo u = remove(r, gone)) {
            failsCleanly(r, new String[0], "no snapshot to start from", "the oldest LTX file is", r.target == V05Replica.Target.FILE ? r.replicaRoot.toString()
                    : "s3://backups/app.db");
            theirs(r, "no snapshot (every L9 file and every file from TXID 1 deleted)");
        }
    }

    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void headerTxidsThatDisagreeWithTheNameAreCaught(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        Pick p = planWith(r, f -> f.level() < 9);
        LtxFileInfo other = files(r).stream().filter(f -> f.level() < 9 && f.minTxid() != p.file.minTxid())
                .findFirst().orElseThrow();
        Path file = path(r, p.file);
        try (Undo u = rewrite(file, Files.readAllBytes(path(r, other)))) {
            String[] args = {"-txid", LtxNames.txid(p.target)};
            failsCleanly(r, args, p.file.name(), "header says TXID");
            theirs(r, "file " + p.file.name() + " holding " + other.name() + "'s bytes", args);
        }
    }

    @ParameterizedTest
    @EnumSource(value = V05Replica.Target.class, names = "S3")
    void wrongSecretSaysSo(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        Map<String, String> env = Map.of("LSC_TEST_KEY", S3Server.KEY, "LSC_TEST_SECRET", "not-the-secret",
                "LITESTREAM_ACCESS_KEY_ID", S3Server.KEY, "LITESTREAM_SECRET_ACCESS_KEY", "not-the-secret");
        Path out = freshOut(r);
        CliRun.Result ours = CliRun.run(env, "restore", "-o", out.resolve("db").toString(), "-config",
                r.config.toString(), r.db.toString());
        assertFailedCleanly(ours, out, "s3://backups/app.db", "access key or secret is wrong");
        assertThat(ours.stderr()).doesNotContain("not-the-secret");
        Path theirOut = freshOut(r);
        Litestream.Result lit = Litestream05.exec(r.dir, env, "restore", "-o", theirOut.resolve("db").toString(),
                "-config", r.config.toString(), r.db.toString());
        report("wrong S3 secret", lit);
    }

    /**
     * The network to S3 goes away mid-restore: a proxy in front of S3Proxy drops every connection, and stops
     * listening, when the second LTX file is asked for (the first is already downloaded).
     */
    @ParameterizedTest
    @EnumSource(value = V05Replica.Target.class, names = "S3")
    void s3StoppedMidRestoreLeavesNothing(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        try (Catalog cat = catalog(r)) {
            Replica rep = cat.databases().get(0).replicas().get(0);
            assertThat(new LtxPlanner().plan(rep, r.commits().get(r.commits().size() - 1).txid(), null).files())
                    .as("the restore reads more than one LTX file").hasSizeGreaterThan(1);
        }
        Path out = freshOut(r);
        try (DroppingProxy proxy = DroppingProxy.start(r.s3.port(),
                line -> line.startsWith("GET ") && line.contains(".ltx "), 2)) {
            String cfg = Files.readString(r.config).replace(r.s3.endpoint(), proxy.endpoint());
            Path config = Files.writeString(r.dir.resolve("dropping.yml"), cfg);
            CliRun.Result ours = CliRun.run(r.env, "restore", "-o", out.resolve("db").toString(), "-parallelism", "1",
                    "-config", config.toString(), r.db.toString());
            assertThat(proxy.dropped()).as("the proxy saw %d LTX downloads", proxy.seen()).isTrue();
            assertFailedCleanly(ours, out, "s3://backups/app.db", proxy.endpoint());
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** A file that the plan for some committed TXID reads, and that TXID (the latest one that reads it). */
    private record Pick(LtxFileInfo file, long target) {
    }

    private Pick planWith(V05Replica r, Predicate<LtxFileInfo> wanted) {
        List<V05Replica.Commit> commits = new ArrayList<>(r.commits());
        java.util.Collections.reverse(commits);
        try (Catalog cat = catalog(r)) {
            Replica rep = cat.databases().get(0).replicas().get(0);
            for (V05Replica.Commit c : commits) {
                try {
                    for (LtxFileInfo f : new LtxPlanner().plan(rep, c.txid(), null).files()) {
                        if (wanted.test(f)) {
                            return new Pick(f, c.txid());
                        }
                    }
                } catch (RuntimeException notARestorePoint) {
                    // next commit
                }
            }
        }
        throw new IllegalStateException("no restore plan reads a wanted file");
    }

    private static Catalog catalog(V05Replica r) {
        return Catalog.ofConfig(r.config.toString(), true, name -> r.env.getOrDefault(name, System.getenv(name)));
    }

    private static List<LtxFileInfo> files(V05Replica r) {
        List<LtxFileInfo> all = new ArrayList<>();
        try (Catalog cat = catalog(r)) {
            Replica rep = cat.databases().get(0).replicas().get(0);
            for (int level : rep.client().ltxLevels()) {
                List<LtxFileInfo> files = new ArrayList<>();
                try (ObjectIterator<LtxFileInfo> it = rep.client().ltxFiles(level)) {
                    it.forEachRemaining(files::add);
                }
                all.addAll(rep.client().accurateTimes(files));
            }
        }
        return all;
    }

    private static String levelDir(V05Replica r, int level) {
        return r.target == V05Replica.Target.FILE ? "ltx/" + level + "/" : String.format("%04x/", level);
    }

    private static Path path(V05Replica r, LtxFileInfo f) {
        return r.replicaRoot.resolve(levelDir(r, f.level())).resolve(f.name());
    }

    private interface Undo extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    /** Rewrites a file in place (S3Proxy keeps its metadata in the file's extended attributes) and its mtime. */
    private static Undo rewrite(Path file, byte[] bytes) throws Exception {
        byte[] orig = Files.readAllBytes(file);
        FileTime t = Files.getLastModifiedTime(file);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, t);
        return () -> {
            Files.write(file, orig);
            Files.setLastModifiedTime(file, t);
        };
    }

    /** Moves files aside (a rename keeps mtimes and extended attributes) and back. */
    private static Undo remove(V05Replica r, List<LtxFileInfo> gone) throws Exception {
        assertThat(gone).isNotEmpty();
        Path attic = Files.createDirectories(r.dir.resolve("attic"));
        List<Path[]> moved = new ArrayList<>();
        for (LtxFileInfo f : gone) {
            Path from = path(r, f);
            Path to = attic.resolve(f.level() + "-" + f.name());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            moved.add(new Path[] {from, to});
        }
        return () -> {
            for (Path[] m : moved) {
                Files.move(m[1], m[0], StandardCopyOption.ATOMIC_MOVE);
            }
        };
    }

    private Path freshOut(V05Replica r) throws Exception {
        return Files.createDirectories(r.dir.resolve("out-" + runs++));
    }

    private void failsCleanly(V05Replica r, String[] args, String... fragments) throws Exception {
        Path out = freshOut(r);
        List<String> cmd = new ArrayList<>(List.of("restore", "-o", out.resolve("db").toString()));
        cmd.addAll(Arrays.asList(args));
        cmd.addAll(List.of("-config", r.config.toString(), r.db.toString()));
        assertFailedCleanly(CliRun.run(r.env, cmd.toArray(String[]::new)), out, fragments);
    }

    private static void assertFailedCleanly(CliRun.Result res, Path out, String... fragments) throws Exception {
        String line = res.stderr().strip();
        assertThat(res.exit()).as(line).isEqualTo(1);
        assertThat(line.lines().count()).as(line).isEqualTo(1);
        assertThat(line).startsWith("error: ").contains(fragments);
        try (var s = Files.list(out)) {
            assertThat(s.toList()).as("nothing left in the output directory").isEmpty();
        }
    }

    private Litestream.Result theirs(V05Replica r, String what, String... args) throws Exception {
        Path out = freshOut(r);
        Litestream.Result lit = r.restoreWithLitestream(out.resolve("db"), args);
        try (var left = Files.list(out)) {
            report(what + " [left in -o's folder: " + left.map(p -> p.getFileName().toString()).toList() + "]", lit);
        }
        return lit;
    }

    /** Where litestream exits 0 past a hole, it restored fewer transactions than asked: say and check so. */
    private void checkLitestreamRestoresLess(V05Replica r, String what, String... args) throws Exception {
        Path out = freshOut(r).resolve("db");
        Litestream.Result lit = r.restoreWithLitestream(out, args);
        report(what, lit);
        if (lit.exit() == 0) {
            int last = r.commits().get(r.commits().size() - 1).rows();
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + out);
                 var rs = c.createStatement().executeQuery("SELECT count(*) FROM items")) {
                rs.next();
                assertThat(rs.getInt(1)).as(what + ": litestream restored fewer rows than the target holds")
                        .isLessThan(last);
                System.out.println("litestream05-fault: " + r.target + " " + what + " -> rows " + rs.getInt(1)
                        + " of " + last);
            }
        }
    }

    private static void report(String what, Litestream.Result lit) {
        String last = (lit.stdout() + "\n" + lit.stderr()).strip().lines().filter(l -> !l.isBlank())
                .reduce((a, b) -> b).orElse("");
        System.out.println("litestream05-fault: " + what + " -> exit " + lit.exit() + ": " + last);
    }
}
