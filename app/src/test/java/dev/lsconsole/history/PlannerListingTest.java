package dev.lsconsole.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.replica.FileReplicaClient;
import dev.lsconsole.replica.ObjectCodec;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.testing.CountingClient;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.ReplicaFixture;
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
