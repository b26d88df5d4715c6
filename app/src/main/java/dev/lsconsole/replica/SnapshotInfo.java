package dev.lsconsole.replica;

import java.time.Instant;

/** A snapshot object: a whole LZ4-compressed database at the start of WAL index {@code index}. */
public record SnapshotInfo(String generation, int index, long size, Instant createdAt) {
}
