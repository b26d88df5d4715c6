package dev.lsconsole.timetravel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.testing.BusyReplica;
import dev.lsconsole.testing.TimeTravelReplica;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a probe only where its pages changed gives exactly the answers of reading it at every point, on
 * replicas made by the real litestream; where an unrelated table's writes dominate, it reads far less.
 */
class PageSkipTest {
    /**
     * A restore point's time is its WAL segment's file modification time, which Linux takes from a coarse
     * clock (one scheduler tick, 4 ms at 250 Hz, behind the precise clock): a segment written within a tick
     * of a change can carry a time a few milliseconds before the fixture's Instant.now() of that change.
     */
    private static final java.time.Duration MTIME_TICK = java.time.Duration.ofMillis(10);

    @TempDir
    Path tmp;

    @Test
    void unrelatedWritesAreSkippedAndEveryChangeOfTheRowIsStillFound() throws Exception {
        BusyReplica fx = BusyReplica.get();
        withWalk(fx.replica, walk -> {
            RowProbe row = new RowProbe("watched", List.of("42"));
            RowHistory.Result skip = RowHistory.of(walk, row);
            RowHistory.Result every = RowHistory.of(walk.everyPoint(), row);
            assertSameHistory(skip, every);
            System.out.println("busy replica: the row read at " + skip.probed() + " of " + skip.points() + " points");
            assertThat(every.probed()).isEqualTo(every.points());
            assertThat(skip.points()).isGreaterThan(BusyReplica.EVENTS);
            assertThat(skip.probed()).as("reads of the row at " + skip.points() + " points").isLessThan(skip.points() / 8);
            assertThat(skip.events()).extracting(RowHistory.Event::kind).containsExactly(RowHistory.Kind.CHANGED,
                    RowHistory.Kind.CHANGED, RowHistory.Kind.CHANGED, RowHistory.Kind.VANISHED);
            List<BusyReplica.Change> truth = fx.changes.stream().filter(c -> !c.what().equals("split")).toList();
            for (int i = 0; i < truth.size(); i++) { // each event between the change before and the one after
                RowHistory.Event e = skip.events().get(i);
                if (i > 0) {
                    assertThat(e.before().time()).as(truth.get(i).what()).isAfter(truth.get(i - 1).since().minus(MTIME_TICK));
                }
                if (i + 1 < truth.size()) {
                    assertThat(e.at().time()).as(truth.get(i).what()).isBefore(truth.get(i + 1).since().plus(MTIME_TICK));
                }
            }
            assertThat(skip.events().get(0).changes()).extracting(Row.Change::column).containsExactly("v");
            assertThat(skip.events().get(1).changes()).extracting(Row.Change::column).containsExactly("big");
            assertThat(skip.events().get(2).changes()).extracting(Row.Change::column).containsExactly("note");

            for (Instant from : new Instant[] {null, fx.changes.get(0).since(), fx.changes.get(3).since()}) {
                assertSameBisect(walk, row.map(RowProbe.State::row), from);
                assertSameBisect(walk, new QueryProbe("SELECT id, v, length(big) FROM watched WHERE id BETWEEN 40 AND 44"
                        + " ORDER BY id"), from);
            }
            QueryProbe count = new QueryProbe("SELECT count(*) FROM watched WHERE id < 10000");
            Bisect.Result<QueryProbe.Result> c = Bisect.of(walk, count, fx.changes.get(2).since());
            assertThat(c.changed()).isTrue();
            assertThat(c.firstChanged().time()).isAfterOrEqualTo(fx.changes.get(3).since().minus(MTIME_TICK));
            assertSameBisect(walk, count, fx.changes.get(2).since());
            QueryProbe events = new QueryProbe("SELECT count(*) FROM events");
            Bisect.Result<QueryProbe.Result> e = Bisect.of(walk, events);
            assertThat(e.changed()).as("a probe of the busy table still sees its first change").isTrue();
            assertSameBisect(walk, events, null);
        });
    }

    @Test
    void historyAndBisectAreTheSameWithAndWithoutSkippingAcrossCheckpoints() throws Exception {
        TimeTravelReplica fx = TimeTravelReplica.get();
        withWalk(fx.replica, walk -> {
            for (RowProbe row : List.of(new RowProbe("items", List.of("7")), new RowProbe("items", List.of("8")),
                    new RowProbe("pairs", List.of("7", "1")), new RowProbe("filler", List.of("3")))) {
                RowHistory.Result skip = RowHistory.of(walk, row);
                assertSameHistory(skip, RowHistory.of(walk.everyPoint(), row));
                for (TimeTravelReplica.State s : fx.item7) {
                    assertSameBisect(walk, row.map(RowProbe.State::row), s.since());
                }
            }
            for (String q : List.of("SELECT * FROM items ORDER BY id", "SELECT count(*), max(a) FROM pairs",
                    "SELECT name FROM items WHERE id = 7", "SELECT count(*) FROM pragma_table_info('items')")) {
                for (TimeTravelReplica.State s : fx.item7) {
                    assertSameBisect(walk, new QueryProbe(q), s.since());
                }
            }
        });
    }

    private static void assertSameHistory(RowHistory.Result skip, RowHistory.Result every) {
        assertThat(skip.events()).isEqualTo(every.events());
        assertThat(skip.initial()).isEqualTo(every.initial());
        assertThat(skip.tableSeen()).isEqualTo(every.tableSeen());
        assertThat(skip.first()).isEqualTo(every.first());
        assertThat(skip.last()).isEqualTo(every.last());
        assertThat(skip.points()).isEqualTo(every.points());
        assertThat(skip.probed()).isLessThanOrEqualTo(every.probed());
    }

    private static <S> void assertSameBisect(Walk walk, Probe<S> probe, Instant from) {
        Bisect.Result<S> skip = Bisect.of(walk, probe, from);
        Bisect.Result<S> every = Bisect.of(walk.everyPoint(), probe, from);
        assertThat(skip.lastGood()).isEqualTo(every.lastGood());
        assertThat(skip.before()).isEqualTo(every.before());
        assertThat(skip.firstChanged()).isEqualTo(every.firstChanged());
        assertThat(skip.after()).isEqualTo(every.after());
        assertThat(skip.points()).isEqualTo(every.points());
        assertThat(every.probed()).isEqualTo(every.points());
    }

    private void withWalk(Path replicaDir, java.util.function.Consumer<Walk> body) throws Exception {
        try (Replica r = new ReplicaFactory(System::getenv, 2).open(ReplicaConfig.ofUrl("file://" + replicaDir))) {
            String gen = r.client().generations().get(0);
            RestorePlanner.Listing l = new RestorePlanner().list(r, gen);
            body.accept(new Walk(r, gen, l, tmp, new Cancellation()));
        }
    }
}
