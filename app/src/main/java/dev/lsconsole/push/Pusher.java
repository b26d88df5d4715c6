package dev.lsconsole.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.LocalFiles;
import dev.lsconsole.live.LiveTarget;
import dev.lsconsole.live.SqliteShell;
import dev.lsconsole.sql.Scripts;
import dev.lsconsole.sql.Value;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a confirmed {@link PushPlan} to a live database: the undo script is saved first, an audit entry
 * (tables, keys, the live triggers that fire) is written before and after, the script runs as one
 * transaction (all or nothing, its checks before COMMIT), and the pushed rows are read back to check them.
 */
public final class Pusher {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Outcomes of a push a signal interrupted, as audited and returned. */
    public static final String NOT_WRITTEN = "interrupted: not written";
    public static final String WRITTEN = "interrupted: written, verified";
    public static final String UNKNOWN = "interrupted: unknown \u2014 check live";
    /** Interrupted before anything was started (no audit entry, no undo script). */
    public static final String NOT_STARTED = "interrupted before writing: nothing was written";
    /** sqlite3 ended well but no pushed row changed: it stopped before COMMIT (a signal of its own). */
    static final String BEFORE_COMMIT = "sqlite3 ended before COMMIT: nothing was written";

    private final Path stateDir;
    /** The push under way (audited "started", no outcome yet), for {@link #abandon}; guarded by this. */
    private Runnable abandonRunning;

    public Pusher(Path stateDir) {
        this.stateDir = stateDir;
    }

    public Path auditLog() {
        return stateDir.resolve("audit.log");
    }

    public PushResult push(LiveTarget target, PushPlan plan) {
        return push(target, plan, () -> false);
    }

    /**
     * Pushes; {@code interrupted} turns true when the user asked the process to stop (Ctrl-C, SIGTERM). The
     * running sqlite3 is never killed mid-transaction: it ends on its own (a terminal's Ctrl-C reaches it too
     * and it stops before COMMIT; otherwise it runs to its end), then the pushed rows are read back by a new
     * sqlite3 and the outcome ("interrupted: not written", "interrupted: written, verified" or "interrupted:
     * unknown — check live") is audited and returned, never thrown.
     */
    public PushResult push(LiveTarget target, PushPlan plan, java.util.function.BooleanSupplier interrupted) {
        if (plan.rows() == 0) {
            throw new PushException("nothing to push to " + plan.table());
        }
        Instant now = Instant.now();
        Path undo = stateDir.resolve("undo").resolve(STAMP.format(now) + "-" + safe(plan.table()) + "-"
                + Long.toHexString(System.nanoTime() & 0xffffff) + ".sql");
        writePrivate(undo, "-- target: " + target.address() + "\n", plan.undoScript());
        if (interrupted.getAsBoolean()) { // live not touched yet: start nothing
            deleteQuietly(undo);
            return new PushResult(target.address(), plan.table(), plan.inserts(), plan.updates(), plan.rows(), undo,
                    NOT_STARTED);
        }
        audit(now, target, plan, "started", null, undo, -1);
        synchronized (this) {
            abandonRunning = () -> audit(Instant.now(), target, plan, UNKNOWN, "no outcome in time after a signal",
                    undo, -1);
        }
        try {
            return pushStarted(target, plan, interrupted, undo);
        } finally {
            synchronized (this) {
                abandonRunning = null;
            }
        }
    }

    /**
     * Records "interrupted: unknown — check live" for the push under way, if any (the process is about to
     * exit before the push could find out whether live was written).
     */
    public synchronized void abandon() {
        if (abandonRunning != null) {
            abandonRunning.run();
            abandonRunning = null;
        }
    }

