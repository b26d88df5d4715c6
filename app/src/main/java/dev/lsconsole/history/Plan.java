package dev.lsconsole.history;

import dev.lsconsole.replica.Replica;
import java.time.Instant;
import java.util.List;

/**
 * A planned restore, whatever the format: which replica and history it reads, the moment it restores to,
 * what it costs, and the notes where the choice differs from litestream's. Planners of each format make
 * them; the CLI, the window, time travel and health read them through this view.
 */
public interface Plan {
    Replica replica();

    Format format();

    /** The history read: a v0.3 generation's name, or {@link History#LTX_ID} for the v0.5 chain. */
    String historyId();

    /** The history as people read it: "generation 1a2b…" or "the v0.5 LTX chain". */
    default String historyLabel() {
        return History.label(format(), historyId());
    }

    /**
     * The moment the restored state is from: v0.3, the creation time of the newest object applied; v0.5, the
     * LTX timestamp of the last transaction applied (not when the snapshot it starts from was taken).
     */
    Instant restoresTo();

    /** Stored bytes to read. */
    long bytes();

    /** Objects to read. */
    int objectCount();

    List<String> notes();
}
