package dev.lsconsole.restore;

import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The restore's own object checks (LZ4 frames and checksums, {@link WalDecoder}'s WAL header, salt,
 * cumulative checksum and offset chain, {@link SnapshotCheck}'s SQLite header) opened to a health check,
 * which must go on after a bad object and say what kind of fault each one is instead of stopping.
 */
public final class ObjectChecks {
    /** What kind of fault an object has: corrupt, truncated, gap, overlap or unreadable; with one line. */
    public record Fault(String kind, String message) {
    }

    private ObjectChecks() {
    }

    /** Decodes a snapshot and checks it is a whole SQLite file; null when it is. Counts stored bytes. */
    public static Fault checkSnapshot(Replica replica, SnapshotInfo s, AtomicLong stored, Cancellation cancel) {
        String name = replica.client().snapshotLocation(s.generation(), s.index());
        try (InputStream raw = replica.client().openSnapshot(s.generation(), s.index());
             InputStream in = replica.codec().decode(SourceIOException.wrap(raw, stored))) {
            SnapshotCheck.read(name, in, 1 << 16, cancel, (b, n) -> { }); // decoded and checked, kept nowhere
            return null;
        } catch (IOException | RuntimeException e) {
            return fault(name, e);
        }
    }

    /**
     * Checks the segments of one WAL index in (offset) order: each one's LZ4 frame, and the WAL they make
     * together. After a fault in the chain, later segments still get their LZ4 frames checked.
     */
    public static final class WalIndex implements AutoCloseable {
        private final WalDecoder decoder;
        private boolean broken;

        public WalIndex(String generation, int index, Path spillDir) {
            this.decoder = new WalDecoder(generation, index, RestoreEngine.MEMORY_PER_INDEX, spillDir);
        }

        /** Checks the next segment; null when it is sound and follows the previous one exactly. */
        public Fault feed(Replica replica, WalSegmentInfo s, AtomicLong stored) {
            String name = replica.client().walSegmentLocation(s.pos());
            if (!broken) {
                Fault chain = chain(s, name);
                if (chain != null) {
                    broken = true;
                    Fault frame = lz4Only(replica, s, name, stored);
                    return frame != null ? frame : chain;
                }
            }
            if (broken) {
                return lz4Only(replica, s, name, stored);
            }
            try (InputStream raw = replica.client().openWalSegment(s.pos());
                 InputStream in = replica.codec().decode(SourceIOException.wrap(raw, stored))) {
                decoder.feed(s.offset(), in, name);
                return null;
            } catch (IOException | RuntimeException e) {
                broken = true;
                return fault(name, e);
            }
        }

        /** Bytes of this WAL index decoded so far. */
        public long position() {
            return decoder.position();
        }

        private Fault chain(WalSegmentInfo s, String name) {
            long at = decoder.position();
            if (s.offset() == at) {
                return null;
            }
            String where = "generation " + s.generation() + " index " + Layout.hex8(s.index());
            if (at == 0) {
                return new Fault("gap", "missing initial WAL segment of " + where + ": first segment is " + name
                        + " at offset " + s.offset());
            }
            if (s.offset() > at) {
                return new Fault("gap", "WAL gap in " + where + ": bytes " + at + ".." + s.offset()
                        + " are missing before " + name);
            }
            return new Fault("overlap", "WAL overlap in " + where + ": " + name + " starts at " + s.offset()
                    + " but the previous segment ends at " + at);
        }

        @Override
        public void close() {
            decoder.close();
        }
    }

    private static Fault lz4Only(Replica replica, WalSegmentInfo s, String name, AtomicLong stored) {
        try (InputStream raw = replica.client().openWalSegment(s.pos());
             InputStream in = replica.codec().decode(SourceIOException.wrap(raw, stored))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return null;
        } catch (IOException | RuntimeException e) {
            return fault(name, e);
        }
    }

    private static Fault fault(String name, Exception e) {
        if (e instanceof java.util.concurrent.CancellationException ce) {
            throw ce;
        }
        if (e instanceof LocalWriteException local) {
            throw local; // this machine's fault (a full temp folder), never the object's
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SourceIOException || e instanceof ReplicaException) {
            return new Fault("unreadable", e instanceof ReplicaException ? m : "cannot read " + name + ": " + m);
        }
        if (e instanceof RestoreException) {
            return new Fault(m.startsWith("truncated") || m.startsWith("empty") ? "truncated" : "corrupt", m);
        }
        if (e instanceof EOFException) {
            return new Fault("truncated", "truncated object " + name + ": " + m);
        }
        return new Fault("corrupt", "corrupt object " + name + ": " + m);
    }
}
