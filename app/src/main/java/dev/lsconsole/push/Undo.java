package dev.lsconsole.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.live.LiveTarget;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Undoes a past push with the undo script saved before it, the same way the push went: the script is
 * shown first, runs only after a confirmation, in one transaction that first checks every pushed row
 * still reads as the push wrote it (else nothing is undone), and the undo is written to the audit log.
 */
public final class Undo {
    /** Undo scripts carry every value as a literal; larger ones are run with sqlite3 by hand. */
    public static final long MAX_SCRIPT_BYTES = 64L << 20;

    private final Path stateDir;

    public Undo(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** The undo script of {@code push} (what the confirmation shows and what runs). */
    public String script(AuditLog.Push push) {
        Path f = push.undoScript();
        try {
            long size = Files.size(f);
            if (size > MAX_SCRIPT_BYTES) {
                throw new PushException("the undo script " + f + " is " + (size >> 20) + " MiB, too large to run from "
                        + "here: run it with sqlite3 where the database is (sqlite3 DB < " + f.getFileName() + ")");
            }
            String s = Files.readString(f, StandardCharsets.UTF_8);
            if (!s.startsWith("-- target: ")) {
                throw new PushException("the undo script " + f + " is not one this tool wrote (no target line)");
            }
            return s.substring(s.indexOf('\n') + 1);
        } catch (NoSuchFileException e) {
            throw new PushException("the undo script " + f + " is gone: it was moved or deleted");
        } catch (IOException e) {
            throw new PushException("cannot read the undo script " + f + ": " + e.getMessage(), e);
        }
    }

    /** Runs the confirmed undo of {@code push} on {@code target} (the push's own target) and audits it. */
    public void run(LiveTarget target, AuditLog.Push push) {
        if (!target.address().equals(push.target())) {
            throw new PushException("the push went to " + push.target() + ", not to " + target.address()
                    + ": an undo runs only on the database the push wrote to");
        }
        String script = script(push);
        audit(target, push, "started", null);
        try {
            target.execute(script, 600);
        } catch (RuntimeException e) {
            audit(target, push, "failed", e.getMessage());
            throw new PushException("undo on " + target.address() + " failed, nothing was undone: " + e.getMessage(), e);
        }
        audit(target, push, "ok", null);
    }

    private void audit(LiveTarget target, AuditLog.Push push, String outcome, String error) {
        StringWriter w = new StringWriter();
        try (JsonGenerator j = new JsonFactory().createGenerator(w)) {
            j.writeStartObject();
            j.writeStringField("time", Instant.now().toString());
            j.writeStringField("user", System.getProperty("user.name"));
            j.writeStringField("action", "undo");
            j.writeStringField("target", target.address());
            j.writeStringField("undoOf", push.time().toString());
            j.writeStringField("outcome", outcome);
            if (error != null) {
                j.writeStringField("error", error);
            }
            j.writeStringField("undo", push.undoScript().toString());
            j.writeEndObject();
        } catch (IOException e) {
            throw new PushException("cannot write the audit entry: " + e.getMessage(), e);
        }
        AuditLog.append(stateDir.resolve("audit.log"), w.toString());
    }
}
