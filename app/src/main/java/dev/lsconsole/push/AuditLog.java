package dev.lsconsole.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the audit log the pusher writes (one JSON object a line: a push's "started" entry and its
 * outcome, and each undo), so the window can list past pushes across restarts and offer their undo.
 * A line that is not an entry is skipped and counted, never fatal: the log is the user's record.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One push as the log tells it: its last outcome, and when an undo of it succeeded since (null: never). */
    public record Push(Instant time, String user, String target, List<String> tables, String mode, int rows,
                       int inserts, int updates, String outcome, String error, Path undoScript, Instant undoneAt) {
        /** Whether an undo of this push succeeded. */
        public boolean undone() {
            return undoneAt != null;
        }

        /**
         * Whether "Undo this push" applies: something may have been written and it was not undone yet. A
         * push with no recorded outcome (the app stopped during it) is offered too: the undo script first
         * checks that the rows are as the push wrote them, so it undoes nothing if the push never landed.
         */
        public boolean undoable() {
            return !undone() && undoScript != null && !outcome.equals(Pusher.NOT_WRITTEN)
                    && !(outcome.equals("failed") && error != null && error.contains("nothing was written"));
        }

        public String summary() {
            return rows + " rows (" + inserts + " inserts, " + updates + " updates) into " + String.join(", ", tables)
                    + " of " + target;
        }
    }

    /** The pushes of a log, oldest first, and how many lines could not be read. */
    public record Pushes(List<Push> pushes, int unreadableLines) {
    }

    private AuditLog() {
    }

    /** Appends one entry (a JSON object on one line) to the log at {@code file}, creating it when needed. */
    static void append(Path file, String json) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PushException("cannot write the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code file} line by line (a missing file has no pushes). */
    public static Pushes read(Path file) {
        Map<String, Push> byUndo = new LinkedHashMap<>();
        int bad = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode j = JSON.readTree(line);
                    String undo = j.path("undo").asText(null);
                    if (undo == null) {
                        bad++;
                    } else if ("undo".equals(j.path("action").asText())) {
                        Push p = byUndo.get(undo);
                        if (p != null && "ok".equals(j.path("outcome").asText())) {
                            byUndo.put(undo, withUndone(p, Instant.parse(j.path("time").asText())));
                        }
                    } else {
                        byUndo.put(undo, push(j, Path.of(undo)));
                    }
                } catch (IOException | RuntimeException e) {
                    bad++;
                }
            }
        } catch (NoSuchFileException e) {
            return new Pushes(List.of(), 0);
        } catch (IOException e) {
            throw new PushException("cannot read the audit log " + file + ": " + e.getMessage(), e);
        }
        return new Pushes(new ArrayList<>(byUndo.values()), bad);
    }

    private static Push push(JsonNode j, Path undo) {
        List<String> tables = new ArrayList<>();
        j.path("tables").forEach(t -> tables.add(t.asText()));
        if (tables.isEmpty()) {
            tables.add(j.path("table").asText("?"));
        }
        return new Push(Instant.parse(j.path("time").asText()), j.path("user").asText(""), j.path("target").asText(""),
                tables, j.path("mode").asText(""), j.path("rows").asInt(), j.path("inserts").asInt(),
                j.path("updates").asInt(), j.path("outcome").asText("?"), j.path("error").asText(null), undo, null);
    }

    private static Push withUndone(Push p, Instant at) {
        return new Push(p.time(), p.user(), p.target(), p.tables(), p.mode(), p.rows(), p.inserts(), p.updates(),
                p.outcome(), p.error(), p.undoScript(), at);
    }
}
