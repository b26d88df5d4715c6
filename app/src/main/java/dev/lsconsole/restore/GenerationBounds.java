package dev.lsconsole.restore;

import java.time.Instant;

/**
 * A generation's time range: the oldest and newest creation time of its snapshots and WAL segments
 * (litestream's GenerationTimeBounds), with counts and the newest position.
 */
public record GenerationBounds(String generation, Instant createdAt, Instant updatedAt, int snapshots,
                               long segments, long bytes) {
    public boolean isEmpty() {
        return createdAt == null;
    }

    public boolean contains(Instant t) {
        return !isEmpty() && !t.isBefore(createdAt) && !t.isAfter(updatedAt);
    }
}
