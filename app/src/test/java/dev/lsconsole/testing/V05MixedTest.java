package dev.lsconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The upgrade path, as the real binaries do it: v0.3.13 replicated to a path, then v0.5.16 took over the same
 * path. Both formats then live side by side; {@code ltx} lists only the LTX files, and {@code restore} picks the
 * v0.3 generation for a time before v0.5 started and the LTX chain for the latest state or a TXID.
 */
class V05MixedTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void v05TakesOverAV03PathAndStillRestoresTheV03Past(V05Replica.Target target) throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica r = V05Replica.mixed(tmp, target)) {
            assertThat(r.replicaRoot.resolve("generations")).isDirectory();
            assertThat(r.filesByLevel()).containsKeys(0, 1, 2, 9);
            JsonNode ltx = V05Fixture.JSON.readTree(r.ltxListing("all").stdout());
            assertThat(ltx).hasSize(r.filesByLevel().values().stream().mapToInt(List::size).sum());

            List<V05Replica.Commit> commits = r.commits();
            V05Replica.Commit early = commits.get(2); // written while v0.3.13 replicated
            V05Replica.Commit takeover = commits.stream().filter(c -> c.txid() == 1).findFirst().orElseThrow();
            assertThat(early.txid()).isZero();

            Path past = tmp.resolve("past.db");
            // just before the next commit: litestream ships a commit's WAL segment some ms after it, so a moment
            // right after the commit may still be the state before it
            String at = commits.get(3).committedAt().minusMillis(1).toString();
            Litestream.Result res = r.restoreWithLitestream(past, "-timestamp", at);
            assertThat(res.exit()).as(res.stderr()).isZero();
            // Only the v0.3 generation holds this state (TXID 1 already has every v0.3 row). S3 LastModified has
            // 1 s resolution, so the restore may run to the end of that second.
            assertThat(V05RigTest.rows(past)).isBetween(early.rows(), takeover.rows() - 1);

            Path latest = tmp.resolve("latest.db");
            assertThat(r.restoreWithLitestream(latest).exit()).isZero();
            assertThat(V05RigTest.rows(latest)).isEqualTo(commits.get(commits.size() - 1).rows());
            Path first = tmp.resolve("txid1.db");
            assertThat(r.restoreWithLitestream(first, "-txid", takeover.txidHex()).exit()).isZero();
            assertThat(V05RigTest.rows(first)).isEqualTo(takeover.rows());
        }
    }
}
