package dev.lsconsole.health;

import java.time.Instant;

/**
 * The moments a generation can be restored to, as verify found them: from its oldest sound snapshot to
 * its last WAL segment before the first fault. {@code from}/{@code to} are null when nothing of it can be
 * restored; {@code note} says where and why the window ends early (null when it reaches the end).
 */
public record Window(String generation, Instant from, Instant to, String note) {
    public boolean restorable() {
        return from != null;
    }
}
