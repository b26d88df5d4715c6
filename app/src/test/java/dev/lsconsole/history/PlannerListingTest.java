package dev.lsconsole.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.ltx.LtxPlanner;
import dev.lsconsole.replica.FileReplicaClient;
import dev.lsconsole.replica.ObjectCodec;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.testing.CountingClient;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.ReplicaFixture;
import dev.lsconsole.testing.V05Fixture;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often planning a restore asks a replica which LTX levels it holds (on S3 one LIST of the replica's
 * root). Once: on the upgrade path (v0.3 generations and v0.5 LTX files, written by the real litestream
 * v0.3.13 then v0.5.16) choosing the format by newest backup reuses the levels already listed. A plain v0.3
 * replica (written by litestream v0.3.13) is asked once too: that one question is what tells it from an
 * upgraded path, where the v0.5 chain may be the one to restore, so it stays.
 */
class PlannerListingTest {
    @TempDir
    Path tmp;

    @Test
    void upgradedPathListsItsLevelsOnce() throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica mixed = V05Replica.mixed(tmp, V05Replica.Target.FILE)) {
            CountingClient counting = new CountingClient(new FileReplicaClient(mixed.replicaRoot));
            Plan p = new Planner().plan(List.of(new Replica("file", counting.client(), ObjectCodec.plain())),
                    RestoreOptions.latest(), 0);
            assertThat(p).isNotNull();
            assertThat(p.format()).isEqualTo(Format.V05);
            assertThat(counting.calls("ltxLevels")).isEqualTo(1);
        }
    }

    /**
     * A v0.5 replica written by litestream v0.5.16 with levels 0, 1, 2 and 9: planning lists those levels' files
     * and no other (litestream lists levels 3-8 too, a LIST each on S3), and plans the same files as reading
     * every level 0-9 does.
     */
    @Test
    void v05PlanListsOnlyTheLevelsThatExist() throws Exception {
        Path root = V05Fixture.materialize(tmp);
        CountingClient counting = new CountingClient(new FileReplicaClient(root));
        Replica r = new Replica("file", counting.client(), ObjectCodec.plain());
        Plan p = new Planner().plan(List.of(r), RestoreOptions.latest(), 0);
        assertThat(p.format()).isEqualTo(Format.V05);
        assertThat(counting.calls("ltxLevels")).isEqualTo(1);
        for (int level = 3; level <= 8; level++) {
            assertThat(counting.calls("ltxFiles " + level)).as("level %d listed", level).isZero();
        }
        assertThat(counting.calls("ltxFiles 0")).isEqualTo(1);
        List<Integer> every = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (long txid : new long[] {0, 5, 19}) {
            assertThat(new LtxPlanner().plan(r, txid, null).files())
                    .isEqualTo(new LtxPlanner().plan(r, every, txid, null).files());
        }
    }

    @Test
    void plainV03ReplicaAsksForLevelsOnce() {
        ReplicaFixture fx = ReplicaFixture.get();
        CountingClient counting = new CountingClient(new FileReplicaClient(fx.fileReplica));
        Plan p = new Planner().plan(List.of(new Replica("file", counting.client(), ObjectCodec.plain())),
                RestoreOptions.latest(), 0);
        assertThat(p.format()).isEqualTo(Format.V03);
        assertThat(counting.calls("ltxLevels")).isEqualTo(1);
        assertThat(counting.calls("generations")).isEqualTo(1);
    }
}
