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

    private final Path stateDir;

    public Pusher(Path stateDir) {
        this.stateDir = stateDir;
    }

    public Path auditLog() {
        return stateDir.resolve("audit.log");
    }

    public PushResult push(LiveTarget target, PushPlan plan) {
        if (plan.rows() == 0) {
            throw new PushException("nothing to push to " + plan.table());
        }
        Instant now = Instant.now();
        Path undo = stateDir.resolve("undo").resolve(STAMP.format(now) + "-" + safe(plan.table()) + "-"
                + Long.toHexString(System.nanoTime() & 0xffffff) + ".sql");
        writePrivate(undo, "-- target: " + target.address() + "\n", plan.undoScript());
        audit(now, target, plan, "started", null, undo, -1);
        try {
            target.execute(plan.script(), 600);
        } catch (RuntimeException e) {
            long unverified = verifyQuietly(target, plan);
            String state = unverified == plan.rows() ? "nothing was written" : unverified == 0
                    ? "yet every row reads back: the transaction committed" : unverified + " rows do not read back";
            audit(Instant.now(), target, plan, "failed", e.getMessage() + "; " + state, undo, unverified);
            String hint = String.valueOf(e.getMessage()).contains("malformed")
                    ? "; the live database or an index in it failed an integrity check" : "";
            throw new PushException("push to " + target.address() + " failed: " + e.getMessage() + hint + " (" + state
                    + ")", e);
        }
        long unverified = verify(target, plan);
        audit(Instant.now(), target, plan, unverified == 0 ? "ok" : "unverified", null, undo, unverified);
        return new PushResult(target.address(), plan.table(), plan.inserts(), plan.updates(), unverified, undo);
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

    /** Writes the header and the script, its large values streamed from the spill file. */
    private static void writePrivate(Path file, String header, String script) {
        try {
            Files.createDirectories(file.getParent());
            LocalFiles.createPrivate(file);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                out.write(header.getBytes(StandardCharsets.UTF_8));
                Scripts.write(script, out);
            }
        } catch (IOException e) {
            throw new PushException("cannot save the undo script " + file + ": " + e.getMessage(), e);
        }
    }
}
