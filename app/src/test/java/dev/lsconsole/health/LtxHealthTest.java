package dev.lsconsole.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Fixture;
import dev.lsconsole.testing.V05Replica;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify and check on litestream v0.5 replicas made by the real v0.5.16: LTX files are layout objects (not
 * strays), every file is read, and faults are named by key with the documented kind: a flipped byte in a
 * page, a truncated file, TXIDs no file holds any more (gap), a foreign file, a stopped writer (lag).
 * Only the first snapshot exists (snapshot interval 1 h), so removing the files that hold the TXID after
 * it leaves a real hole.
 */
class LtxHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final V05Replica.Settings SETTINGS = new V05Replica.Settings(Litestream05.VERSION, 16, 120, "1s",
            "2s", "1h", "1h", "1h");
    private static V05Replica made;
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    @BeforeAll
    static void make() throws Exception {
        if (Litestream05.available()) {
            made = V05Replica.make(shared, V05Replica.Target.FILE, SETTINGS, false);
        }
    }

    @AfterAll
    static void close() {
        if (made != null) {
            made.close();
        }
    }

    private Path copy() throws Exception {
        Litestream05.assumeAvailable();
        Path to = tmp.resolve("replica");
        try (Stream<Path> s = Files.walk(made.replicaRoot)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(made.replicaRoot.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static JsonNode run(String... args) throws Exception {
        CliRun.Result r = CliRun.run(Map.of(), args);
        assertThat(r.stdout()).as(r.stderr()).isNotBlank();
        JsonNode j = JSON.readTree(r.stdout());
        assertThat(r.exit()).as(r.stdout()).isEqualTo("ok".equals(j.get("status").asText()) ? 0 : 1);
        return j;
    }

    private static List<String> problems(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("problems").forEach(p -> out.add(p.get("kind").asText() + " " + p.get("object").asText()));
        return out;
    }

    private static List<Path> files(Path root, int level) throws Exception {
        try (Stream<Path> s = Files.list(root.resolve("ltx").resolve(Integer.toString(level)))) {
            return s.sorted().toList();
        }
    }

    /**
     * A hole in the middle that a later snapshot bridges: the chain goes on from that snapshot, but the lost
     * TXIDs are a gap and the restorable stretch splits in two (the tester's case: it said "OK").
     */
    @Test
    void aHoleBridgedByALaterSnapshotIsAGapAndSplitsTheWindow(@TempDir Path dir) throws Exception {
        Litestream05.assumeAvailable();
        V05Replica.Settings snapshots = new V05Replica.Settings(Litestream05.VERSION, 30, 150, "1s", "2s", "2s",
                "1h", "1h");
        try (V05Replica r = V05Replica.make(dir, V05Replica.Target.FILE, snapshots, false)) {
            List<Path> snaps = files(r.replicaRoot, 9);
            assertThat(snaps).as("several snapshots").hasSizeGreaterThan(1);
            long first = LtxNames.parse(snaps.get(0).getFileName().toString())[1];
            long last = LtxNames.parse(snaps.get(snaps.size() - 1).getFileName().toString())[1];
            long lost = first + (last - first) / 2; // between the first and the last snapshot
            for (int level = 0; level <= 8; level++) {
                if (!Files.isDirectory(r.replicaRoot.resolve("ltx").resolve(Integer.toString(level)))) {
                    continue;
                }
                for (Path p : files(r.replicaRoot, level)) {
                    long[] mm = LtxNames.parse(p.getFileName().toString());
                    if (mm != null && mm[0] <= lost && mm[1] >= lost) {
                        Files.delete(p);
                    }
                }
            }
            JsonNode v = run("verify", "--json", r.replicaRoot.toUri().toString());
            assertThat(problems(v)).anyMatch(p -> p.startsWith("gap ltx/"));
            assertThat(v.toString()).contains("their states cannot be restored");
            JsonNode windows = v.get("replicas").get(0).get("generations").get(0).get("restorableWindows");
            assertThat(windows).as(v.toPrettyString()).hasSize(2);
        }
    }

    /**
     * One flipped byte in a level-0 file that a level-1 file also covers (the tester's case, on the committed
     * fixture the real v0.5.16 made: L0 0a, L1 08-0c): the chain of sound files goes on through the level-1
     * file, but a restore to TXID 0a or 0b plans through the corrupt file and fails. The restorable windows
     * leave those states out, as restore does: 01..09, then 0c onwards.
     */
    @Test
    void statesWhoseRestoreNeedsACorruptFileAreNotRestorable() throws Exception {
        Path root = V05Fixture.materialize(tmp);
        Path bad = root.resolve("ltx/0/000000000000000a-000000000000000a.ltx");
        try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
            f.seek(120);
            int b = f.read();
            f.seek(120);
            f.write(b ^ 0x5a);
        }
        String url = root.toUri().toString();
        for (String txid : new String[] {"0000000000000009", "000000000000000a", "000000000000000b",
                "000000000000000c"}) {
            CliRun.Result r = CliRun.run(Map.of(), "restore", "-txid", txid, "-o", tmp.resolve(txid + ".db").toString(),
                    url);
            boolean needsBad = txid.endsWith("a") || txid.endsWith("b");
            assertThat(r.exit()).as(txid + ": " + r.stderr()).isEqualTo(needsBad ? 1 : 0);
        }
        JsonNode v = run("verify", "--json", url);
        assertThat(problems(v)).contains("corrupt ltx/0/000000000000000a-000000000000000a.ltx");
        JsonNode windows = v.get("replicas").get(0).get("generations").get(0).get("restorableWindows");
        assertThat(windows).as(v.toPrettyString()).hasSize(2);
        assertThat(windows.get(0).get("note").asText()).contains("000000000000000a..000000000000000b")
                .contains("ltx/0/000000000000000a-000000000000000a.ltx");
        assertThat(windows.get(1).get("note").isNull()).isTrue();
        // each window's first and last moment restores (v0.5: a timestamp takes files created strictly before it)
        for (JsonNode w : windows) {
            for (String at : new String[] {w.get("from").asText(), w.get("to").asText()}) {
                String t = java.time.Instant.parse(at).plusNanos(1).toString();
                CliRun.Result r = CliRun.run(Map.of(), "restore", "-timestamp", t, "-o",
                        tmp.resolve("at-" + System.nanoTime() + ".db").toString(), url);
                assertThat(r.exit()).as(t + ": " + r.stderr()).isZero();
            }
        }
        CliRun.Result text = CliRun.run(Map.of(), "verify", url);
        assertThat(text.stdout()).contains("ends before TXIDs 000000000000000a..000000000000000b");
    }

    @Test
    void cleanReplicaIsOkForVerifyDeepAndCheck() throws Exception {
        Path root = copy();
        long count;
        try (Stream<Path> s = Files.walk(root.resolve("ltx"))) {
            count = s.filter(Files::isRegularFile).count();
        }
        JsonNode v = run("verify", "--deep", "--json", root.toUri().toString());
        assertThat(problems(v)).isEmpty();
        assertThat(v.get("replicas").get(0).get("objectsRead").asLong()).isEqualTo(count);
        JsonNode c = run("check", "--json", "--max-lag", "24h", root.toUri().toString());
        assertThat(problems(c)).isEmpty();
        CliRun.Result text = CliRun.run(Map.of(), "verify", root.toUri().toString());
        assertThat(text.stdout()).contains("v0.5 LTX chain").doesNotContain("generation ltx")
                .as("the chain is not a generation that started").contains("0 generations started in the last day");
    }

    @Test
    void flippedByteTruncationGapStrayAndLagAreNamed() throws Exception {
        Path root = copy();
        Path l1 = files(root, 1).get(1);
        try (RandomAccessFile f = new RandomAccessFile(l1.toFile(), "rw")) {
            f.seek(120); // inside the first page's compressed bytes
            int b = f.read();
            f.seek(120);
            f.write(b ^ 0x5a);
        }
        Path l0 = files(root, 0).get(2);
        try (RandomAccessFile f = new RandomAccessFile(l0.toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }
        Files.writeString(root.resolve("ltx").resolve("0").resolve("notes.txt"), "hello");
        // the TXID after the only snapshot: remove every file of levels 0–8 that holds it
        long snap = LtxNames.parse(files(root, 9).get(0).getFileName().toString())[1];
        for (int level = 0; level <= 8; level++) {
            Path dir = root.resolve("ltx").resolve(Integer.toString(level));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path p : files(root, level)) {
                long[] mm = LtxNames.parse(p.getFileName().toString());
                if (mm != null && mm[0] <= snap + 1 && mm[1] >= snap + 1 && !p.equals(l1) && !p.equals(l0)) {
                    Files.delete(p);
                }
            }
        }
        String rel1 = root.relativize(l1).toString();
        String rel0 = root.relativize(l0).toString();
        JsonNode v = run("verify", "--json", root.toUri().toString());
        List<String> found = problems(v);
        assertThat(found).contains("corrupt " + rel1, "truncated " + rel0, "stray-object ltx/0/notes.txt");
        assertThat(found).anyMatch(p -> p.startsWith("gap ltx/"));
        assertThat(v.toString()).contains("file checksum mismatch").contains("TXIDs " + LtxNames.txid(snap + 1) + "..");

        JsonNode c = run("check", "--json", "--max-lag", "1ms", root.toUri().toString());
        assertThat(problems(c)).anyMatch(p -> p.startsWith("lag ltx/"));
    }
}
