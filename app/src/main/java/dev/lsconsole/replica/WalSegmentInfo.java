package dev.lsconsole.replica;

import java.time.Instant;

/** A WAL segment object: LZ4-compressed WAL bytes of {@code index} starting at byte {@code offset}. */
public record WalSegmentInfo(String generation, int index, long offset, long size, Instant createdAt) {
    public Pos pos() {
        return new Pos(generation, index, offset);
    }
}
