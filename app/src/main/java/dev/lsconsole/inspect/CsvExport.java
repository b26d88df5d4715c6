package dev.lsconsole.inspect;

import dev.lsconsole.restore.Cancellation;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Exports to CSV files and saves single values, streamed row by row (or chunk by chunk) on a connection
 * of their own, so the grid stays usable; the file appears whole under its name only when done, a
 * failure or cancel leaves nothing behind.
 */
public final class CsvExport {
    /** Told after every so many rows: rows written so far and the total (-1 if unknown). */
    @FunctionalInterface
    public interface Progress {
        void rows(long done, long total);
    }

    private static final int CHUNK = 1 << 20;

    private CsvExport() {
    }

    /** A table (its filter and sort applied) with a header line; returns the number of rows written. */
    public static long table(Path db, String table, DbBrowser.Filter filter, Sort sort, Path target,
            Cancellation cancel, Progress progress) {
        try (DbBrowser own = new DbBrowser(db)) {
            TableShape t = own.shape(table);
            long total = own.count(table, filter);
            return write(target, cancel, out -> {
                Csv csv = new Csv(out, false);
                csv.header(t.columns());
                long[] n = {0};
                own.scan(t, filter, sort, cancel, row -> {
                    csv.record(row);
                    tick(progress, ++n[0], total);
                });
                progress.rows(n[0], total);
                return n[0];
            });
        }
    }

    /** The rows of one read-only statement with a header line; returns the number of rows written. */
    public static long query(Path db, String sql, Path target, Cancellation cancel, Progress progress) {
        try (DbBrowser own = new DbBrowser(db)) {
            return write(target, cancel, out -> {
                Csv csv = new Csv(out, false);
                long[] n = {0};
                own.scanQuery(sql, cancel, csv::header, row -> {
                    csv.record(row);
                    tick(progress, ++n[0], -1);
                });
                progress.rows(n[0], -1);
                return n[0];
            });
        }
    }

    /** One value's exact bytes, read in chunks of a MiB; returns the number of bytes written. */
    public static long cell(DbBrowser db, TableShape t, String column, DbBrowser.Filter filter, Sort sort, RowRef ref,
            Path target, Cancellation cancel) {
        long size = db.cell(t, column, filter, sort, ref).size();
        return write(target, cancel, out -> {
            for (long off = 0; off < size; off += CHUNK) {
                cancel.check();
                byte[] b = db.chunk(t, column, filter, sort, ref, off, (int) Math.min(CHUNK, size - off));
                out.write(b);
            }
            return size;
        });
    }

    /** Bytes already in memory (a SQL console value). */
    public static long bytes(byte[] b, Path target, Cancellation cancel) {
        return write(target, cancel, out -> {
            out.write(b);
            return (long) b.length;
        });
    }

    private static void tick(Progress p, long n, long total) {
        if (n % 1000 == 0) {
            p.rows(n, total);
        }
    }

    private interface Body {
        long write(OutputStream out) throws IOException;
    }

    private static long write(Path target, Cancellation cancel, Body body) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".partial");
        } catch (IOException e) {
            throw new InspectException("cannot write in " + dir + ": " + e.getMessage(), e);
        }
        try {
            long n;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                n = body.write(out);
            }
            cancel.commit(() -> move(tmp, target));
            return n;
        } catch (IOException | UncheckedIOException e) {
            throw new InspectException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a leftover hidden .partial file next to the target
            }
        }
    }

    private static void move(Path tmp, Path target) {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
