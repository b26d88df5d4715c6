package dev.lsconsole.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.testing.ReplicaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walking a generation one segment at a time gives, at every step, what a restore up to that segment gives. */
class WorkingCopyTest {
    @TempDir
    Path tmp;

    @Test
    void stepsMatchRestoresOfTheSamePrefix() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        try (Replica r = new ReplicaFactory(System::getenv, 4).open(ReplicaConfig.ofUrl("file://" + fx.fileReplica))) {
            String gen = r.client().generations().get(0);
            RestorePlan full = new RestorePlanner().plan(r, gen, RestoreOptions.latest(), null);
            List<WalSegmentInfo> all = full.segments();
            assertThat(all.stream().map(WalSegmentInfo::index).distinct().count()).isGreaterThan(2);
            long previousUsers = -1;
            try (WorkingCopy wc = WorkingCopy.open(r, full.snapshot(), tmp.resolve("walk.db"), new Cancellation())) {
                for (int i = 0; i < all.size(); i++) {
                    wc.apply(all.get(i));
                    assertThat(wc.position().offset()).isGreaterThan(all.get(i).offset());
                    if (i % 40 == 0 || i == all.size() - 1) {
                        RestorePlan prefix = new RestorePlan(r, gen, full.snapshot(), all.subList(0, i + 1), null,
                                List.of());
                        Path ref = tmp.resolve("ref-" + i + ".db");
                        new RestoreEngine(4, Verify.NONE).restore(prefix, ref, RestoreProgress.Listener.NONE,
                                new Cancellation());
                        assertThat(Files.mismatch(ref, wc.file())).as("after segment " + i).isEqualTo(-1L);
                        long users = count(wc.file());
                        assertThat(users).isGreaterThanOrEqualTo(previousUsers);
                        previousUsers = users;
                    }
                }
                assertThatThrownBy(() -> wc.apply(all.get(0))).hasMessageContaining("does not follow position");
            }
        }
    }

    private static long count(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?immutable=1");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM users")) {
            return rs.getLong(1);
        }
    }
}
