package dev.lsconsole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Local files the tool makes: private when they hold user data, removed with SQLite's side files. */
public final class LocalFiles {
    private static final String[] SQLITE_SIDECARS = {"", "-wal", "-shm", "-journal"};

    private LocalFiles() {
    }

    /**
     * Why a file operation failed, as a person reads it ("permission denied", "no such file or directory"):
     * the JDK's file exceptions carry only the path as their message.
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Whether {@code file} starts with SQLite's header magic ("SQLite format 3\0"); an empty file counts, as
     * SQLite opens it as an empty database. Lets a command name the user's file when it is not a database,
     * instead of SQLite's error about whichever copy it opened.
     */
    public static boolean isSqliteDatabase(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(16);
            return magic.length == 0 || new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equals("SQLite format 3\0");
        }
    }

    /** Creates an empty file readable by its owner only (0600) where the file system has POSIX permissions. */
    public static void createPrivate(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** Deletes a database file and its -wal, -shm and -journal files; returns those that could not be deleted. */
    public static java.util.List<Path> deleteWithSidecars(Path db) {
        java.util.List<Path> left = new java.util.ArrayList<>();
        for (String suffix : SQLITE_SIDECARS) {
            Path p = db.resolveSibling(db.getFileName() + suffix);
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                left.add(p);
            }
        }
        return left;
    }

    /** Deletes a directory and everything in it (files first); returns false if something stayed. */
    public static boolean deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
