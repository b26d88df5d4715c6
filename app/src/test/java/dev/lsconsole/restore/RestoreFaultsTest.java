package dev.lsconsole.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.ReplicaFixture;
import dev.lsconsole.testing.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input or fault: one clear line naming what and where, exit 1, nothing left behind. */
class RestoreFaultsTest {
    static ReplicaFixture fx;

    @TempDir
    Path tmp;
    Path replica;
    Path outDir;
    Path out;
    String url;
    String gen;

    @BeforeAll
    static void fixture() {
        fx = ReplicaFixture.get();
    }

    @BeforeEach
    void copyReplica() throws Exception {
        replica = fx.copyFileReplica(tmp.resolve("replica"));
        outDir = Files.createDirectories(tmp.resolve("out"));
        out = outDir.resolve("restored.db");
        url = "file://" + replica;
        try (var s = Files.list(replica.resolve("generations"))) {
            gen = s.map(p -> p.getFileName().toString()).sorted().toList().get(0);
        }
    }

    private List<Path> walSegments() throws Exception {
        try (var s = Files.list(replica.resolve("generations").resolve(gen).resolve("wal"))) {
            return s.sorted().toList();
        }
    }

    private CliRun.Result restore(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "restore";
        args[1] = "-o";
        args[2] = out.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        args[args.length - 1] = url;
        return CliRun.run(Map.of(), args);
    }

    private void assertFailedCleanly(CliRun.Result r, String... fragments) throws Exception {
        assertThat(r.exit()).isEqualTo(1);
        String line = r.stderr().strip();
        assertThat(line.lines().count()).as(line).isEqualTo(1);
        assertThat(line).startsWith("error: ").contains(fragments);
        try (var s = Files.list(outDir)) {
            assertThat(s.toList()).as("nothing left in the output directory").isEmpty();
        }
    }

    /** Rewrites one object keeping its modification time (its place on the timeline). */
    private static void rewrite(Path p, byte[] bytes) throws Exception {
        FileTime t = Files.getLastModifiedTime(p);
        Files.write(p, bytes);
        Files.setLastModifiedTime(p, t);
    }

    @Test
    void corruptLz4BytesNameTheSegment() throws Exception {
        Path seg = walSegments().get(3);
        byte[] b = Files.readAllBytes(seg);
        for (int i = b.length / 2; i < b.length / 2 + 8 && i < b.length; i++) {
            b[i] ^= 0x5a;
        }
        rewrite(seg, b);
        assertFailedCleanly(restore("-generation", gen), "corrupt", seg.toString());
    }

