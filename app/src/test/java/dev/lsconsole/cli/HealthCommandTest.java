package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.ReplicaFixture;
import dev.lsconsole.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify and check on replicas the real litestream v0.3.13 wrote (file and S3Proxy), clean and with one
 * fault each made in a copy: every fault named by its object key with the right kind, and the exit codes.
 */
class HealthCommandTest {
    static ReplicaFixture fx;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path replica;
    String url;

    @BeforeAll
    static void fixture() {
        fx = ReplicaFixture.get();
    }

    @BeforeEach
    void copyReplica() throws Exception {
        replica = fx.copyFileReplica(tmp.resolve("replica"));
        url = "file://" + replica;
    }

    static JsonNode json(CliRun.Result r) throws Exception {
        assertThat(r.stdout()).as(r.stderr()).isNotBlank();
        return JSON.readTree(r.stdout());
    }

    /** The problems of a JSON report as "kind object" strings. */
    static List<String> problems(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("problems").forEach(p -> out.add(p.get("kind").asText() + " " + p.get("object").asText()));
        return out;
    }

    private List<String> generations() throws Exception {
        try (Stream<Path> s = Files.list(replica.resolve("generations"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The WAL segments of the generation with the most of them, in (index, offset) order. */
    private List<Path> walSegments() throws Exception {
        List<Path> best = List.of();
        for (String g : generations()) {
            try (Stream<Path> s = Files.list(replica.resolve("generations").resolve(g).resolve("wal"))) {
                List<Path> segs = s.sorted().toList();
                best = segs.size() > best.size() ? segs : best;
            }
        }
        return best;
    }

    private String key(Path p) {
        return replica.relativize(p).toString();
    }

    private long objectCount() throws Exception {
        return objectCount(replica);
    }

    private static long objectCount(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root.resolve("generations"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void cleanFileReplicaIsOkAndEveryObjectIsRead() throws Exception {
        CliRun.Result r = CliRun.run(Map.of(), "verify", "--json", url);
        JsonNode j = json(r);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(0);
        assertThat(j.get("status").asText()).isEqualTo("ok");
        assertThat(problems(j)).isEmpty();
        JsonNode rep = j.get("replicas").get(0);
        assertThat(rep.get("objectsRead").asLong()).isEqualTo(objectCount());
        assertThat(rep.get("generations")).hasSize(2);
        for (JsonNode g : rep.get("generations")) {
            assertThat(g.get("restorable").get("from").isNull()).isFalse();
            assertThat(g.get("restorable").get("to").asText()).isEqualTo(g.get("last").asText());
        }
        CliRun.Result text = CliRun.run(Map.of(), "verify", url);
        assertThat(text.exit()).isEqualTo(0);
        assertThat(text.stdout()).contains(": OK", "restorable:", generations().get(0), generations().get(1));
    }

    @Test
    void cleanS3ReplicaIsOkForVerifyDeepAndCheck() throws Exception {
        CliRun.Result v = CliRun.run(fx.env, "verify", "--deep", "--json", "-config", fx.config.toString(),
                "-replica", "s3", fx.db.toString());
        JsonNode j = json(v);
        assertThat(v.exit()).as(v.stdout() + v.stderr()).isEqualTo(0);
        assertThat(j.get("replicas")).hasSize(1);
        Path s3root = fx.dir.resolve("s3").resolve(ReplicaFixture.BUCKET).resolve("app.db");
        assertThat(j.get("replicas").get(0).get("objectsRead").asLong()).isEqualTo(objectCount(s3root));
        CliRun.Result c = CliRun.run(fx.env, "check", "--json", "--max-lag", "24h", "-config", fx.config.toString(),
                "-replica", "s3", fx.db.toString());
        JsonNode cj = json(c);
        assertThat(c.exit()).as(c.stdout() + c.stderr()).isEqualTo(0);
        assertThat(cj.get("status").asText()).isEqualTo("ok");
        assertThat(cj.get("replicas").get(0).get("generations")).hasSize(2);
    }

    @Test
    void flippedByteInAMiddleWalSegmentIsCorrupt() throws Exception {
        List<Path> segs = walSegments();
        Path seg = segs.get(segs.size() / 2);
        byte[] b = Files.readAllBytes(seg);
        b[b.length / 2] ^= 0x5a;
        Files.write(seg, b, StandardOpenOption.TRUNCATE_EXISTING);
        CliRun.Result r = CliRun.run(Map.of(), "verify", "--json", url);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(1);
        JsonNode j = json(r);
        assertThat(j.get("status").asText()).isEqualTo("fail");
        assertThat(problems(j)).contains("corrupt " + key(seg));
    }

    @Test
    void truncatedSegmentIsTruncated() throws Exception {
        List<Path> segs = walSegments();
        Path seg = segs.get(segs.size() / 2);
        byte[] b = Files.readAllBytes(seg);
        Files.write(seg, java.util.Arrays.copyOf(b, b.length / 2), StandardOpenOption.TRUNCATE_EXISTING);
        CliRun.Result r = CliRun.run(Map.of(), "verify", "--json", url);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(problems(json(r))).contains("truncated " + key(seg));
    }

    @Test
    void deletedSegmentIsAGapNamingTheNextOneAndEndsTheWindow() throws Exception {
        List<Path> segs = walSegments();
        int i = segs.size() / 2;
        while (!sameIndex(segs.get(i), segs.get(i + 1))) {
            i++;
        }
        Files.delete(segs.get(i));
        Path next = segs.get(i + 1);
        CliRun.Result r = CliRun.run(Map.of(), "verify", "--json", url);
        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = json(r);
        assertThat(problems(j)).containsExactly("gap " + key(next));
        String gen = next.getParent().getParent().getFileName().toString();
        for (JsonNode g : j.get("replicas").get(0).get("generations")) {
            if (g.get("generation").asText().equals(gen)) {
                assertThat(g.get("restorable").get("note").asText()).contains(key(next));
                assertThat(g.get("restorable").get("to").asText()).isLessThan(g.get("last").asText());
            }
        }
    }

    @Test
    void segmentStartingInsideThePreviousOneIsAnOverlap() throws Exception {
        List<Path> segs = walSegments();
        int i = segs.size() / 2;
        while (!sameIndex(segs.get(i), segs.get(i + 1))) {
            i++;
        }
        Path seg = segs.get(i + 1);
        String name = seg.getFileName().toString();
        long offset = Long.parseLong(name.substring(9, 17), 16);
        Path moved = seg.resolveSibling(name.substring(0, 9) + String.format("%08x", offset - 8) + ".wal.lz4");
        Files.move(seg, moved);
        CliRun.Result r = CliRun.run(Map.of(), "verify", "--json", url);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(problems(json(r))).containsExactly("overlap " + key(moved));
    }

    private static boolean sameIndex(Path a, Path b) {
        return a.getFileName().toString().substring(0, 8).equals(b.getFileName().toString().substring(0, 8));
    }

    @Test
    void deletedSnapshotIsMissingSnapshot() throws Exception {
        String gen = generations().get(1);
        Path dir = replica.resolve("generations").resolve(gen).resolve("snapshots");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        CliRun.Result r = CliRun.run(Map.of(), "verify", "--json", url);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(problems(json(r))).containsExactly("missing-snapshot generations/" + gen + "/snapshots/");
        CliRun.Result c = CliRun.run(Map.of(), "check", "--max-lag", "24h", url);
        assertThat(c.exit()).isEqualTo(1);
        assertThat(c.stdout()).contains("missing-snapshot  generations/" + gen + "/snapshots/");
    }

    @Test
    void foreignFilesAreStrayObjects() throws Exception {
        String gen = generations().get(0);
        Files.writeString(replica.resolve("generations").resolve(gen).resolve("wal").resolve("notes.txt"), "hi");
        Files.writeString(replica.resolve("backup.tar"), "x");
        for (String[] args : new String[][] {{"verify", "--json", url}, {"check", "--json", "--max-lag", "24h", url}}) {
            String cmd = args[0];
            CliRun.Result r = CliRun.run(Map.of(), args);
            assertThat(r.exit()).as(cmd).isEqualTo(1);
            JsonNode j = json(r);
            assertThat(j.get("status").asText()).isEqualTo("warn");
            assertThat(problems(j)).containsExactlyInAnyOrder("stray-object generations/" + gen + "/wal/notes.txt",
                    "stray-object backup.tar");
        }
    }

    @Test
    void stoppedWriterIsLagPastTheThreshold() throws Exception {
        Path prom = tmp.resolve("health.prom");
        CliRun.Result r = CliRun.run(Map.of(), "check", "--json", "--max-lag", "1ms", "--prometheus", prom.toString(),
                url);
        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = json(r);
        assertThat(problems(j)).hasSize(1);
        assertThat(problems(j).get(0)).startsWith("lag generations/");
        assertThat(Files.readString(prom)).contains("litestream_console_health_status{replica=\"file\"", "} 2\n",
                "litestream_console_health_problems{replica=\"file\",location=\"" + replica + "\",kind=\"lag\"} 1\n");
        CliRun.Result ok = CliRun.run(Map.of(), "check", "--max-lag", "24h", url);
        assertThat(ok.exit()).as(ok.stdout()).isEqualTo(0);
    }

    /** Every time check and verify print that a person may type back into restore -timestamp restores. */
    @Test
    void printedTimesRestoreWhenTypedBack() throws Exception {
        List<String> times = new ArrayList<>();
        for (String cmd : new String[] {"check", "verify"}) {
            CliRun.Result r = CliRun.run(Map.of(), cmd, url);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("oldest restorable (\\S+?),")
                    .matcher(r.stdout());
            assertThat(m.find()).as(r.stdout() + r.stderr()).isTrue();
            times.add(m.group(1));
            java.util.regex.Matcher w = java.util.regex.Pattern.compile("(\\S+Z) \\.\\. (\\S+Z)").matcher(r.stdout());
            while (w.find()) {
                times.add(w.group(1));
                times.add(w.group(2));
            }
        }
        assertThat(times).hasSizeGreaterThan(4);
        for (String t : new java.util.LinkedHashSet<>(times)) {
            CliRun.Result r = CliRun.run(Map.of(), "restore", "-timestamp", t, "-o",
                    tmp.resolve("at-" + System.nanoTime() + ".db").toString(), url);
            assertThat(r.exit()).as(t + ": " + r.stderr()).isZero();
        }
    }

    /** --prometheus: a file node_exporter (another user) can read; a target it cannot write is named with why. */
    @Test
    void prometheusFileIsWorldReadableAndItsErrorsNameTheTarget() throws Exception {
        Path prom = tmp.resolve("health.prom");
        CliRun.Result ok = CliRun.run(Map.of(), "check", "--max-lag", "24h", "--prometheus", prom.toString(), url);
        assertThat(ok.exit()).as(ok.stderr()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(prom)))
                .isEqualTo("rw-r--r--");
        Path dir = Files.createDirectories(tmp.resolve("o2"));
        Files.writeString(dir.resolve("inside"), "kept");
        String[][] cases = {{"/proc/nope/x.prom", "no such file or directory"}, {dir.toString(), "is a directory"}};
        for (String[] c : cases) {
            CliRun.Result r = CliRun.run(Map.of(), "check", "--max-lag", "24h", "--prometheus", c[0], url);
            assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
            assertThat(r.stdout()).as("the finished check's report is not lost")
                    .startsWith(ok.stdout().lines().findFirst().orElseThrow()).contains("oldest restorable");
            assertThat(r.stderr().strip().lines().count()).as(r.stderr()).isEqualTo(1);
            assertThat(r.stderr().toLowerCase(java.util.Locale.ROOT)).as(r.stderr()).startsWith("error: ")
                    .contains(c[0] + ": " + c[1]).doesNotContain(".tmp");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("inside");
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** Values that make no sense are refused in one line before the replica is read, as restore refuses them. */
    @Test
    void negativeLimitsAndNoParallelismAreRefused() throws Exception {
        String[][] cases = {
            {"check", "--max-lag", "-5m"}, {"check", "--max-churn", "-1"}, {"verify", "-parallelism", "0"},
            {"verify", "-parallelism", "-3"}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(c));
            args.add(url);
            CliRun.Result r = CliRun.run(Map.of(), args.toArray(String[]::new));
            assertThat(r.exit()).as(args + ": " + r.stdout() + r.stderr()).isEqualTo(2);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr().strip().lines().count()).as(r.stderr()).isEqualTo(1);
            assertThat(r.stderr()).startsWith("error: invalid " + c[1] + " " + c[2] + ": ");
        }
        CliRun.Result restore = CliRun.run(Map.of(), "restore", "-parallelism", "0", "-o",
                tmp.resolve("x.db").toString(), url);
        CliRun.Result verify = CliRun.run(Map.of(), "verify", "-parallelism", "0", url);
        assertThat(verify.stderr()).as("the same check as restore's").isEqualTo(restore.stderr());
    }

    @Test
    void wrongSecretOrUnreachableIsExit2WithOneLine() throws Exception {
        String s3url = "s3://" + ReplicaFixture.BUCKET + ".localhost:" + fx.s3.port() + "/app.db";
        Map<String, String> wrong = Map.of("LITESTREAM_ACCESS_KEY_ID", S3Server.KEY,
                "LITESTREAM_SECRET_ACCESS_KEY", "not-the-secret");
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String unreachable = "s3://" + ReplicaFixture.BUCKET + ".localhost:" + closed + "/app.db";
        for (String cmd : new String[] {"verify", "check"}) {
            for (String u : new String[] {s3url, unreachable, "file://" + tmp.resolve("nothing-here")}) {
                CliRun.Result r = CliRun.run(wrong, cmd, "--json", u);
                assertThat(r.exit()).as(cmd + " " + u + ": " + r.stderr()).isEqualTo(2);
                assertThat(r.stdout()).isEmpty();
                assertThat(r.stderr().strip().lines().count()).as(r.stderr()).isEqualTo(1);
                assertThat(r.stderr()).startsWith("error: ");
            }
        }
        CliRun.Result bad = CliRun.run(Map.of(), "check", "--max-lag", "soon", url);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(CliRun.run(Map.of(), "verify", "--no-such-flag", url).exit()).isEqualTo(2);
        CliRun.Result noGen = CliRun.run(Map.of(), "verify", "-generation", "0000000000000000", url);
        assertThat(noGen.exit()).isEqualTo(2);
        assertThat(noGen.stderr()).startsWith("error: generation 0000000000000000 not found");
    }

    @Test
    void aFolderThatIsNotAReplicaIsNeverOk() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun.Result r = CliRun.run(Map.of(), "verify", "--json", "file://" + empty);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(problems(json(r))).containsExactly("empty generations");
        Files.writeString(empty.resolve("app.db"), "not a replica");
        CliRun.Result c = CliRun.run(Map.of(), "check", "--json", "file://" + empty);
        assertThat(c.exit()).isEqualTo(1);
        assertThat(problems(json(c))).containsExactlyInAnyOrder("empty generations", "stray-object app.db");
    }
}
