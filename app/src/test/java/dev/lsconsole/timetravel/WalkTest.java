package dev.lsconsole.timetravel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.testing.TimeTravelReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk's points are distinct moments in order, and its one working copy is gone after a cancel or an error. */
class WalkTest {
    @TempDir
    Path tmp;

    @Test
    void pointsAreDistinctAndOrderedAndTheCopyIsRemovedOnCancelAndError() throws Exception {
        TimeTravelReplica fx = TimeTravelReplica.get();
        try (Replica r = new ReplicaFactory(System::getenv, 2).open(ReplicaConfig.ofUrl("file://" + fx.replica))) {
            String gen = r.client().generations().get(0);
            RestorePlanner.Listing l = new RestorePlanner().list(r, gen);
            List<Instant> times = new ArrayList<>();
            List<Path> seen = new ArrayList<>();
            new Walk(r, gen, l, tmp, new Cancellation()).run((p, db) -> {
                times.add(p.time());
                seen.add(db);
                return true;
            });
            assertThat(times).isSorted().doesNotHaveDuplicates().hasSizeGreaterThan(10);
            assertThat(seen.stream().distinct().count()).as("one working copy").isEqualTo(1);
            assertThat(empty(tmp)).isTrue();

            Cancellation cancel = new Cancellation();
            int[] visits = new int[1];
            assertThatThrownBy(() -> new Walk(r, gen, l, tmp, cancel).run((p, db) -> {
                assertThat(db).exists();
                if (++visits[0] == 3) {
                    cancel.cancel();
                }
                return true;
            })).isInstanceOf(CancellationException.class);
            assertThat(visits[0]).isEqualTo(3);
            assertThat(empty(tmp)).as("nothing left after a cancel").isTrue();

            assertThatThrownBy(() -> new Walk(r, gen, l, tmp, new Cancellation()).run((p, db) -> {
                throw new TimeTravelException("probe failed");
            })).hasMessage("probe failed");
            assertThat(empty(tmp)).as("nothing left after an error").isTrue();
        }
    }

    private static boolean empty(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
