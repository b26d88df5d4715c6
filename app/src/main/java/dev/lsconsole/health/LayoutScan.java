package dev.lsconsole.health;

import dev.lsconsole.history.History;
import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.StoredObject;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.Cancellation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One pass over the whole listing of a replica's root: every generation's figures, the objects that do
 * not belong to litestream's v0.3 layout, generations without a snapshot, and an empty replica.
 * Holds one entry per generation, never the listing; hands each layout object to a {@link Listener} as it
 * comes (verify reads the objects from this same listing instead of listing each generation again).
 */
public final class LayoutScan {
    /** Told of each layout object in listing order (key order: a generation's snapshots, then its WAL). */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void snapshot(SnapshotInfo s) {
            }

            @Override
            public void walSegment(WalSegmentInfo w) {
            }
        };

        void snapshot(SnapshotInfo s);

        void walSegment(WalSegmentInfo w);
    }

    /** How long a litestream temp file ({@code NAME.tmp}, written then renamed) may exist before it is stray. */
    static final Duration TEMP_GRACE = Duration.ofMinutes(5);

    private LayoutScan() {
    }

    /** Scans {@code replica}, reporting problems to {@code sink}; returns generations by name. */
    public static Map<String, GenerationStats> scan(Replica replica, Instant now, Cancellation cancel,
                                                    Consumer<Problem> sink) {
        return scan(replica, now, cancel, sink, Listener.NONE);
    }

    /** As {@link #scan(Replica, Instant, Cancellation, Consumer)}, telling {@code listener} of each layout object. */
    public static Map<String, GenerationStats> scan(Replica replica, Instant now, Cancellation cancel,
                                                    Consumer<Problem> sink, Listener listener) {
        Map<String, GenerationStats> gens = new TreeMap<>();
        try (ObjectIterator<StoredObject> it = replica.client().objects()) {
            while (it.hasNext()) {
                cancel.check();
                StoredObject o = it.next();
                if (o.key().endsWith("/")) {
                    continue; // a folder marker (S3 consoles, S3Proxy's file store), not an object
                }
                if (!place(o, gens, listener) && !placeLtx(replica.client().type(), o, gens) && !isRecentTemp(o, now)) {
                    sink.accept(new Problem(Kind.STRAY_OBJECT, replica.name(), o.key(),
                            "not part of litestream's layout: " + replica.client().objectLocation(o.key())
                                    + " (" + o.size() + " bytes)"));
                }
            }
        }
        finish(replica, gens, sink);
        return gens;
    }

    private static void finish(Replica replica, Map<String, GenerationStats> gens, Consumer<Problem> sink) {
        if (gens.isEmpty()) {
            sink.accept(new Problem(Kind.EMPTY, replica.name(), Layout.generationsDir(""),
                    "no generations under " + replica.client().location()
                            + ": not a litestream replica, or nothing was replicated yet"));
        }
        for (GenerationStats g : gens.values()) {
            if (g.snapshots() == 0 && !g.generation().equals(History.LTX_ID)) { // verify judges the v0.5 chain
                sink.accept(new Problem(Kind.MISSING_SNAPSHOT, replica.name(), g.key() + "snapshots/",
                        "generation " + g.generation() + " has " + g.segments()
                                + " WAL segments but no snapshot: none of it can be restored"));
            }
        }
    }

    /**
     * Generation folders of a local replica that hold no object (litestream created the folder and stopped
     * before its first snapshot): the listing of objects cannot see them. Object stores have no empty folders,
     * so a remote replica is not listed again.
     */
    public static List<String> emptyGenerations(Replica replica, Map<String, GenerationStats> gens) {
        if (!replica.client().isLocal()) {
            return List.of();
        }
        return replica.client().generations().stream().filter(g -> !gens.containsKey(g)).sorted().toList();
    }

    /** Adds a layout object to its generation; false when the key is not one. */
    static boolean place(StoredObject o, Map<String, GenerationStats> gens, Listener listener) {
        List<String> parts = List.of(o.key().split("/", -1));
        if (parts.size() != 4 || !parts.get(0).equals("generations") || !Layout.isGenerationName(parts.get(1))) {
            return false;
        }
        String gen = parts.get(1);
        boolean snapshot;
        if (parts.get(2).equals("snapshots")) {
            snapshot = true;
            int index = Layout.parseSnapshotName(parts.get(3));
            if (index < 0) {
                return false;
            }
            listener.snapshot(new SnapshotInfo(gen, index, o.size(), o.modified()));
        } else if (parts.get(2).equals("wal")) {
            snapshot = false;
            long[] io = Layout.parseWalSegmentName(parts.get(3));
            if (io == null) {
                return false;
            }
            listener.walSegment(new WalSegmentInfo(gen, (int) io[0], io[1], o.size(), o.modified()));
        } else {
            return false;
        }
        gens.computeIfAbsent(gen, GenerationStats::new).add(o.key(), o.modified(), o.size(), snapshot);
        return true;
    }

    /**
     * Adds a litestream v0.5 LTX file to the chain's figures (level 9 files count as snapshots); false when
     * the key is not one. The layout depends on the replica type: {@code ltx/<level>/NAME} on a file
     * replica, {@code <level as %04x>/NAME} on S3 (a file layout copied into a bucket is not restorable by
     * litestream, so it is stray there).
     */
    static boolean placeLtx(String type, StoredObject o, Map<String, GenerationStats> gens) {
        String[] parts = o.key().split("/", -1);
        int level;
        String name;
        if ("s3".equals(type) && parts.length == 2 && parts[0].matches("000[0-9]")) {
            level = Integer.parseInt(parts[0], 16);
            name = parts[1];
        } else if (!"s3".equals(type) && parts.length == 3 && parts[0].equals("ltx") && parts[1].matches("[0-9]")) {
            level = Integer.parseInt(parts[1]);
            name = parts[2];
        } else {
            return false;
        }
        long[] txids = LtxNames.parse(name);
        if (txids == null) {
            return false;
        }
        GenerationStats chain = gens.computeIfAbsent(History.LTX_ID, g -> new GenerationStats(g, "s3".equals(type) ? ""
                : "ltx/"));
        chain.add(o.key(), o.modified(), o.size(), level == LtxNames.SNAPSHOT_LEVEL);
        chain.ltxFile(o.modified(), txids[0], txids[1], level == LtxNames.SNAPSHOT_LEVEL);
        if (level == 0) {
            chain.addL0(new LtxFileInfo(0, txids[0], txids[1], o.size(), o.modified()), LtxWriters.CHECKED_BY_CHECK);
        }
        return true;
    }

    private static boolean isRecentTemp(StoredObject o, Instant now) {
        if (!o.key().endsWith(".tmp") || o.modified().isBefore(now.minus(TEMP_GRACE))) {
            return false;
        }
        String base = o.key().substring(0, o.key().length() - 4);
        return place(new StoredObject(base, 0, o.modified()), new TreeMap<>(), Listener.NONE);
    }
}