    private PushResult pushStarted(LiveTarget target, PushPlan plan, java.util.function.BooleanSupplier interrupted,
                                   Path undo) {
        RuntimeException failure = null;
        boolean committed = false; // sqlite3 printed the marker after COMMIT: live was written, whatever reads back
        try {
            SqliteShell.Result r = target.execute(plan.script(), 600);
            committed = r != null && r.stdout() != null && r.stdout().contains(PushScripts.COMMITTED);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (interrupted.getAsBoolean()) {
            return interrupted(target, plan, undo, verifyQuietly(target, plan), committed);
        }
        if (failure != null) {
            long unverified = verifyQuietly(target, plan);
            if (interrupted.getAsBoolean()) { // the signal stopped sqlite3 (or its start) a moment before the flag
                return interrupted(target, plan, undo, unverified, false);
            }
            throw failed(target, plan, undo, failure, unverified);
        }
        long unverified;
        try {
            unverified = verify(target, plan);
        } catch (RuntimeException e) { // a stray signal may have stopped this sqlite3: read again once
            if (interrupted.getAsBoolean()) {
                return interrupted(target, plan, undo, verifyQuietly(target, plan), committed);
            }
            unverified = verifyQuietly(target, plan);
        }
        if (interrupted.getAsBoolean()) { // the read-back may have been cut short by the same signal
            return interrupted(target, plan, undo, verifyQuietly(target, plan), committed);
        }
        // rows that do not read back after a COMMIT were moved by a live trigger, not left unwritten
        if (unverified > 0 && !committed && untouched(target, plan)) {
            if (interrupted.getAsBoolean()) {
                return interrupted(target, plan, undo, unverified, false);
            }
            audit(Instant.now(), target, plan, "failed", BEFORE_COMMIT, undo, unverified);
            throw new PushException("push to " + target.address() + ": " + BEFORE_COMMIT);
        }
        String outcome = unverified == 0 ? "ok" : "unverified";
        audit(Instant.now(), target, plan, outcome, unverified < 0 ? "the pushed rows could not be read back" : null,
                undo, unverified);
        return new PushResult(target.address(), plan.table(), plan.inserts(), plan.updates(), unverified, undo, outcome);
    }

    /**
     * The outcome of a push that a signal interrupted, read back from live and audited: "not written" only
     * when sqlite3 never said it committed and every pushed row still reads as the preview saw it.
     */
    private PushResult interrupted(LiveTarget target, PushPlan plan, Path undo, long unverified, boolean committed) {
        String outcome = unverified == 0 ? WRITTEN
                : unverified > 0 && !committed && untouched(target, plan) ? NOT_WRITTEN : UNKNOWN;
        audit(Instant.now(), target, plan, outcome, null, undo, unverified);
        return new PushResult(target.address(), plan.table(), plan.inserts(), plan.updates(), unverified, undo, outcome);
    }

    private PushException failed(LiveTarget target, PushPlan plan, Path undo, RuntimeException e, long unverified) {
        String state = unverified == plan.rows() ? "nothing was written" : unverified == 0
                ? "yet every row reads back: the transaction committed" : unverified + " rows do not read back";
        audit(Instant.now(), target, plan, "failed", e.getMessage() + "; " + state, undo, unverified);
        String hint = String.valueOf(e.getMessage()).contains("malformed")
                ? "; the live database or an index in it failed an integrity check" : "";
        return new PushException("push to " + target.address() + " failed: " + e.getMessage() + hint + " (" + state
                + ")", e);
    }

    /** True when every pushed row still reads as the preview saw it: the push wrote nothing (false if unknown). */
    private static boolean untouched(LiveTarget target, PushPlan plan) {
        try {
            SqliteShell.Result r = target.query(plan.untouchedScript(), 600);
            return r.stdout().strip().lines().reduce((a, b) -> b).orElse("").equals("0");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Rows of the plan that do not read back exactly from live. */
    public static long verify(LiveTarget target, PushPlan plan) {
        SqliteShell.Result r = target.query(plan.verifyScript(), 600);
        String out = r.stdout().strip();
        try {
            return Long.parseLong(out.lines().reduce((a, b) -> b).orElse(""));
        } catch (NumberFormatException e) {
            throw new PushException("cannot read the verification result from " + target.address() + ": " + out);
        }
    }

    private static long verifyQuietly(LiveTarget target, PushPlan plan) {
        try {
            return verify(target, plan);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void audit(Instant when, LiveTarget target, PushPlan plan, String outcome, String error, Path undo,
                       long unverified) {
        StringWriter w = new StringWriter();
        try (JsonGenerator j = new JsonFactory().createGenerator(w)) {
            j.writeStartObject();
            j.writeStringField("time", when.toString());
            j.writeStringField("user", System.getProperty("user.name"));
            j.writeStringField("host", host());
            j.writeStringField("action", "push");
            j.writeStringField("target", target.address());
            j.writeStringField("table", plan.table());
            j.writeStringField("mode", plan.mode().flag);
            j.writeNumberField("rows", plan.rows());
            j.writeNumberField("inserts", plan.inserts());
            j.writeNumberField("updates", plan.updates());
            j.writeArrayFieldStart("tables");
            for (String t : plan.tableNames()) {
                j.writeString(t);
            }
            j.writeEndArray();
            j.writeArrayFieldStart("keys"); // "table: key" when the push spans tables
            for (TablePlan t : plan.tables()) {
                for (List<Value> k : t.keys()) {
                    j.writeString((plan.tables().size() > 1 ? t.table() + ": " : "")
                            + String.join(", ", k.stream().map(Value::literal).toList()));
                }
            }
            j.writeEndArray();
            j.writeArrayFieldStart("triggers");
            for (dev.lsconsole.diff.SchemaInfo.Trigger t : plan.triggers()) {
                j.writeString(t.toString());
            }
            j.writeEndArray();
            j.writeStringField("outcome", outcome);
            if (unverified >= 0) {
                j.writeNumberField("notVerified", unverified);
            }
            if (error != null) {
                j.writeStringField("error", error);
            }
            j.writeStringField("undo", undo.toString());
            j.writeEndObject();
        } catch (IOException e) {
            throw new PushException("cannot write the audit entry: " + e.getMessage(), e);
        }
        AuditLog.append(auditLog(), w.toString());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * Writes the header and the script, its large values streamed from the spill file, into a temp file
     * beside {@code file} that is renamed into place once complete: a write that fails or that the JVM's
     * exit interrupts (Ctrl-C) leaves no truncated undo script (the temp file is deleted on exit meanwhile).
     */
    private static void writePrivate(Path file, String header, String script) {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.createDirectories(file.getParent());
            LocalFiles.createPrivate(part);
            part.toFile().deleteOnExit(); // an exit mid-write leaves nothing; after the rename it finds nothing
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                out.write(header.getBytes(StandardCharsets.UTF_8));
                Scripts.write(script, out);
            }
            Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new PushException("cannot save the undo script " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
