package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.ltx.LtxHeader;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.ReplicaFixture;
import dev.lsconsole.testing.V05Fixture;
import dev.lsconsole.testing.V05Replica;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "restores to:" of a dry run is the moment the restored state is from, not when the snapshot it starts from
 * was taken. On the committed replica the real litestream v0.5.16 wrote, that is the LTX header timestamp of
 * the transaction the plan ends at (a file of levels 0–8 ending at that TXID: litestream stamps an L0 file
 * when it ships the transaction and a compacted file with its last input's time); a level-9 snapshot is
 * stamped when it is taken, later (its 1–7 snapshot 60 ms after TXID 7, its 1–19 one 18 ms after TXID 19).
 * On the replica the real litestream v0.3.13 wrote, it is the last WAL segment applied.
 */
class DryRunRestoresToTest {
    private static final Pattern FILES = Pattern.compile("(?m)^files: +\\d+, TXID ([0-9a-f]{16}) to ([0-9a-f]{16})$");
    private static final Pattern RESTORES_TO = Pattern.compile("(?m)^restores to: (\\S+)$");

    @TempDir
    Path tmp;

    @Test
    void v05RestoresToTheMomentOfTheLastTransactionApplied() throws Exception {
        Path replica = V05Fixture.materialize(tmp);
        Map<Long, Set<Instant>> byMaxTxid = headerTimesOfLevels0To8(replica.resolve("ltx"), 10);
        List<String[]> cases = List.of(new String[0], // latest: the 1–19 snapshot alone
                new String[] {"-txid", "0000000000000007"}, // exactly the 1–7 snapshot
                new String[] {"-txid", "000000000000000d"}, // snapshot, then L1 and L0 files
                new String[] {"-timestamp", "2026-11-30T03:47:21.097Z"}, // just after the 1–7 snapshot was taken
                new String[] {"-timestamp", "2026-11-30T03:47:22.066Z"});
        for (String[] target : cases) {
            assertRestoresToLastTransaction(Map.of(), replica.toUri().toString(), target, byMaxTxid);
        }
    }

    /**
     * On S3 the listing's times are upload times (a compacted file is uploaded after its last transaction):
     * the moment comes from the object's litestream-timestamp metadata, the LTX header's time.
     */
    @Test
    void v05OnS3RestoresToTheMomentOfTheLastTransactionApplied() throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica v05 = V05Replica.s3(tmp)) {
            Map<Long, Set<Instant>> byMaxTxid = headerTimesOfLevels0To8(v05.replicaRoot, 16);
            String url = "s3://" + V05Replica.BUCKET + ".localhost:" + v05.s3.port() + "/" + V05Replica.S3_PATH;
            V05Replica.Commit middle = v05.commits().get(v05.commits().size() / 2);
            for (String[] target : List.of(new String[0], new String[] {"-txid", middle.txidHex()})) {
                assertRestoresToLastTransaction(v05.env, url, target, byMaxTxid);
            }
        }
    }

    private static void assertRestoresToLastTransaction(Map<String, String> env, String url, String[] target,
                                                        Map<Long, Set<Instant>> byMaxTxid) {
        List<String> args = new ArrayList<>(List.of("restore", "--dry-run"));
        args.addAll(List.of(target));
        args.add(url);
        CliRun.Result r = CliRun.run(env, args.toArray(String[]::new));
        String what = String.join(" ", target) + "\n" + r.stdout() + r.stderr();
        assertThat(r.exit()).as(what).isZero();
        Matcher files = FILES.matcher(r.stdout());
        assertThat(files.find()).as(what).isTrue();
        long maxTxid = LtxNames.parseTxid(files.group(2));
        Set<Instant> moment = byMaxTxid.get(maxTxid);
        assertThat(moment).as("files of levels 0-8 ending at the plan's TXID: " + what).hasSize(1);
        assertThat(restoresTo(r.stdout())).as(what).isEqualTo(moment.iterator().next());
    }

    @Test
    void v03RestoresToTheLastWalSegmentApplied() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        String url = fx.fileReplica.toUri().toString();
        CliRun.Result latest = CliRun.run(Map.of(), "restore", "--dry-run", url);
        assertThat(latest.exit()).as(latest.stderr()).isZero();
        List<Instant> walTimes = walCreatedTimes(latest.stdout());
        assertThat(walTimes).as(latest.stdout()).isNotEmpty();
        assertThat(restoresTo(latest.stdout())).as(latest.stdout()).isEqualTo(walTimes.get(walTimes.size() - 1));
        // a moment between two segments: the last one created before it
        Instant between = walTimes.get(walTimes.size() / 2).plusNanos(1);
        CliRun.Result at = CliRun.run(Map.of(), "restore", "--dry-run", "-timestamp", between.toString(), url);
        assertThat(at.exit()).as(at.stderr()).isZero();
        List<Instant> applied = walCreatedTimes(at.stdout());
        assertThat(applied).as(at.stdout()).isNotEmpty();
        assertThat(restoresTo(at.stdout())).as(at.stdout()).isEqualTo(applied.get(applied.size() - 1))
                .isBeforeOrEqualTo(between);
    }

    private static Instant restoresTo(String stdout) {
        Matcher m = RESTORES_TO.matcher(stdout);
        assertThat(m.find()).as(stdout).isTrue();
        return Instant.parse(m.group(1));
    }

    /** The created column of the plan table's wal rows, in apply order. */
    private static List<Instant> walCreatedTimes(String stdout) {
        List<Instant> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 5 && cols[0].equals("wal")) {
                out.add(Instant.parse(cols[4]));
            }
        }
        return out;
    }

    /**
     * Each max TXID's LTX header timestamps over the files of levels 0–8, read from the files themselves
     * (level folders named in {@code radix}: a file replica's 0…9 under ltx/, S3's 0000…0009).
     */
    private static Map<Long, Set<Instant>> headerTimesOfLevels0To8(Path levels, int radix) throws Exception {
        Map<Long, Set<Instant>> out = new java.util.HashMap<>();
        for (int level = 0; level < LtxNames.SNAPSHOT_LEVEL; level++) {
            Path dir = levels.resolve(radix == 10 ? Integer.toString(level) : String.format("%04x", level));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".ltx")).toList()) {
                    LtxHeader h;
                    try (InputStream in = Files.newInputStream(f)) {
                        h = LtxHeader.parse(in.readNBytes(LtxHeader.SIZE), f.toString());
                    }
                    out.computeIfAbsent(h.maxTxid(), k -> new HashSet<>()).add(h.timestamp());
                }
            }
        }
        return out;
    }
}
