package dev.lsconsole.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.testing.ReplicaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index written into the database while it decodes (from its first commit, or from a later one
 * after keeping the earlier commits) gives the same bytes as the index kept whole and then drained.
 */
class WriteThroughTest {
    @TempDir
    Path tmp;

    @Test
    void writingThroughFromAnyCommitGivesTheDrainedBytes() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        try (Replica r = new ReplicaFactory(System::getenv, 4).open(ReplicaConfig.ofUrl("file://" + fx.fileReplica))) {
            String gen = r.client().generations().get(0);
            RestorePlan plan = new RestorePlanner().plan(r, gen, RestoreOptions.latest(), null);
            List<List<WalSegmentInfo>> groups = RestoreEngine.groupByIndex(plan.segments());
            assertThat(groups.size()).isGreaterThan(2);
            Cancellation cancel = new Cancellation();
            Path drained = tmp.resolve("drained.db");
            Files.createFile(drained); // fetchSnapshot writes into an existing file, never creates one
            RestoreEngine.fetchSnapshot(r, plan.snapshot(), drained, new AtomicLong(), cancel);
            for (int switchAfter : new int[] {0, 1, 3}) {
                Path through = tmp.resolve("through-" + switchAfter + ".db");
                Files.copy(drained, through);
            }
            int switchedLate = 0;
            try (DbFile a = new DbFile(drained, false)) {
                for (List<WalSegmentInfo> group : groups) {
                    try (WalDecoder d = RestoreEngine.decodeIndex(r, group, null, tmp, new AtomicLong(), cancel)) {
                        d.drainTo(a);
                    }
                }
            }
            for (int switchAfter : new int[] {0, 1, 3}) {
                try (DbFile b = new DbFile(tmp.resolve("through-" + switchAfter + ".db"), false)) {
                    for (List<WalSegmentInfo> group : groups) {
                        AtomicInteger commits = new AtomicInteger();
                        WalDecoder.WriteTurn turn = () -> commits.incrementAndGet() > switchAfter ? b : null;
                        try (WalDecoder d = RestoreEngine.decodeIndex(r, group, turn, tmp, new AtomicLong(), cancel)) {
                            if (d.isDirect()) {
                                d.finishDirect();
                                switchedLate += switchAfter > 0 ? 1 : 0; // it kept switchAfter commits first
                            } else {
                                d.drainTo(b);
                            }
                        }
                    }
                }
                assertThat(Files.mismatch(drained, tmp.resolve("through-" + switchAfter + ".db")))
                        .as("switching after %d commits", switchAfter).isEqualTo(-1L);
            }
            assertThat(switchedLate).as("indexes that kept commits, then wrote through").isPositive();
        }
    }
}
