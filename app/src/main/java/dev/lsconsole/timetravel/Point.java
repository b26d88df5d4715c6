package dev.lsconsole.timetravel;

import java.time.Instant;

/**
 * A restore point as {@code restore -timestamp} reaches it: the state after every object of the generation
 * created at or before {@code time}. {@code index}/{@code offset} name the last WAL segment applied
 * ({@code offset} -1: the snapshot alone). Format-neutral: nothing here is specific to v0.3's layout.
 */
public record Point(Instant time, int index, long offset) {
}
