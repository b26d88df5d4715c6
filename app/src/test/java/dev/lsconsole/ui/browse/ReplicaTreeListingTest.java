package dev.lsconsole.ui.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectCodec;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.S3ReplicaClient;
import dev.lsconsole.replica.S3Settings;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.testing.S3Server;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.testfx.api.FxToolkit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a v0.5 replica in the window lists each LTX level once: the chain's figures (time range, bytes) and
 * its snapshot count come from the same listing. Counted as the LIST pages S3Proxy answers, on a replica the
 * real litestream v0.5.16 wrote to it (every level holds under 1000 files: one page each).
 */
class ReplicaTreeListingTest {
    @TempDir
    Path tmp;

    /** ReplicaTree is a TreeView: its class needs the (headless) toolkit to load. */
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void theChainsFiguresListEachLevelOnce() throws Exception {
        try (V05Replica v05 = V05Replica.s3(tmp);
             S3ReplicaClient client = new S3ReplicaClient(new S3Settings(V05Replica.BUCKET, V05Replica.S3_PATH,
                     "us-east-1", v05.s3.endpoint(), true, false, S3Server.KEY, S3Server.SECRET), name -> null, 4)) {
            Replica replica = new Replica("s3", client, ObjectCodec.plain());
            TreeMap<Integer, List<String>> onDisk = v05.filesByLevel();
            assertThat(onDisk).containsKey(LtxNames.SNAPSHOT_LEVEL);
            int before = v05.s3.listings();
            GenerationBounds b = ReplicaTree.ltxBounds(replica);
            int lists = v05.s3.listings() - before;
            long all = onDisk.values().stream().mapToLong(List::size).sum();
            assertThat(b.snapshots()).isEqualTo(onDisk.get(LtxNames.SNAPSHOT_LEVEL).size());
            assertThat(b.snapshots() + b.segments()).isEqualTo(all);
            assertThat(lists).as("LIST pages: one for the levels, one per level " + onDisk.keySet())
                    .isEqualTo(1 + onDisk.size());
        }
    }
}
