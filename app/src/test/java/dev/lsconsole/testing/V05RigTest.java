package dev.lsconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the v0.5 rig: real replicas at levels 0, 1, 2 and 9 in both layouts, listed and restored by litestream. */
class V05RigTest {
    @TempDir
    Path tmp;

    @Test
    void fileReplicaHasAllLevelsAndRestoresByTxid() throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica r = V05Replica.file(tmp)) {
            assertThat(r.filesByLevel()).containsKeys(0, 1, 2, 9);
            assertThat(r.replicaRoot.resolve("ltx/9")).isDirectory();
            checkListingAndRestore(r);
        }
    }

    @Test
    void s3ReplicaHasAllLevelsAndRestoresByTxid() throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica r = V05Replica.s3(tmp)) {
            assertThat(r.filesByLevel()).containsKeys(0, 1, 2, 9);
            assertThat(r.replicaRoot.resolve("0009")).isDirectory();
            assertThat(r.replicaRoot.resolve("ltx")).doesNotExist();
            checkListingAndRestore(r);
        }
    }

    private void checkListingAndRestore(V05Replica r) throws Exception {
        Litestream.Result ls = r.ltxListing("all");
        assertThat(ls.exit()).as(ls.stderr()).isZero();
        JsonNode files = new ObjectMapper().readTree(ls.stdout());
        Set<Integer> levels = new HashSet<>();
        files.forEach(f -> levels.add(f.get("level").asInt()));
        assertThat(levels).contains(0, 1, 2, 9);
        assertThat(files.get(0).get("min_txid").asText()).matches("[0-9a-f]{16}");

        List<V05Replica.Commit> commits = r.commits();
        V05Replica.Commit middle = commits.get(commits.size() / 2);
        Path out = tmp.resolve("restored-" + middle.txidHex() + ".db");
        Litestream.Result res = r.restoreWithLitestream(r.replicaUrl(), out, "-txid", middle.txidHex());
        assertThat(res.exit()).as(res.stdout() + res.stderr()).isZero();
        assertThat(rows(out)).isEqualTo(middle.rows());
    }

    static int rows(Path db) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
