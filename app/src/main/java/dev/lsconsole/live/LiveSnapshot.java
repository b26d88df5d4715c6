package dev.lsconsole.live;

import dev.lsconsole.LocalFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A consistent copy of a live database in a private temp directory, taken once for a diff or a push
 * plan and deleted on close. The live database itself is only read.
 */
public final class LiveSnapshot implements AutoCloseable {
    private final LiveTarget target;
    private final Path dir;
    private final Path file;

    private LiveSnapshot(LiveTarget target, Path dir, Path file) {
        this.target = target;
        this.dir = dir;
        this.file = file;
    }

    /** A copy in a new private directory under {@code root} (the user's $TMPDIR). */
    public static LiveSnapshot take(LiveTarget target, Path root) {
        Path dir;
        try {
            dir = Files.createTempDirectory(root, "lsc-live-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp directory in " + root + " for a copy of "
                    + target.address() + ": " + LocalFiles.reason(e), e);
        }
        LiveSnapshot s = new LiveSnapshot(target, dir, dir.resolve("live.db"));
        try {
            target.snapshotTo(s.file);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public LiveTarget target() {
        return target;
    }

    /** The local copy (read it, never write it). */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            LocalFiles.deleteWithSidecars(file);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temp copy " + file + ": " + e.getMessage(), e);
        }
    }
}
