package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.RestoreException;
import dev.lsconsole.testing.V05Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify plans every restore point of a v0.5 chain from the listing in memory ({@link LtxPlanner.Listing});
 * those plans must be the ones restore makes ({@link LtxPlanner#plan}), on the fixture the real litestream
 * v0.5.16 made, also with files removed so that some TXIDs are reached only through coarser files or not at all.
 */
class LtxPlannerListingTest {
    @TempDir
    Path tmp;

    @Test
    void inMemoryPlansAreRestoresPlans() throws Exception {
        Path root = V05Fixture.materialize(tmp);
        compareEveryTxid(root);
        Files.delete(root.resolve("ltx/0/000000000000000a-000000000000000a.ltx"));
        Files.delete(root.resolve("ltx/9/0000000000000001-0000000000000019.ltx"));
        compareEveryTxid(root);
    }

    private static void compareEveryTxid(Path root) throws Exception {
        try (Catalog cat = Catalog.ofReplica(ReplicaConfig.ofUrl(root.toUri().toString()), System::getenv)) {
            Replica rep = cat.databases().get(0).replicas().get(0);
            List<LtxFileInfo> all = new ArrayList<>();
            for (int level : rep.client().ltxLevels()) {
                try (ObjectIterator<LtxFileInfo> it = rep.client().ltxFiles(level)) {
                    it.forEachRemaining(all::add);
                }
            }
            LtxPlanner.Listing listing = new LtxPlanner.Listing(all);
            int planned = 0;
            for (long txid = 1; txid <= 0x1a; txid++) {
                List<LtxFileInfo> expected;
                try {
                    expected = new LtxPlanner().plan(rep, txid, null).files();
                    planned++;
                } catch (RestoreException e) {
                    expected = null;
                }
                assertThat(listing.filesTo(txid)).as("TXID " + txid).isEqualTo(expected);
            }
            assertThat(planned).isGreaterThan(10);
        }
    }
}
