package dev.lsconsole.push;

import java.nio.file.Path;

/** A finished push: what was written where, the undo script, and how many rows did not read back exactly. */
public record PushResult(String target, String table, int inserts, int updates, long notVerified, Path undoScript) {
    public boolean verified() {
        return notVerified == 0;
    }
}
