package dev.lsconsole.restore;

import dev.lsconsole.history.Format;
import dev.lsconsole.history.Plan;
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
                          Instant requested, List<String> notes) implements Plan {
    public RestorePlan {
        segments = List.copyOf(segments);
        notes = List.copyOf(notes);
    }

    @Override
    public Format format() {
        return Format.V03;
    }

    @Override
    public String historyId() {
        return generation;
    }

    @Override
    public int objectCount() {
        return 1 + segments.size();
    }

    /** The time of the last restore point included (the newest object's creation time). */
    @Override
    public Instant restoresTo() {
        Instant t = snapshot.createdAt();
        for (WalSegmentInfo s : segments) {
            if (s.createdAt().isAfter(t)) {
                t = s.createdAt();
            }
        }
        return t;
    }

    @Override
    public long bytes() {
        long n = snapshot.size();
        for (WalSegmentInfo s : segments) {
            n += s.size();
        }
        return n;
    }
}
