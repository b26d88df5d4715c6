package dev.lsconsole.health;

import dev.lsconsole.LocalFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The figures of a health run in Prometheus' text exposition format, for node_exporter's textfile
 * collector: written to a temp file next to the target and renamed over it, so the collector never
 * reads half a file.
 */
public final class PrometheusFile {
    private static final String P = "litestream_console_health_";

    private PrometheusFile() {
    }

    /**
     * Writes the figures to {@code target} whole, readable by all (0644: node_exporter runs as another user);
     * an error names {@code target} (never the temp file) and the reason, in one line.
     */
    public static void write(Path target, String command, List<ReplicaReport> reports, Instant now) {
        if (Files.isDirectory(target)) {
            throw new HealthException("cannot write " + target + ": is a directory");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(text(command, reports, now));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HealthException("cannot write " + target + ": " + reason(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing was renamed over the target; a stray hidden temp file is all that can be left
                }
            }
        }
    }

    /** The reason alone: the JDK's messages name the temp file ("….tmp -> x.prom: Is a directory"). */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return "is a directory";
        }
        return LocalFiles.reason(e);
    }

    static String text(String command, List<ReplicaReport> reports, Instant now) {
        StringBuilder b = new StringBuilder();
        help(b, "last_run_timestamp_seconds", "When this health command last finished.");
        b.append(P).append("last_run_timestamp_seconds{command=\"").append(command).append("\"} ")
                .append(seconds(now)).append('\n');
        help(b, "status", "0 ok, 1 warn, 2 fail.");
        reports.forEach(r -> line(b, "status", r, "", switch (r.status()) {
            case "ok" -> "0";
            case "warn" -> "1";
            default -> "2";
        }));
        help(b, "problems", "Problems found, by kind.");
        for (ReplicaReport r : reports) {
            for (Kind k : Kind.values()) {
                line(b, "problems", r, ",kind=\"" + k.label() + "\"", Integer.toString(r.counts().getOrDefault(k, 0)));
            }
        }
        help(b, "lag_seconds", "Age of the newest object.");
        reports.forEach(r -> optional(b, "lag_seconds", r, r.lag()));
        help(b, "snapshot_age_seconds", "Age of the current generation's newest snapshot.");
        reports.forEach(r -> optional(b, "snapshot_age_seconds", r, r.snapshotAge()));
        help(b, "oldest_restorable_timestamp_seconds", "The oldest moment that can be restored (oldest snapshot).");
        reports.stream().filter(r -> r.oldestRestorable() != null).forEach(r -> line(b,
                "oldest_restorable_timestamp_seconds", r, "", seconds(r.oldestRestorable())));
        help(b, "generations_last_day", "Generations started in the last day.");
        reports.forEach(r -> line(b, "generations_last_day", r, "", Integer.toString(r.generationsLastDay())));
        generations(b, reports);
        return b.toString();
    }

    private static void generations(StringBuilder b, List<ReplicaReport> reports) {
        help(b, "generation_objects", "Objects (snapshots and WAL segments) per generation.");
        each(b, reports, "generation_objects", (r, g) -> Long.toString(g.objects()));
        help(b, "generation_bytes", "Stored bytes per generation.");
        each(b, reports, "generation_bytes", (r, g) -> Long.toString(g.bytes()));
        help(b, "generation_last_timestamp_seconds", "Creation time of each generation's newest object.");
        each(b, reports, "generation_last_timestamp_seconds", (r, g) -> g.last() == null ? null : seconds(g.last()));
        help(b, "window_end_timestamp_seconds", "verify: the last moment each generation restores to.");
        each(b, reports, "window_end_timestamp_seconds", (r, g) -> {
            List<Window> ws = r.windows().get(g.generation());
            Window w = ws == null ? null : ws.get(ws.size() - 1);
            return w == null || w.to() == null ? null : seconds(w.to());
        });
    }

    private interface Figure {
        String of(ReplicaReport r, GenerationStats g);
    }

    private static void each(StringBuilder b, List<ReplicaReport> reports, String name, Figure f) {
        for (ReplicaReport r : reports) {
            for (GenerationStats g : r.generations().values()) {
                String v = f.of(r, g);
                if (v != null) {
                    line(b, name, r, ",generation=\"" + g.generation() + "\"", v);
                }
            }
        }
    }

    private static void help(StringBuilder b, String name, String help) {
        b.append("# HELP ").append(P).append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(P).append(name).append(" gauge\n");
    }

    private static void optional(StringBuilder b, String name, ReplicaReport r, Duration d) {
        if (d != null) {
            line(b, name, r, "", String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0));
        }
    }

    private static void line(StringBuilder b, String name, ReplicaReport r, String moreLabels, String value) {
        b.append(P).append(name).append("{replica=\"").append(escape(r.replica())).append("\",location=\"")
                .append(escape(r.location())).append('"').append(moreLabels).append("} ").append(value).append('\n');
    }

    private static String seconds(Instant t) {
        return String.format(java.util.Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
