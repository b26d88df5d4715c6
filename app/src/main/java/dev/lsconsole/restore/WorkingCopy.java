package dev.lsconsole.restore;

import dev.lsconsole.replica.Pos;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One database file walked forward through a generation one restore point (WAL segment) at a time.
 * After each {@link #apply} the file holds exactly the committed state up to that segment and can be
 * opened read-only ({@code ?immutable=1}) between steps: the basis for "when did this row change?".
 */
public final class WorkingCopy implements AutoCloseable {
    private final Replica replica;
    private final Path file;
    private final DbFile db;
    private final String generation;
    private WalDecoder decoder;
    private int index;
    private Instant time;
    private long offset;
    private boolean broken;

    private WorkingCopy(Replica replica, SnapshotInfo snapshot, Path file, DbFile db) {
        this.replica = replica;
        this.file = file;
        this.db = db;
        this.generation = snapshot.generation();
        this.index = snapshot.index();
        this.time = snapshot.createdAt();
    }

    /** Restores {@code snapshot} into {@code file}, which must not exist. */
    public static WorkingCopy open(Replica replica, SnapshotInfo snapshot, Path file, Cancellation cancel) {
        return RestoreEngine.createWorkingCopy(file, () -> {
            RestoreEngine.fetchSnapshot(replica, snapshot, file, new AtomicLong(), cancel);
            return new WorkingCopy(replica, snapshot, file, new DbFile(file, false));
        });
    }

    public Path file() {
        return file;
    }

    /** Where the copy stands: the next segment to apply starts here. */
    public Pos position() {
        return new Pos(generation, index, offset);
    }

    /** Creation time of the last object applied (the snapshot's, before any segment). */
    public Instant time() {
        return time;
    }

    /**
     * Applies the next segment: the continuation of the current WAL index, or offset 0 of the next index
     * once the current one is done (the snapshot's own index starts at offset 0 too).
     */
    public void apply(WalSegmentInfo s) {
        apply(s, null);
    }

    /** As {@link #apply(WalSegmentInfo)}, adding to {@code changed} (if not null) the pages written and the size set. */
    public void apply(WalSegmentInfo s, PageChanges changed) {
        if (broken) {
            throw new RestoreException("working copy " + file + " is unusable after an earlier error");
        }
        if (!s.generation().equals(generation)) {
            throw new RestoreException("segment " + s.pos() + " is not in generation " + generation);
        }
        boolean continues = s.index() == index && s.offset() == offset;
        boolean nextIndex = s.index() == index + 1 && s.offset() == 0 && offset > 0;
        if (!continues && !nextIndex) {
            throw new RestoreException("segment " + replica.client().walSegmentLocation(s.pos())
                    + " does not follow position " + position());
        }
        if (nextIndex) {
            decoder.close();
            decoder = null;
            index = s.index();
        }
        if (decoder == null) {
            decoder = new WalDecoder(generation, index, RestoreEngine.MEMORY_PER_INDEX, file.toAbsolutePath().getParent());
        }
        try {
            RestoreEngine.feed(replica, s, decoder, new AtomicLong());
            decoder.drainTo(db, changed);
        } catch (IOException e) {
            broken = true;
            throw new RestoreException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        }
        offset = decoder.position();
        if (s.createdAt().isAfter(time)) {
            time = s.createdAt();
        }
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
        try {
            db.close();
        } catch (IOException e) {
            throw new RestoreException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
