package dev.lsconsole.live;

import dev.lsconsole.LocalFiles;
import dev.lsconsole.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A consistent copy of a live database in a private temp directory, taken once for a diff or a push
 * plan and deleted on close. The live database itself is only read. Made through {@link TempFolders},
 * the directory is also deleted when the process ends on a signal, and swept by a later run when the
 * process was killed (it is a full copy of production data: it must not pile up in $TMPDIR).
 */
public final class LiveSnapshot implements AutoCloseable {
    private final LiveTarget target;
    private final Path dir;
    private final Path file;
    private final TempFolders temps; // null: a plain temp directory

    private LiveSnapshot(LiveTarget target, Path dir, Path file, TempFolders temps) {
        this.target = target;
        this.dir = dir;
        this.file = file;
        this.temps = temps;
    }

    /** A copy in a new folder owned by {@code temps} (deleted on exit, swept after a kill). */
    public static LiveSnapshot take(LiveTarget target, TempFolders temps) {
        Path dir;
        try {
            dir = temps.create("lsc-live-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp directory in " + temps.root() + " for a copy of "
                    + target.address() + ": " + LocalFiles.reason(e), e);
        }
        return taken(new LiveSnapshot(target, dir, dir.resolve("live.db"), temps));
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
        return taken(new LiveSnapshot(target, dir, dir.resolve("live.db"), null));
    }

    private static LiveSnapshot taken(LiveSnapshot s) {
        LiveTarget target = s.target;
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
        if (temps != null) {
            if (!temps.delete(dir)) {
                throw new UncheckedIOException(new IOException("cannot delete the temp copy " + file
                        + " (it is tried again at exit)"));
            }
            return;
        }
        try {
            LocalFiles.deleteWithSidecars(file);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temp copy " + file + ": " + e.getMessage(), e);
        }
    }
}
