package dev.lsconsole.history;

import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.restore.RestorePlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The histories of a replica, both formats on one list: its v0.3 generations (by name) and, when it holds
 * LTX files, its v0.5 chain last. Each is tallied by streaming its listing (nothing kept).
 */
public final class Histories {
    private Histories() {
    }

    public static List<History> of(Replica replica) {
        List<History> out = new ArrayList<>();
        RestorePlanner planner = new RestorePlanner();
        for (String g : replica.client().generations()) {
            GenerationBounds b = planner.bounds(replica, g);
            out.add(new History(replica, Format.V03, g, b.createdAt(), b.updatedAt(), b.snapshots() + b.segments(),
                    b.bytes()));
        }
        List<Integer> levels = replica.client().ltxLevels();
        if (!levels.isEmpty()) {
            out.add(ltxChain(replica, levels));
        }
        return out;
    }

    /** The replica's v0.5 chain (its files' time range, count and bytes), or null when it holds no LTX files. */
    public static History ltx(Replica replica) {
        List<Integer> levels = replica.client().ltxLevels();
        return levels.isEmpty() ? null : ltxChain(replica, levels);
    }

    /**
     * The v0.5 chain's figures as a generation's, from one listing of each level: its files' time range,
     * level-9 snapshots as snapshots, the other files as segments, and bytes (empty without LTX files).
     */
    public static GenerationBounds ltxBounds(Replica replica) {
        return ltxBounds(replica, replica.client().ltxLevels());
    }

    private static History ltxChain(Replica replica, List<Integer> levels) {
        GenerationBounds b = ltxBounds(replica, levels);
        return new History(replica, Format.V05, History.LTX_ID, b.createdAt(), b.updatedAt(),
                b.snapshots() + b.segments(), b.bytes());
    }

    private static GenerationBounds ltxBounds(Replica replica, List<Integer> levels) {
        Instant first = null;
        Instant last = null;
        int snapshots = 0;
        long others = 0;
        long bytes = 0;
        for (int level : levels) {
            try (ObjectIterator<LtxFileInfo> it = replica.client().ltxFiles(level)) {
                while (it.hasNext()) {
                    LtxFileInfo f = it.next();
                    first = first == null || f.createdAt().isBefore(first) ? f.createdAt() : first;
                    last = last == null || f.createdAt().isAfter(last) ? f.createdAt() : last;
                    if (level == LtxNames.SNAPSHOT_LEVEL) {
                        snapshots++;
                    } else {
                        others++;
                    }
                    bytes += f.size();
                }
            }
        }
        return new GenerationBounds(History.LTX_ID, first, last, snapshots, others, bytes);
    }
}
