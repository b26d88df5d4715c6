package dev.lsconsole.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A live database reached through a {@link SqliteShell}: on this machine, or in a pod. Snapshots use
 * {@code .backup} from a {@code -readonly} sqlite3 inside one read transaction (pages copied as they are, so
 * rowids stay the same, unlike VACUUM INTO; one fixed snapshot, so writers never make it restart); in a pod
 * the backup goes to a temp file that is streamed back and removed.
 */
public final class SqliteLiveTarget implements LiveTarget {
    static final int BUSY_TIMEOUT_MS = 5000;

    /**
     * Opens a read transaction before {@code .backup} so the whole copy reads that one snapshot. Without it,
     * each {@code sqlite3_backup_step} (100 pages in the shell) opens and closes its own read transaction, and
     * the next one sees any commit made meanwhile and restarts the copy from page 1: a database written ~100
     * times a second was copied only when a whole pass fit between two commits. With a transaction already
     * open on the source, backup_step uses it and never begins another, so it never restarts (SQLite's
     * backup.c). In WAL mode the writer is not blocked; in rollback-journal mode it waits for the copy.
     */
    private static final String READ_TRANSACTION = "BEGIN;\nSELECT count(*) FROM sqlite_schema;\n";

    private final SqliteShell shell;
    private final String dbPath;
    private final String address;
    private final boolean local;
    private final String sqlite3;

    public SqliteLiveTarget(SqliteShell shell, String dbPath, String address, boolean local) {
        this(shell, dbPath, address, local, "sqlite3");
    }

    /** With another sqlite3 program (name or path) than the one on the PATH. */
    public SqliteLiveTarget(SqliteShell shell, String dbPath, String address, boolean local, String sqlite3) {
        this.shell = shell;
        this.dbPath = dbPath;
        this.address = address;
        this.local = local;
        this.sqlite3 = sqlite3;
    }

    /** A database file on this machine. */
    public static SqliteLiveTarget localFile(Path db) {
        Path abs = db.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new LiveException("live database not found: " + abs);
        }
        try {
            if (!dev.lsconsole.LocalFiles.isSqliteDatabase(abs)) { // else sqlite3's "Parse error near line 4"
                throw new LiveException("cannot open live database " + abs + ": not a SQLite database");
            }
        } catch (java.io.IOException e) {
            throw new LiveException("cannot read live database " + abs + ": " + dev.lsconsole.LocalFiles.reason(e), e);
        }
        return new SqliteLiveTarget(new LocalShell(), abs.toString(), abs.toString(), true);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String dbPath() {
        return dbPath;
    }

    public SqliteShell shell() {
        return shell;
    }

    @Override
    public void snapshotTo(Path localFile) {
        if (Files.exists(localFile)) {
            throw new LiveException("snapshot path already exists: " + localFile);
        }
        String target = local ? localFile.toAbsolutePath().toString()
                : "/tmp/.lsc-snapshot-" + Long.toHexString(System.nanoTime()) + ".db";
        String script = ".timeout " + BUSY_TIMEOUT_MS + "\n.bail on\n" + READ_TRANSACTION + ".backup " + quoteArg(target)
                + "\nCOMMIT;\n.quit\n";
        SqliteShell.Result r = shell.run(List.of(sqlite3, "-readonly", dbPath), script, 600);
        if (!r.ok()) {
            removeRemote(target);
            throw failure("cannot read", r);
        }
        if (local) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(localFile)) {
            SqliteShell.Result c = shell.stream(List.of("cat", target), out, 600);
            if (!c.ok()) {
                throw failure("cannot copy the snapshot from", c);
            }
        } catch (IOException e) {
            throw new LiveException("cannot write " + localFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(localFile);
            throw e;
        } finally {
            removeRemote(target);
        }
    }

    private void removeRemote(String path) {
        if (!local) {
            shell.run(List.of("rm", "-f", path), null, 60);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public SqliteShell.Result execute(String script, int timeoutSeconds) {
        SqliteShell.Result r = shell.run(List.of(sqlite3, dbPath), script, timeoutSeconds);
        if (!r.ok() || !r.stderr().isBlank()) {
            throw failure("write to", r);
        }
        return r;
    }

    @Override
    public SqliteShell.Result query(String script, int timeoutSeconds) {
        SqliteShell.Result r = shell.run(List.of(sqlite3, "-readonly", dbPath), script, timeoutSeconds);
        if (!r.ok() || !r.stderr().isBlank()) {
            throw failure("read", r);
        }
        return r;
    }

    private LiveException failure(String what, SqliteShell.Result r) {
        String err = r.stderr().strip();
        String line = err.isEmpty() ? "exit code " + r.exit() : err.lines().reduce((a, b) -> b).orElse(err);
        String hint = "";
        if (r.exit() == 127 || err.contains("not found") && err.contains("sqlite3")) {
            hint = " (sqlite3 is not installed there: rerun with --install-sqlite3 to run apk add sqlite / apt-get "
                    + "install sqlite3 in it after a confirmation, or add it to the image)";
        } else if (err.contains("database is locked") || err.contains("SQLITE_BUSY")) {
            hint = " (another writer held the lock for more than " + BUSY_TIMEOUT_MS / 1000 + " s; nothing was changed)";
        }
        return new LiveException(what + " " + address + ": " + line + hint);
    }

    /** A dot-command argument in double quotes, where the sqlite3 shell resolves backslash escapes. */
    static String quoteArg(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
