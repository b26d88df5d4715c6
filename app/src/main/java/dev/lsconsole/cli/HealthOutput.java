package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.config.GoDuration;
import dev.lsconsole.health.GenerationStats;
import dev.lsconsole.health.Kind;
import dev.lsconsole.health.Problem;
import dev.lsconsole.health.ReplicaReport;
import dev.lsconsole.health.Window;
import dev.lsconsole.history.History;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** verify's and check's reports: text for people, JSON (documented in the README) for machines. */
final class HealthOutput {
    private HealthOutput() {
    }

    static void text(PrintStream out, List<ReplicaReport> reports) {
        for (ReplicaReport r : reports) {
            out.println("replica " + r.replica() + " (" + r.location() + "): " + r.status().toUpperCase()
                    + (r.problemCount() == 0 ? "" : ", " + r.problemCount() + (r.problemCount() == 1 ? " problem"
                    : " problems")));
            for (GenerationStats g : r.generations().values()) {
                boolean ltx = g.generation().equals(History.LTX_ID);
                out.println("  " + label(g.generation()) + "  " + range(g.first(), g.last()) + "  " + g.snapshots()
                        + (ltx ? " snapshots (level 9), " + g.segments() + " other LTX files, "
                        : " snapshots, " + g.segments() + " WAL segments, ") + g.bytes() + " bytes");
            }
            for (String g : r.emptyGenerations()) {
                out.println("  generation " + g + "  (empty folder: litestream stopped before its first snapshot;"
                        + " nothing to restore from it)");
            }
            figures(out, r);
            for (Problem p : r.problems()) {
                out.println("  " + p.kind().label() + "  " + p.object() + ": " + p.message());
            }
            if (r.problems().size() < r.problemCount()) {
                out.println("  … " + (r.problemCount() - r.problems().size()) + " more problems (see --json counts)");
            }
            if (!r.windows().isEmpty()) {
                out.println("  restorable:");
                for (Window w : r.windows().values().stream().flatMap(List::stream).toList()) {
                    out.println("    " + label(w.generation()) + "  "
                            + (w.restorable() ? range(w.from(), w.to()) : "nothing")
                            + (w.note() == null ? "" : "  (" + w.note() + ")"));
                }
            }
        }
        out.flush();
    }

    /** "generation 1a2b…", or "v0.5 LTX chain" for the chain's figures (kept under the id "ltx"). */
    private static String label(String generation) {
        return generation.equals(History.LTX_ID) ? "v0.5 LTX chain" : "generation " + generation;
    }

    private static void figures(PrintStream out, ReplicaReport r) {
        List<String> f = new ArrayList<>();
        if (r.lag() != null) {
            f.add("lag " + duration(r.lag()));
        }
        if (r.snapshotAge() != null) {
            f.add("snapshot age " + duration(r.snapshotAge()));
        }
        if (r.oldestRestorable() != null) {
            f.add("oldest restorable " + Times.rfc3339Nano(r.oldestRestorable())); // exact: typed back, it restores
        }
        f.add(r.generationsLastDay() + (r.generationsLastDay() == 1 ? " generation" : " generations")
                + " started in the last day");
        if (r.objectsRead() > 0) {
            f.add(r.objectsRead() + " objects read (" + r.bytesRead() + " bytes)");
        }
        out.println("  " + String.join(", ", f));
    }

    private static String range(Instant from, Instant to) {
        return from == null ? "(empty)" : Times.rfc3339Nano(from) + " .. " + Times.rfc3339Nano(to);
    }

    private static String duration(Duration d) {
        return GoDuration.format(GoDuration.truncateForDisplay(d));
    }

    static void json(PrintStream out, String command, List<ReplicaReport> reports) throws IOException {
        try (JsonGenerator j = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(out, JsonEncoding.UTF8)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeStringField("command", command);
            j.writeStringField("status", overall(reports));
            j.writeArrayFieldStart("problems");
            for (ReplicaReport r : reports) {
                for (Problem p : r.problems()) {
                    j.writeStartObject();
                    j.writeStringField("kind", p.kind().label());
                    j.writeStringField("severity", p.kind().fails() ? "fail" : "warn");
                    j.writeStringField("replica", p.replica());
                    j.writeStringField("object", p.object());
                    j.writeStringField("message", p.message());
                    j.writeEndObject();
                }
            }
            j.writeEndArray();
            j.writeArrayFieldStart("replicas");
            for (ReplicaReport r : reports) {
                replica(j, r);
            }
            j.writeEndArray();
            j.writeEndObject();
        }
        out.println();
        out.flush();
    }

    private static String overall(List<ReplicaReport> reports) {
        String s = "ok";
        for (ReplicaReport r : reports) {
            if (r.status().equals("fail")) {
                return "fail";
            }
            s = r.status().equals("warn") ? "warn" : s;
        }
        return s;
    }

    private static void replica(JsonGenerator j, ReplicaReport r) throws IOException {
        j.writeStartObject();
        j.writeStringField("name", r.replica());
        j.writeStringField("location", r.location());
        j.writeStringField("status", r.status());
        j.writeNumberField("problemCount", r.problemCount());
        j.writeObjectFieldStart("problemCounts");
        for (Map.Entry<Kind, Integer> e : r.counts().entrySet()) {
            j.writeNumberField(e.getKey().label(), e.getValue());
        }
        j.writeEndObject();
        seconds(j, "lagSeconds", r.lag());
        seconds(j, "snapshotAgeSeconds", r.snapshotAge());
        time(j, "oldestRestorable", r.oldestRestorable());
        j.writeNumberField("generationsLastDay", r.generationsLastDay());
        j.writeNumberField("objectsRead", r.objectsRead());
        j.writeNumberField("bytesRead", r.bytesRead());
        j.writeArrayFieldStart("generations");
        Map<String, List<Window>> windows = r.windows();
        for (GenerationStats g : r.generations().values()) {
            j.writeStartObject();
            j.writeStringField("generation", g.generation());
            time(j, "first", g.first());
            time(j, "last", g.last());
            j.writeNumberField("snapshots", g.snapshots());
            j.writeNumberField("segments", g.segments());
            j.writeNumberField("objects", g.objects());
            j.writeNumberField("bytes", g.bytes());
            List<Window> ws = windows.get(g.generation());
            if (ws != null) {
                j.writeFieldName("restorable"); // the first window, as before windows were a list
                window(j, ws.get(0));
                j.writeArrayFieldStart("restorableWindows");
                for (Window w : ws) {
                    window(j, w);
                }
                j.writeEndArray();
            }
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("emptyGenerations");
        for (String g : r.emptyGenerations()) {
            j.writeString(g);
        }
        j.writeEndArray();
        j.writeEndObject();
    }

    private static void window(JsonGenerator j, Window w) throws IOException {
        j.writeStartObject();
        time(j, "from", w.from());
        time(j, "to", w.to());
        j.writeStringField("note", w.note());
        j.writeEndObject();
    }

    private static void seconds(JsonGenerator j, String name, Duration d) throws IOException {
        if (d == null) {
            j.writeNullField(name);
        } else {
            j.writeNumberField(name, d.toMillis() / 1000.0);
        }
    }

    private static void time(JsonGenerator j, String name, Instant t) throws IOException {
        j.writeStringField(name, t == null ? null : Times.rfc3339Nano(t));
    }
}
