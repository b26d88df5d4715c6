package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.restore.RestorePlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Each generation's restorable range and every restore point in it (each snapshot and each WAL segment,
 * with the exact time to pass to restore -timestamp). Streams: nothing is held beyond one listing page.
 */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Show each generation's time range and every restore point in it.",
            "A restore point's time, passed to restore -timestamp, restores exactly up to it."})
final class TimelineCommand extends TargetCommand {

    @Option(names = {"-generation", "--generation"}, paramLabel = "NAME", description = "Optional, one generation.")
    String generation;

    @Option(names = {"--json", "-json"}, description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        try (Source src = resolve(target, replica, 8)) {
            if (json) {
                writeJson(src);
            } else {
                writeText(src);
            }
        }
        return 0;
    }

    private List<String> generations(Replica r) {
        return generation == null || generation.isEmpty() ? r.client().generations() : List.of(generation);
    }

    private void writeText(Source src) {
        RestorePlanner planner = new RestorePlanner();
        for (Replica r : src.replicas()) {
            for (String g : generations(r)) {
                GenerationBounds b = planner.bounds(r, g);
                cli.out.println("replica " + r.name() + "  generation " + g + "  "
                        + (b.isEmpty() ? "(empty)" : Times.rfc3339Nano(b.createdAt()) + " .. "
                        + Times.rfc3339Nano(b.updatedAt())) + "  " + b.snapshots() + " snapshots, " + b.segments()
                        + " WAL segments, " + b.bytes() + " bytes");
                points(r, g, (kind, t, index, offset, size) -> cli.out.println("  " + Times.rfc3339Nano(t) + "  "
                        + kind + " " + Layout.hex8(index) + (offset < 0 ? "" : "/" + Layout.hex8(offset))
                        + "  " + size + " bytes"));
            }
        }
        cli.out.flush();
    }

    private void writeJson(Source src) throws IOException {
        RestorePlanner planner = new RestorePlanner();
        try (JsonGenerator j = new JsonFactory().createGenerator(cli.out, JsonEncoding.UTF8)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeArrayFieldStart("generations");
            for (Replica r : src.replicas()) {
                for (String g : generations(r)) {
                    GenerationBounds b = planner.bounds(r, g);
                    j.writeStartObject();
                    j.writeStringField("replica", r.name());
                    j.writeStringField("generation", g);
                    j.writeStringField("start", b.isEmpty() ? null : Times.rfc3339Nano(b.createdAt()));
                    j.writeStringField("end", b.isEmpty() ? null : Times.rfc3339Nano(b.updatedAt()));
                    j.writeNumberField("snapshots", b.snapshots());
                    j.writeNumberField("segments", b.segments());
                    j.writeNumberField("bytes", b.bytes());
                    j.writeArrayFieldStart("points");
                    points(r, g, (kind, t, index, offset, size) -> {
                        try {
                            j.writeStartObject();
                            j.writeStringField("time", Times.rfc3339Nano(t));
                            j.writeStringField("kind", kind);
                            j.writeNumberField("index", index);
                            if (offset >= 0) {
                                j.writeNumberField("offset", offset);
                            }
                            j.writeNumberField("size", size);
                            j.writeEndObject();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    j.writeEndArray();
                    j.writeEndObject();
                }
            }
            j.writeEndArray();
            j.writeEndObject();
        }
        cli.out.println();
        cli.out.flush();
    }

    interface PointSink {
        void point(String kind, java.time.Instant t, int index, long offset, long size);
    }

    /** Snapshots first, then WAL segments, each in replica order. */
    private static void points(Replica r, String g, PointSink sink) {
        try (ObjectIterator<SnapshotInfo> it = r.client().snapshots(g)) {
            while (it.hasNext()) {
                SnapshotInfo s = it.next();
                sink.point("snapshot", s.createdAt(), s.index(), -1, s.size());
            }
        }
        try (ObjectIterator<WalSegmentInfo> it = r.client().walSegments(g)) {
            while (it.hasNext()) {
                WalSegmentInfo s = it.next();
                sink.point("wal", s.createdAt(), s.index(), s.offset(), s.size());
            }
        }
    }
}
