package dev.lsconsole.health;

import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.SnapshotInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every restorable window of a generation, from what verify found: a window starts at a sound snapshot and
 * runs through the WAL that follows it until a missing index or a faulty segment; after such a break the
 * next window starts at the first sound snapshot past it. A generation split by a gap has two or more.
 */
final class Windows {
    /** What verify found in one WAL index: when its last good segment was written, and its first fault. */
    record Index(int index, Instant goodEnd, String faultKey) {
        boolean faulty() {
            return faultKey != null;
        }
    }

    private Windows() {
    }

    /** {@code sound} snapshots by index, {@code indexes} in index order; never empty. */
    static List<Window> of(String generation, List<SnapshotInfo> sound, List<Index> indexes) {
        List<Window> out = new ArrayList<>();
        int nextStart = Integer.MIN_VALUE; // the lowest snapshot index a window may start from
        int at = 0; // the first index not yet walked
        for (SnapshotInfo start : sound) {
            if (start.index() < nextStart) {
                continue;
            }
            while (at < indexes.size() && indexes.get(at).index() < start.index()) {
                at++;
            }
            Instant end = start.createdAt();
            int expected = start.index();
            String note = null;
            int bound = Integer.MAX_VALUE; // snapshots below this index restore within the window
            for (; at < indexes.size() && note == null; at++) {
                Index r = indexes.get(at);
                if (r.index() != expected) {
                    note = "ends before missing WAL index " + Layout.hex8(expected);
                    bound = expected;
                    nextStart = r.index();
                    break;
                }
                end = r.goodEnd() != null && r.goodEnd().isAfter(end) ? r.goodEnd() : end;
                if (r.faulty()) {
                    note = "ends before " + r.faultKey();
                    bound = r.index();
                    nextStart = r.index() + 1;
                }
                expected++;
            }
            for (SnapshotInfo s : sound) { // a snapshot taken after the window's last WAL segment extends it
                if (s.index() >= start.index() && s.index() < bound && s.createdAt().isAfter(end)) {
                    end = s.createdAt();
                }
            }
            out.add(new Window(generation, start.createdAt(), end, note));
            if (note == null) {
                break;
            }
        }
        if (out.isEmpty()) {
            out.add(new Window(generation, null, null, "no sound snapshot: nothing of it can be restored"));
        }
        return out;
    }
}
