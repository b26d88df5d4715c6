package dev.lsconsole.timetravel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.testing.TimeTravelReplica;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the window asks of the engine: progress "point n of total" (total known before the walk, equal to
 * the points visited), a table's probe key, and a write query refused before any walk.
 */
class WindowApiTest {
    @TempDir
    Path tmp;

    @Test
    void progressCountsEveryPointOfTheWalkAndKeysAndWritesAreKnownUpFront() throws Exception {
        TimeTravelReplica fx = TimeTravelReplica.get();
        try (Replica r = new ReplicaFactory(System::getenv, 2).open(ReplicaConfig.ofUrl("file://" + fx.replica))) {
            String gen = r.client().generations().get(0);
            RestorePlanner.Listing l = new RestorePlanner().list(r, gen);
            Walk walk = new Walk(r, gen, l, tmp, new Cancellation());
            int total = walk.points();
            List<int[]> told = new ArrayList<>();
            List<Point> visited = new ArrayList<>();
            List<List<String>> keys = new ArrayList<>();
            QueryProbe write = new QueryProbe("DELETE FROM items WHERE id = 7");
            QueryProbe read = new QueryProbe("SELECT name FROM items WHERE id = 7");
            walk.withProgress((n, of, p) -> told.add(new int[] {n, of})).run((p, db) -> {
                visited.add(p);
                if (visited.size() == total) {
                    keys.add(RowProbe.keyColumns(db, "items"));
                    keys.add(RowProbe.keyColumns(db, "pairs"));
                    keys.add(RowProbe.keyColumns(db, "filler"));
                    keys.add(RowProbe.keyColumns(db, "nosuch"));
                    assertThatThrownBy(() -> write.checkReadOnly(db))
                            .hasMessageStartingWith("refused: the query is not read-only");
                    read.checkReadOnly(db);
                }
                return true;
            });
            assertThat(visited).hasSize(total).hasSizeGreaterThan(10);
            assertThat(told).hasSize(total);
            for (int i = 0; i < told.size(); i++) {
                assertThat(told.get(i)).containsExactly(i + 1, total);
            }
            assertThat(keys).containsExactly(List.of("id"), List.of("a", "b"), List.of("rowid"), List.of());
        }
    }
}
