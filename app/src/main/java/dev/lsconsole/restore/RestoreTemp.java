package dev.lsconsole.restore;

import dev.lsconsole.LocalFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The name a restore's hidden temp files share beside its output ({@code .NAME.<hex>}: the {@code .restoring}
 * file, SQLite's sidecars of it, fetched {@code .N.ltx} files), owned through a lock file {@code .NAME.<hex>.lock}
 * that the restore holds locked for as long as it runs. A restore killed outright (SIGKILL, an OOM kill) runs no
 * cleanup; {@link #sweep} lets the next restore to the same output delete what such a restore left — only where
 * nobody holds the lock (its process is gone), never the files of a restore still running.
 */
public final class RestoreTemp implements AutoCloseable {
    private static final String LOCK = ".lock";
    /**
     * Lock files this JVM holds: a sweep never opens them, as closing any channel on a file drops the locks the
     * process holds on it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final String stem;
    private final Path lock;
    private final FileChannel channel;

    private RestoreTemp(Path dir, String stem, Path lock, FileChannel channel) {
        this.dir = dir;
        this.stem = stem;
        this.lock = lock;
        this.channel = channel;
    }

    /** What a sweep found: the temp files it removed (and their bytes), and ones it left as it cannot tell. */
    public record Swept(List<Path> removed, long bytes, List<Path> unowned) {
    }

    /**
     * A new stem beside {@code out} (its directory exists), owned until {@link #close}: the lock file is locked
     * under another name first and then renamed, so a sweep never sees an unlocked lock file of a live restore.
     */
    public static RestoreTemp claim(Path out) {
        Path dir = out.getParent();
        String stem = RestoreEngine.tempStem(out);
        Path lock = dir.resolve(stem + LOCK);
        Path staging = dir.resolve(stem + LOCK + ".new");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ch.lock();
            Files.move(staging, lock, StandardCopyOption.ATOMIC_MOVE);
            HELD.add(lock);
            return new RestoreTemp(dir, stem, lock, ch);
        } catch (IOException e) {
            close(ch);
            try {
                Files.deleteIfExists(staging);
            } catch (IOException ignored) {
                // the first error is the one reported
            }
            throw new RestoreException("cannot create " + lock + ": " + LocalFiles.reason(e), e);
        }
    }

    /** The hidden, unique name beside the output all of this restore's temp files start with. */
    public String stem() {
        return stem;
    }

    /** {@code .NAME.<hex>.restoring}: the file the restore writes before it is published. */
    public Path restoring() {
        return dir.resolve(stem + ".restoring");
    }

    /** Gives the stem up (its temp files are gone by now): the lock file is deleted while still held. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(lock);
        } catch (IOException ignored) {
            // an unlocked lock file is swept by the next restore
        }
        HELD.remove(lock);
        close(channel);
    }

    /**
     * Deletes the temp files that restores to {@code out} which are gone left beside it: for each lock file
     * nobody holds, everything named after its stem, then the lock file (while this sweep holds it). A
     * {@code .restoring} file without a lock file (made by a version before this one) is left and reported.
     */
    public static Swept sweep(Path out) {
        Path dir = out.toAbsolutePath().normalize().getParent();
        List<Path> removed = new ArrayList<>();
        List<Path> unowned = new ArrayList<>();
        long[] bytes = {0};
        if (dir == null || !Files.isDirectory(dir)) {
            return new Swept(removed, 0, unowned);
        }
        Pattern ours = Pattern.compile(Pattern.quote("." + out.getFileName() + ".") + "[0-9a-f]{1,16}");
        // names are matched as text, never as a glob: an output named a{1.db or x[1].db is just a name
        String prefix = "." + out.getFileName() + ".";
        for (Path p : children(dir, n -> n.startsWith(prefix))) {
            String name = p.getFileName().toString();
            if (name.endsWith(LOCK) && ours.matcher(name.substring(0, name.length() - LOCK.length())).matches()) {
                String stem = name.substring(0, name.length() - LOCK.length());
                Path restoring = dir.resolve(stem + ".restoring");
                long size = HELD.contains(p) ? -1 : deleteIfOwnerGone(dir, stem, p);
                if (size >= 0) {
                    removed.add(restoring);
                    bytes[0] += size;
                }
            }
        }
        for (Path p : children(dir, n -> n.startsWith(prefix) && n.endsWith(".restoring"))) {
            String name = p.getFileName().toString();
            String stem = name.substring(0, name.length() - ".restoring".length());
            if (ours.matcher(stem).matches() && !Files.exists(dir.resolve(stem + LOCK), LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(dir.resolve(stem + LOCK + ".new"), LinkOption.NOFOLLOW_LINKS)) {
                unowned.add(p);
            }
        }
        return new Swept(removed, bytes[0], unowned);
    }

    /**
     * Takes the lock for a moment; when nobody held it, deletes the stem's files and the lock file. Returns
     * the size of the {@code .restoring} file it deleted (measured under the lock: a restore that finished
     * meanwhile left none), or -1 when a running restore holds the lock or there was no such file.
     */
    private static long deleteIfOwnerGone(Path dir, String stem, Path lock) {
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = ch.tryLock();
            if (held == null) {
                return -1; // a running restore holds it
            }
            Path restoring = dir.resolve(stem + ".restoring");
            long size = sizeOf(restoring);
            boolean deleted = false;
            // the next character ends the stem: .x.db.ab is not .x.db.abc
            for (Path f : children(dir, n -> n.startsWith(stem + "."))) {
                if (!f.equals(lock)) {
                    deleted |= Files.deleteIfExists(f) && f.equals(restoring);
                }
            }
            Files.deleteIfExists(lock);
            return deleted ? Math.max(0, size) : -1;
        } catch (OverlappingFileLockException e) {
            return -1;
        } catch (IOException e) { // gone meanwhile (another sweep), or not ours to open: leave it
            return -1;
        }
    }

    private static List<Path> children(Path dir, java.util.function.Predicate<String> name) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> name.test(p.getFileName().toString()))) {
            ds.forEach(out::add);
        } catch (IOException e) {
            return out; // an unreadable folder: nothing to sweep, the restore itself will say why
        }
        return out;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }
}
