package dev.lsconsole.replica;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Litestream v0.5 stores each LTX object's creation time (its header's) in the object metadata
 * {@code litestream-timestamp}, because an S3 listing only gives the upload time; it reads them for a
 * timestamp restore. Reads them the same way, a few requests at a time; an object without it (or with an
 * unreadable one) keeps its upload time, as in litestream.
 */
final class S3Timestamps {
    static final String METADATA = "litestream-timestamp";
    private static final int PARALLEL = 8;

    private S3Timestamps() {
    }

    static List<LtxFileInfo> read(List<LtxFileInfo> files, Function<LtxFileInfo, String> metadata) {
        if (files.isEmpty()) {
            return files;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, files.size()), r -> {
            Thread t = new Thread(r, "lsc-s3-head");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LtxFileInfo>> out = new ArrayList<>(files.size());
            for (LtxFileInfo f : files) {
                out.add(pool.submit(() -> withTime(f, metadata.apply(f))));
            }
            List<LtxFileInfo> result = new ArrayList<>(files.size());
            for (Future<LtxFileInfo> f : out) {
                result.add(f.get());
            }
            return result;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new ReplicaException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("cancelled");
        } finally {
            pool.shutdownNow();
        }
    }

    static LtxFileInfo withTime(LtxFileInfo f, String value) {
        if (value == null || value.isEmpty()) {
            return f;
        }
        try {
            return f.withCreatedAt(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return f;
        }
    }

}
