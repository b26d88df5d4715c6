package dev.lsconsole.history;

import dev.lsconsole.replica.Replica;
import java.time.Instant;

/**
 * One line of restorable states in a replica: a v0.3 generation, or the v0.5 TXID chain (one per
 * replica). {@code first}/{@code last} are the oldest and newest object creation times; null when empty.
 */
public record History(Replica replica, Format format, String id, Instant first, Instant last, long objects,
                      long bytes) {
    /** The id of a replica's v0.5 chain (a v0.3 generation name is 16 hex digits, never this). */
    public static final String LTX_ID = "ltx";

    public String label() {
        return label(format, id);
    }

    /** "generation 1a2b…", or "the v0.5 LTX chain" for {@link #LTX_ID}. */
    public static String label(String id) {
        return label(LTX_ID.equals(id) ? Format.V05 : Format.V03, id);
    }

    static String label(Format format, String id) {
        return format == Format.V05 ? "the v0.5 LTX chain" : "generation " + id;
    }

    public boolean isEmpty() {
        return first == null;
    }
}
