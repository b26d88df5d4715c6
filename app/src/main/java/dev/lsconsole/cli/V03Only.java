package dev.lsconsole.cli;

import dev.lsconsole.replica.Replica;
import java.io.PrintStream;
import java.util.List;

/**
 * The v0.3-only listings (generations, snapshots, wal) find nothing on a replica that holds only litestream
 * v0.5 LTX files; an empty table alone would read as "no backups", so each such replica gets one note saying
 * what it holds and which command lists it; on an upgraded path (both formats) the note says the LTX files
 * are there too.
 */
final class V03Only {
    private V03Only() {
    }

    /** Prints the note when {@code r} has no v0.3 generations ({@code generations}) but does hold LTX files. */
    static void noteIfLtxOnly(PrintStream err, Replica r, List<String> generations, String what, String instead) {
        if (r.client().ltxLevels().isEmpty()) {
            return;
        }
        if (generations.isEmpty()) {
            err.println("note: " + r.client().location() + " holds litestream v0.5 LTX files, which have no " + what
                    + ": use " + instead);
        } else { // an upgraded path: the v0.3 generations listed are its past, the LTX chain its present
            err.println("note: " + r.client().location() + " also holds litestream v0.5 LTX files (written after an "
                    + "upgrade): ltx and timeline list them");
        }
    }
}
