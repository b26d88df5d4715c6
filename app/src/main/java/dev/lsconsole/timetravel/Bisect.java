package dev.lsconsole.timetravel;

/**
 * The boundary where a probe's result changed: the last restore point that still had the result of the
 * generation's first point (or of a given moment) and the first point that did not. Walks forward with one working copy and stops
 * at the first change, so an early change costs little; the probe is read only at points whose pages may
 * have changed its result ({@link PageGate}).
 */
public final class Bisect {
    /** {@code firstChanged} is null when the result never changed ({@code lastGood} is then the last point). */
    /** {@code probed}: at how many of the {@code points} the probe was read (the others cannot have changed it). */
    public record Result<S>(Point lastGood, S before, Point firstChanged, S after, int points, int probed) {
        public boolean changed() {
            return firstChanged != null;
        }
    }

    private Bisect() {
    }

    public static <S> Result<S> of(Walk walk, Probe<S> probe) {
        return of(walk, probe, null);
    }

    /**
     * From {@code from} on (null: the first point): the old result is the one at the last point at or before
     * {@code from}; the probe is still read at the points before it, since the walk must pass them.
     */
    public static <S> Result<S> of(Walk walk, Probe<S> probe, java.time.Instant from) {
        Object[] state = new Object[4];
        int[] points = new int[1];
        PageGate<S> gate = new PageGate<>(probe, walk.tracksPages());
        walk.run((Walk.StepVisitor) (point, next, db, changed) -> {
            S now = gate.at(db, changed);
            points[0]++;
            boolean baseline = points[0] == 1 || from != null && !point.time().isAfter(from);
            if (!baseline && !java.util.Objects.equals(state[1], now)) {
                state[2] = point;
                state[3] = now;
                return false;
            }
            state[0] = point;
            state[1] = now;
            return true;
        });
        @SuppressWarnings("unchecked")
        Result<S> r = new Result<>((Point) state[0], (S) state[1], (Point) state[2], (S) state[3], points[0],
                gate.probed());
        return r;
    }
}