    @Test
    void lz4ContentChecksumCatchesCorruptionOnItsOwn() throws Exception {
        Path seg = walSegments().get(3);
        byte[] b = Files.readAllBytes(seg);
        b[b.length / 2] ^= 0x01;
        try (InputStream in = dev.lsconsole.replica.ObjectCodec.plain().decode(new java.io.ByteArrayInputStream(b))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void corruptWalFrameWithValidLz4IsCaughtByWalChecksums() throws Exception {
        Path seg = walSegments().get(2);
        byte[] wal;
        try (InputStream in = new LZ4FrameInputStream(Files.newInputStream(seg))) {
            wal = in.readAllBytes();
        }
        wal[wal.length - 100] ^= 1; // inside the last page of the segment
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream o = new LZ4FrameOutputStream(buf)) {
            o.write(wal);
        }
        rewrite(seg, buf.toByteArray());
        assertFailedCleanly(restore("-generation", gen), "checksum mismatch", seg.toString());
    }

    @Test
    void truncatedSegmentNamesTheSegment() throws Exception {
        Path seg = walSegments().get(4);
        byte[] b = Files.readAllBytes(seg);
        rewrite(seg, java.util.Arrays.copyOf(b, b.length / 2));
        assertFailedCleanly(restore("-generation", gen), seg.toString());
    }

    /** The snapshot a restore of the first generation starts from (the newest in it). */
    private Path snapshotObject(Path replicaRoot) throws Exception {
        try (var s = Files.list(replicaRoot.resolve("generations").resolve(gen).resolve("snapshots"))) {
            return s.sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /** Empty, cut short, and a whole LZ4 frame holding a database cut short. */
    private static List<byte[]> badSnapshots(Path snapshot) throws Exception {
        byte[] lz4 = Files.readAllBytes(snapshot);
        byte[] db;
        try (InputStream in = new LZ4FrameInputStream(new java.io.ByteArrayInputStream(lz4))) {
            db = in.readAllBytes();
        }
        ByteArrayOutputStream cutDb = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream o = new LZ4FrameOutputStream(cutDb)) {
            o.write(db, 0, db.length / 2 / 4096 * 4096);
        }
        return List.of(new byte[0], java.util.Arrays.copyOf(lz4, lz4.length / 2), cutDb.toByteArray());
    }

    @Test
    void emptyOrTruncatedSnapshotNamesTheObject() throws Exception {
        Path snapshot = snapshotObject(replica);
        byte[] good = Files.readAllBytes(snapshot);
        for (byte[] bad : badSnapshots(snapshot)) {
            rewrite(snapshot, bad);
            assertFailedCleanly(restore("-generation", gen), "snapshot", snapshot.toString());
            rewrite(snapshot, good);
        }
    }

    @Test
    void emptyOrTruncatedSnapshotOnS3NamesTheObject() throws Exception {
        Path s3copy = tmp.resolve("s3copy");
        copyTree(fx.dir.resolve("s3"), s3copy);
        Path root = s3copy.resolve(ReplicaFixture.BUCKET).resolve("app.db");
        Path snapshot = snapshotObject(root);
        String key = "s3://" + ReplicaFixture.BUCKET + "/app.db/" + root.relativize(snapshot);
        byte[] good = Files.readAllBytes(snapshot);
        try (S3Server server = S3Server.start(s3copy)) {
            url = "s3://" + ReplicaFixture.BUCKET + ".localhost:" + server.port() + "/app.db";
            Map<String, String> keys = Map.of("LITESTREAM_ACCESS_KEY_ID", S3Server.KEY,
                    "LITESTREAM_SECRET_ACCESS_KEY", S3Server.SECRET);
            for (byte[] bad : badSnapshots(snapshot)) {
                rewrite(snapshot, bad);
                CliRun.Result r = CliRun.run(keys, "restore", "-o", out.toString(), "-generation", gen, url);
                assertFailedCleanly(r, "snapshot", key);
                rewrite(snapshot, good);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void deletedMiddleSegmentIsAGapNotAMalformedDatabase() throws Exception {
        List<Path> segs = walSegments();
        Path victim = null;
        for (int i = 1; i < segs.size() - 1; i++) {
            String a = segs.get(i).getFileName().toString();
            String next = segs.get(i + 1).getFileName().toString();
            if (!a.endsWith("_00000000.wal.lz4") && a.substring(0, 8).equals(next.substring(0, 8))) {
                victim = segs.get(i);
                break;
            }
        }
        assertThat(victim).as("a middle segment").isNotNull();
        Files.delete(victim);
        CliRun.Result r = restore("-generation", gen);
        assertFailedCleanly(r, "WAL gap in generation " + gen, "are missing before");
        // (litestream 0.3.13 on the same replica either fails with "database disk image malformed" or,
        // when the gap is in the last index, exits 0 with every transaction after the gap silently lost.)
    }

    /** Segments of one WAL index, by index (hex prefix of the name). */
    private java.util.TreeMap<String, List<Path>> byIndex() throws Exception {
        java.util.TreeMap<String, List<Path>> m = new java.util.TreeMap<>();
        for (Path p : walSegments()) {
            m.computeIfAbsent(p.getFileName().toString().substring(0, 8), k -> new java.util.ArrayList<>()).add(p);
        }
        return m;
    }

    @Test
    void missingInitialSegmentOfAnIndex() throws Exception {
        var entry = byIndex().entrySet().stream().filter(e -> !e.getKey().equals("00000000") && e.getValue().size() > 1)
                .findFirst().orElseThrow(() -> new AssertionError("the fixture has an index with several segments"));
        Files.delete(entry.getValue().get(0));
        assertFailedCleanly(restore("-generation", gen), "missing initial WAL segment of index " + entry.getKey(),
                entry.getValue().get(1).toString());
    }

    @Test
    void missingWholeIndex() throws Exception {
        var indexes = byIndex();
        assertThat(indexes).as("the fixture has several WAL indexes").hasSizeGreaterThan(2);
        String middle = new java.util.ArrayList<>(indexes.keySet()).get(1);
        for (Path p : indexes.get(middle)) {
            Files.delete(p);
        }
        assertFailedCleanly(restore("-generation", gen), "missing WAL index " + middle + " in generation " + gen);
    }

    @Test
    void missingSnapshot() throws Exception {
        Litestream.deleteTree(replica.resolve("generations").resolve(gen).resolve("snapshots"));
        assertFailedCleanly(restore("-generation", gen), "no snapshots available in generation " + gen);
    }

    @Test
    void timestampBeforeEveryBackup() throws Exception {
        assertFailedCleanly(restore("-timestamp", "2001-01-01T00:00:00Z"), "no matching backups found");
        CliRun.Result ok = restore("-timestamp", "2001-01-01T00:00:00Z", "-if-replica-exists");
        assertThat(ok.exit()).isZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void badFlagsAreOneLineErrors() throws Exception {
        assertFailedCleanly(restore("-timestamp", "yesterday"), "invalid -timestamp");
        assertFailedCleanly(restore("-index", "zz", "-generation", gen), "invalid hexadecimal format");
        assertFailedCleanly(restore("-index", "1"), "must specify generation when restoring to index");
        assertFailedCleanly(restore("-generation", gen, "-index", "7fff"), "WAL index 00007fff not found");
    }

    @Test
    void restoredFileIsPrivateAndAlone() throws Exception {
        CliRun.Result r = restore();
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-------");
        try (var s = Files.list(outDir)) {
            assertThat(s.toList()).as("no -wal, -shm or temp files beside it").containsExactly(out);
        }
    }

    @Test
    void existingOutputIsNeverTouched() throws Exception {
        Files.writeString(out, "precious");
        CliRun.Result r = restore();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("output path already exists: " + out);
        assertThat(Files.readString(out)).isEqualTo("precious");
        assertThat(restore("-if-db-not-exists").exit()).isZero();
        assertThat(Files.readString(out)).isEqualTo("precious");
    }

    @Test
    void unwritableOutput() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        out = file.resolve("sub").resolve("restored.db");
        CliRun.Result r = restore();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("cannot create output directory").contains(file.toString());
    }

    @Test
    void diskFullLeavesNothing() throws Exception {
        Path tiny = Files.createDirectories(tmp.resolve("tiny"));
        Litestream.Result m = Litestream.run(tmp, Map.of(), 30, "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs",
                tiny.toString());
        org.junit.jupiter.api.Assumptions.assumeTrue(m.exit() == 0, "cannot mount a tmpfs here: " + m.stderr());
        try {
            outDir = tiny;
            out = tiny.resolve("restored.db");
            assertFailedCleanly(restore(), "No space left on device", tiny.toString());
        } finally {
            Litestream.run(tmp, Map.of(), 30, "umount", tiny.toString());
        }
    }

    @Test
    void wrongSecretSaysSo() throws Exception {
        String cfg = "dbs:\n  - path: /data/app.db\n    replicas:\n      - type: s3\n        bucket: "
                + ReplicaFixture.BUCKET + "\n        path: app.db\n        endpoint: " + fx.s3.endpoint()
                + "\n        force-path-style: true\n        access-key-id: " + S3Server.KEY
                + "\n        secret-access-key: not-the-secret\n";
        Path config = Files.writeString(tmp.resolve("bad.yml"), cfg);
        CliRun.Result r = CliRun.run(Map.of(), "restore", "-config", config.toString(), "-o", out.toString(),
                "/data/app.db");
        assertFailedCleanly(r, "s3://backups/app.db", "access key or secret is wrong");
        assertThat(r.stderr()).doesNotContain("not-the-secret");
    }

    @Test
    void unreachableEndpointSaysSo() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "s3://backups.localhost:" + port + "/app.db";
        CliRun.Result r = CliRun.run(Map.of("LITESTREAM_ACCESS_KEY_ID", "k", "LITESTREAM_SECRET_ACCESS_KEY", "s"),
                "restore", "-o", out.toString(), url);
        assertFailedCleanly(r, "http://localhost:" + port, "cannot connect");
    }

    @Test
    void s3ServerStoppedMidRestoreLeavesNothing() throws Exception {
        Path s3copy = tmp.resolve("s3copy");
        try (var s = Files.walk(fx.dir.resolve("s3"))) {
            for (Path p : s.toList()) {
                Path t = s3copy.resolve(fx.dir.resolve("s3").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        S3Server server = S3Server.start(s3copy);
        AtomicBoolean stopped = new AtomicBoolean();
        try (Replica r = new ReplicaFactory(Map.of("LITESTREAM_ACCESS_KEY_ID", S3Server.KEY,
                "LITESTREAM_SECRET_ACCESS_KEY", S3Server.SECRET)::get, 4).open(ReplicaConfig.ofUrl(
                "s3://backups.localhost:" + server.port() + "/app.db"))) {
            RestorePlanner planner = new RestorePlanner();
            RestorePlanner.Target t = planner.chooseTarget(List.of(r), RestoreOptions.latest());
            RestorePlan plan = planner.plan(t, RestoreOptions.latest());
            assertThat(plan.segments()).hasSizeGreaterThan(50);
            Cancellation token = new Cancellation();
            assertThatThrownBy(() -> new RestoreEngine(2, Verify.FULL).restore(plan, out, p -> {
                if (p.phase() == RestoreProgress.Phase.SNAPSHOT && stopped.compareAndSet(false, true)) {
                    try {
                        server.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, token)).isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("s3://backups/app.db/generations/");
            assertThat(token.isCancelled()).as("a failure does not cancel the caller's token").isFalse();
        } finally {
            if (!stopped.get()) {
                server.close();
            }
        }
        assertThat(stopped).isTrue();
        try (var s = Files.list(outDir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void cancelLeavesNothing() throws Exception {
        try (Replica r = new ReplicaFactory(System::getenv, 4).open(ReplicaConfig.ofUrl(url))) {
            RestorePlanner planner = new RestorePlanner();
            RestorePlan plan = planner.plan(r, gen, RestoreOptions.latest(), null);
            Cancellation cancel = new Cancellation();
            assertThatThrownBy(() -> new RestoreEngine(2, Verify.FULL).restore(plan, out, p -> {
                if (p.indexesApplied() >= 1) {
                    cancel.cancel();
                }
            }, cancel)).isInstanceOf(CancellationException.class);
        }
        try (var s = Files.list(outDir)) {
            assertThat(s.toList()).isEmpty();
        }
    }
}
