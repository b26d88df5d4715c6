package dev.lsconsole.replica;

import java.time.Instant;

/**
 * One object under a replica's root, whatever it is: the raw listing a health check walks to find the
 * objects that do not belong to the layout as well as those that do. {@code key} is relative to the root.
 */
public record StoredObject(String key, long size, Instant modified) {
}
