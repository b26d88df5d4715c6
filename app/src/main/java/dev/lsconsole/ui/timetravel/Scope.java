package dev.lsconsole.ui.timetravel;

import dev.lsconsole.replica.Replica;
import java.time.Instant;

/**
 * Where a time-travel question is asked: the replica and generation a restored view (or the timeline)
 * came from, the moment whose state is the "old" one (the restored view's point; null: the first point),
 * and the live database the generation belongs to (for the push; may be null).
 */
public record Scope(Replica replica, String generation, Instant from, String live) {
}
