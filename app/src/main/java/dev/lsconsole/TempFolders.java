package dev.lsconsole;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop console's temporary folders (restored copies and the like), so that they do not pile up
 * in $TMPDIR. Each folder holds a lock file ({@value #OWNER}) locked for as long as this process owns it:
 * the JVM's shutdown hook (normal exit, SIGTERM, SIGINT) deletes the folders still owned, and
 * {@link #sweep} deletes the folders whose lock nobody holds any more (their process was killed), never
 * one another running instance still holds. A folder the user keeps is {@link #release}d: it loses its
 * lock file and is never deleted.
 */
public final class TempFolders {
    /** The lock file in each folder this class owns. */
    public static final String OWNER = ".lsc-owner";
    /** The folders' names start with this (the sweep looks at nothing else). */
    public static final String PREFIX = "lsc-";
    private static final Logger LOG = LoggerFactory.getLogger(TempFolders.class);

    private final Path root;
    private final Map<Path, FileChannel> owned = new LinkedHashMap<>();
    private boolean hooked;

    /** Folders made in {@code root} (the user's $TMPDIR). */
    public TempFolders(Path root) {
        this.root = root;
    }

    /** Where the folders are made. */
    public Path root() {
        return root;
    }

    /** A new folder {@code root/PREFIX…}, owned (locked) by this process until deleted, released or exit. */
    public synchronized Path create(String prefix) throws IOException {
        if (!prefix.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a temp folder's name must start with " + PREFIX + ": " + prefix);
        }
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, prefix);
        // locked under another name first, then renamed (the lock stays with the file): a sweep never
        // sees an unlocked owner file of a folder being made
        Path staging = dir.resolve(OWNER + ".new");
        FileChannel ch = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ch.lock();
            Files.move(staging, dir.resolve(OWNER), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            ch.close();
            LocalFiles.deleteTree(dir);
            throw e;
        }
        owned.put(dir, ch);
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::deleteAll, "lsc-temp-folders"));
            hooked = true;
        }
        return dir;
    }

    /**
     * Deletes an owned folder now (a closed tab). It stays owned until it is gone: no moment shows a folder
     * of ours that we do not own, and one that cannot be deleted now is tried again at exit.
     */
    public synchronized boolean delete(Path dir) {
        close(owned.get(dir)); // its lock file is deleted with it (Windows deletes no open file)
        boolean gone = LocalFiles.deleteTree(dir);
        if (gone) {
            owned.remove(dir);
        } else if (owned.containsKey(dir)) {
            owned.put(dir, relock(dir)); // locked again, so no other instance's sweep takes it meanwhile
        }
        return gone;
    }

    /** The folder's lock file opened and locked again after a failed delete; null when that fails too. */
    private static FileChannel relock(Path dir) {
        try {
            FileChannel ch = FileChannel.open(dir.resolve(OWNER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (ch.tryLock() != null) {
                return ch;
            }
            ch.close();
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            LOG.warn("cannot lock {} again: {}", dir, e.getMessage());
        }
        return null;
    }

    /** Keeps a folder for good (the user chose to keep it): it loses its lock file and is never deleted. */
    public synchronized void release(Path dir) {
        FileChannel ch = owned.remove(dir);
        if (ch != null) {
            try {
                Files.deleteIfExists(dir.resolve(OWNER));
            } catch (IOException e) {
                LOG.warn("cannot release {}: {}", dir, e.getMessage());
            }
            close(ch);
        }
    }

    /** The folders this process still owns. */
    public synchronized List<Path> owned() {
        return new ArrayList<>(owned.keySet());
    }

    /** Deletes every folder still owned (the shutdown hook). */
    synchronized void deleteAll() {
        for (Path dir : owned()) {
            delete(dir);
        }
    }

    /**
     * Deletes the folders in {@code root} left by processes that are gone: a {@value #PREFIX}… folder
     * whose lock file nobody holds. Folders another process holds, this one's own, and folders without a
     * lock file (kept ones) stay. Returns the folders deleted.
     */
    public synchronized List<Path> sweep() {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return deleted;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                // never open our own lock files: closing any channel on a file drops the process's locks on it
                if (!owned.containsKey(dir) && Files.isRegularFile(dir.resolve(OWNER)) && ownerGone(dir)) {
                    if (LocalFiles.deleteTree(dir)) {
                        deleted.add(dir);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look for leftover temp folders in {}: {}", root, e.getMessage());
        }
        if (!deleted.isEmpty()) {
            LOG.info("deleted {} temp folders left by ended sessions: {}", deleted.size(), deleted);
        }
        return deleted;
    }

    /** True when nobody holds the folder's lock file (taking it for a moment to find out). */
    private static boolean ownerGone(Path dir) {
        try (FileChannel ch = FileChannel.open(dir.resolve(OWNER), StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) { // gone meanwhile, or not ours to open: leave it
            return false;
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
