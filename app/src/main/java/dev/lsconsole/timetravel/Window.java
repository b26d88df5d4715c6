package dev.lsconsole.timetravel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The database at two moments of one walk, without two restores: the working copy is walked to the last
 * restore point at or before {@code from}, copied once (the only second file), and walked on to the last
 * point at or before {@code to}; then {@code compare} sees both. Both files are removed at the end, also on
 * error or cancel.
 */
public final class Window {
    /** Compares the state at FROM with the state at TO; both files are only valid during the call. */
    public interface Compare {
        void compare(Point from, Path fromDb, Point to, Path toDb);
    }

    private Window() {
    }

    public static void run(Walk walk, Path tempRoot, Instant from, Instant to, Compare compare) {
        if (from.isAfter(to)) {
            throw new TimeTravelException("--from " + from + " is after --to " + to);
        }
        Path dir = walk.createDir(tempRoot);
        Path fromDb = dir.resolve("from.db");
        Point[] fromPoint = new Point[1];
        boolean[] done = new boolean[1];
        try {
            walk.run((Walk.PeekingVisitor) (point, next, db) -> {
                boolean lastBefore = next == null || next.isAfter(from);
                if (!point.time().isAfter(from) && lastBefore && fromPoint[0] == null) {
                    copy(db, fromDb);
                    fromPoint[0] = point;
                }
                boolean atTo = !point.time().isAfter(to) && (next == null || next.isAfter(to));
                if (atTo && fromPoint[0] != null) {
                    compare.compare(fromPoint[0], fromDb, point, db);
                    done[0] = true;
                    return false;
                }
                return !point.time().isAfter(to);
            });
        } finally {
            walk.deleteDir(dir);
        }
        if (!done[0]) {
            throw new TimeTravelException("no restore point at or before --from " + from + " in this history");
        }
    }

    private static void copy(Path db, Path to) {
        try {
            Files.copy(db, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TimeTravelException("cannot copy the working copy to " + to + ": " + e.getMessage(), e);
        }
    }
}
