package dev.lsconsole.timetravel;

import java.util.ArrayList;
import java.util.List;

/**
 * Every change of one row across a generation's restore points: when it appeared, each change (columns,
 * old and new) and when it vanished. Each event names the point where the new state is first seen and the
 * last point that still had the old one (where {@code restore -timestamp} gets the state before the change).
 * Memory grows with the number of changes of the row, not with the generation. The row is read only at
 * points whose pages may have changed it ({@link PageGate}).
 */
public final class RowHistory {
    public enum Kind { APPEARED, CHANGED, VANISHED }

    public record Event(Kind kind, Point before, Point at, Row oldRow, Row newRow, List<Row.Change> changes) {
    }

    /** The result: {@code tableSeen} false when the table exists at no point; events empty when the row never did. */
    /** {@code probed}: at how many of the {@code points} the row was read (the others cannot have changed it). */
    public record Result(Point first, Point last, int points, boolean tableSeen, Row initial, List<Event> events,
                         int probed) {
        public boolean everExisted() {
            return initial != null || !events.isEmpty();
        }
    }

    private RowHistory() {
    }

    public static Result of(Walk walk, RowProbe probe) {
        List<Event> events = new ArrayList<>();
        Point[] firstLast = new Point[2];
        RowProbe.State[] prev = new RowProbe.State[1];
        Row[] initial = new Row[1];
        boolean[] tableSeen = new boolean[1];
        int[] points = new int[1];
        PageGate<RowProbe.State> gate = new PageGate<>(probe, walk.tracksPages());
        walk.run((Walk.StepVisitor) (point, next, db, changed) -> {
            RowProbe.State s = gate.at(db, changed);
            points[0]++;
            tableSeen[0] |= s.tableExists();
            if (firstLast[0] == null) {
                firstLast[0] = point;
                initial[0] = s.row();
            } else {
                event(prev[0].row(), s.row(), firstLast[1], point).ifPresent(events::add);
            }
            firstLast[1] = point;
            prev[0] = s;
            return true;
        });
        return new Result(firstLast[0], firstLast[1], points[0], tableSeen[0], initial[0], events, gate.probed());
    }

    static java.util.Optional<Event> event(Row old, Row now, Point before, Point at) {
        if (old == null && now == null || old != null && old.equals(now)) {
            return java.util.Optional.empty();
        }
        if (old == null) {
            return java.util.Optional.of(new Event(Kind.APPEARED, before, at, null, now, List.of()));
        }
        if (now == null) {
            return java.util.Optional.of(new Event(Kind.VANISHED, before, at, old, null, List.of()));
        }
        return java.util.Optional.of(new Event(Kind.CHANGED, before, at, old, now, Row.changes(old, now)));
    }
}
