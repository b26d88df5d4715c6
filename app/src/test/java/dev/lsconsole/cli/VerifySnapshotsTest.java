package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.SnapshotsReplica;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify on a generation the real litestream v0.3.13 wrote with several snapshots: {@code --deep} restores
 * each snapshot alone and names a damaged one, and a gap in the middle of the generation leaves two
 * restorable windows (up to the gap, and from the first snapshot after it), each reported.
 */
class VerifySnapshotsTest {
    static SnapshotsReplica fx;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fixture() {
        fx = SnapshotsReplica.get();
    }

    @Test
    void deepVerifyRestoresEachSnapshotAloneAndNamesTheDamagedOne() throws Exception {
        Path replica = fx.copy(tmp.resolve("replica"));
        List<Path> snaps = SnapshotsReplica.snapshots(replica);
        Path oldest = snaps.get(0);
        damageBtreePage(oldest);
        String url = "file://" + replica;

        CliRun.Result shallow = CliRun.run(Map.of(), "verify", "--json", url);
        assertThat(shallow.exit()).as("every object is sound: " + shallow.stdout()).isEqualTo(0);
        CliRun.Result deep = CliRun.run(Map.of(), "verify", "--deep", "--json", url);
        assertThat(deep.exit()).as(deep.stdout() + deep.stderr()).isEqualTo(1);
        JsonNode j = HealthCommandTest.json(deep);
        assertThat(HealthCommandTest.problems(j)).containsExactly("integrity " + replica.relativize(oldest));
        assertThat(j.get("problems").get(0).get("message").asText()).contains("snapshot");
        JsonNode w = j.get("replicas").get(0).get("generations").get(0).get("restorable");
        assertThat(Instant.parse(w.get("from").asText())).as("restorable from the next snapshot")
                .isEqualTo(mtime(snaps.get(1)));
    }

    @Test
    void aGapSplitsTheGenerationIntoTwoWindows() throws Exception {
        Path replica = fx.copy(tmp.resolve("replica"));
        List<Path> snaps = SnapshotsReplica.snapshots(replica);
        List<Path> segs = SnapshotsReplica.walSegments(replica);
        int last = SnapshotsReplica.index(snaps.get(snaps.size() - 1));
        int i = -1;
        for (int k = 1; k + 1 < segs.size(); k++) { // a segment inside its index (not its first nor its last)
            int idx = SnapshotsReplica.index(segs.get(k));
            if (idx >= SnapshotsReplica.index(snaps.get(0)) && idx < last
                    && SnapshotsReplica.index(segs.get(k - 1)) == idx && SnapshotsReplica.index(segs.get(k + 1)) == idx) {
                i = k;
                break;
            }
        }
        assertThat(i).as("a WAL index with 3+ segments before the last snapshot").isPositive();
        int gapIndex = SnapshotsReplica.index(segs.get(i));
        Path after = snaps.stream().filter(s -> SnapshotsReplica.index(s) > gapIndex).findFirst().orElseThrow();
        Files.delete(segs.get(i));
        String next = replica.relativize(segs.get(i + 1)).toString();

        CliRun.Result r = CliRun.run(Map.of(), "verify", "--json", "file://" + replica);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(1);
        JsonNode j = HealthCommandTest.json(r);
        assertThat(HealthCommandTest.problems(j)).containsExactly("gap " + next);
        JsonNode g = j.get("replicas").get(0).get("generations").get(0);
        JsonNode windows = g.get("restorableWindows");
        assertThat(windows).as(g.toString()).hasSize(2);
        assertThat(Instant.parse(windows.get(0).get("from").asText())).isEqualTo(mtime(snaps.get(0)));
        assertThat(windows.get(0).get("note").asText()).contains(next);
        assertThat(Instant.parse(windows.get(0).get("to").asText())).isBefore(mtime(after));
        assertThat(Instant.parse(windows.get(1).get("from").asText())).isEqualTo(mtime(after));
        assertThat(windows.get(1).get("to").asText()).isEqualTo(g.get("last").asText());
        assertThat(windows.get(1).get("note").isNull()).isTrue();
        assertThat(g.get("restorable")).isEqualTo(windows.get(0));

        CliRun.Result text = CliRun.run(Map.of(), "verify", "file://" + replica);
        String gen = g.get("generation").asText();
        assertThat(text.stdout().lines().filter(l -> l.startsWith("    generation " + gen)).count())
                .as(text.stdout()).isEqualTo(2);
    }

    private static Instant mtime(Path p) throws Exception {
        return Files.getLastModifiedTime(p).toInstant();
    }

    /** Zeroes the header of the index's root page in a snapshot, then compresses it again: still a SQLite file. */
    static void damageBtreePage(Path snapshot) throws Exception {
        FileTime modified = Files.getLastModifiedTime(snapshot);
        Path plain = snapshot.resolveSibling("plain.db");
        try (InputStream in = new LZ4FrameInputStream(Files.newInputStream(snapshot))) {
            Files.copy(in, plain);
        }
        int root;
        int pageSize;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + plain); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT rootpage FROM sqlite_schema WHERE name='t_v'), "
                     + "(SELECT page_size FROM pragma_page_size)")) {
            rs.next();
            root = rs.getInt(1);
            pageSize = rs.getInt(2);
        }
        byte[] b = Files.readAllBytes(plain);
        java.util.Arrays.fill(b, (root - 1) * pageSize, (root - 1) * pageSize + 12, (byte) 0);
        try (OutputStream out = new LZ4FrameOutputStream(Files.newOutputStream(snapshot))) {
            out.write(b);
        }
        Files.delete(plain);
        Files.setLastModifiedTime(snapshot, modified);
    }
}
