package dev.lsconsole.restore;

import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import java.time.Instant;
import java.util.List;

/**
 * Exactly what a restore will read: one snapshot, then WAL segments in (index, offset) order, all in
 * one generation of one replica. {@code notes} explain choices that differ from litestream v0.3.13.
 */
public record RestorePlan(Replica replica, String generation, SnapshotInfo snapshot, List<WalSegmentInfo> segments,
                          Instant requested, List<String> notes) {
    public RestorePlan {
        segments = List.copyOf(segments);
        notes = List.copyOf(notes);
    }

    /** The time of the last restore point included (the newest object's creation time). */
    public Instant restoresTo() {
        Instant t = snapshot.createdAt();
        for (WalSegmentInfo s : segments) {
            if (s.createdAt().isAfter(t)) {
                t = s.createdAt();
            }
        }
        return t;
    }

    public long bytes() {
        long n = snapshot.size();
        for (WalSegmentInfo s : segments) {
            n += s.size();
        }
        return n;
    }
}
