package dev.lsconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        // 250 ms between commits: the v0.3 era (12 commits) spans some 3 s, room for the moment chosen below
        V05Replica.Settings slow = V05Replica.Settings.quick();
        slow = new V05Replica.Settings(slow.version(), slow.transactions(), 250, slow.l1(), slow.l2(),
                slow.snapshotInterval(), slow.snapshotRetention(), slow.l0Retention());
        try (V05Replica r = V05Replica.make(tmp, target, slow, true)) {
            assertThat(r.replicaRoot.resolve("generations")).isDirectory();
            assertThat(r.filesByLevel()).containsKeys(0, 1, 2, 9);
            JsonNode ltx = V05Fixture.JSON.readTree(r.ltxListing("all").stdout());
            assertThat(ltx).hasSize(r.filesByLevel().values().stream().mapToInt(List::size).sum());

            List<V05Replica.Commit> commits = r.commits();
            List<V05Replica.Commit> v03 = commits.stream().filter(c -> c.txid() == 0).toList();
            V05Replica.Commit lastV03 = v03.get(v03.size() - 1);
            V05Replica.Commit takeover = commits.stream().filter(c -> c.txid() == 1).findFirst().orElseThrow();
            assertThat(takeover.rows()).isGreaterThanOrEqualTo(lastV03.rows());

            // The moment: the last millisecond of the second before the last v0.3 commit. S3 LastModified has 1 s
            // resolution, so a restore there may take in every segment shipped in that second, but never the last
            // commit's. Litestream ships a commit's WAL segment some time after it (10 ms sync interval, more on a
            // loaded machine: a CI run saw over 120 ms), so only a commit well before the moment is sure to be in.
            Instant at = lastV03.committedAt().truncatedTo(ChronoUnit.SECONDS).minusMillis(1);
            V05Replica.Commit early = v03.stream().filter(c -> c.committedAt().isBefore(at.minusMillis(500)))
                    .reduce((x, y) -> y).orElseThrow();
            Path past = tmp.resolve("past.db");
            Litestream.Result res = r.restoreWithLitestream(past, "-timestamp", at.toString());
            assertThat(res.exit()).as(res.stderr()).isZero();
            // Only the v0.3 generation holds this state (TXID 1 already has every v0.3 row).
            assertThat(V05RigTest.rows(past)).isBetween(early.rows(), lastV03.rows() - 1);

            Path latest = tmp.resolve("latest.db");
            assertThat(r.restoreWithLitestream(latest).exit()).isZero();
            assertThat(V05RigTest.rows(latest)).isEqualTo(commits.get(commits.size() - 1).rows());
            Path first = tmp.resolve("txid1.db");
            assertThat(r.restoreWithLitestream(first, "-txid", takeover.txidHex()).exit()).isZero();
            assertThat(V05RigTest.rows(first)).isEqualTo(takeover.rows());
        }
    }
}
