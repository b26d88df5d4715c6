package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.ltx.Granularity;
import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.restore.RestorePlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Each generation's restorable range and every restore point in it (each snapshot and each WAL segment,
 * with the exact time to pass to restore -timestamp). Streams: nothing is held beyond one listing page.
 */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Show every restore point of each generation, with its time range.",
            "A v0.5 replica's LTX chain is shown the same way.",
            "A restore point's time, passed to restore -timestamp, restores exactly up to it."})
final class TimelineCommand extends TargetCommand {

    @Option(names = {"-generation", "--generation"}, paramLabel = "NAME", description = "Optional, one generation.")
    String generation;

    @Option(names = {"--json", "-json"}, description = "Machine-readable output.")
    boolean json;

    /** Each replica's generation names, listed before anything is printed (a failure prints nothing). */
    private final Map<Replica, List<String>> generations = new IdentityHashMap<>();

    /**
     * Where the listing is written: a spool file in $TMPDIR, copied to stdout once every generation was read,
     * so a failure half way (an S3 error on the third generation) prints nothing, never half a document.
     */
    private java.io.PrintStream out;

    @Override
    public Integer call() throws IOException {
        java.nio.file.Path spool;
        try {
            spool = java.nio.file.Files.createTempFile(java.nio.file.Files.createDirectories(cli.tempRoot()),
                    "lsc-timeline-", ".txt");
            spool.toFile().deleteOnExit(); // Ctrl-C too
        } catch (IOException e) { // no writable $TMPDIR: a read-only listing still runs, printed as it goes
            try (Source src = resolve(target, replica, 8)) {
                out = cli.out;
                listGenerations(src);
                write(src);
            }
            return 0;
        }
        try (Source src = resolve(target, replica, 8)) {
            try (java.io.PrintStream s = new java.io.PrintStream(new java.io.BufferedOutputStream(
                    java.nio.file.Files.newOutputStream(spool)), false, java.nio.charset.StandardCharsets.UTF_8)) {
                out = s;
                listGenerations(src);
                write(src);
                if (s.checkError()) {
                    throw new CliException("cannot write the listing to " + spool + " (disk full?)");
                }
            }
            java.nio.file.Files.copy(spool, cli.out);
            cli.out.flush();
        } finally {
            java.nio.file.Files.deleteIfExists(spool);
        }
        return 0;
    }

    private void write(Source src) throws IOException {
        if (json) {
            writeJson(src);
        } else {
            writeText(src);
        }
    }

    /** Lists every replica's generations (names only) and refuses a -generation that none of them has. */
    private void listGenerations(Source src) {
        boolean named = generation != null && !generation.isEmpty();
        for (Replica r : src.replicas()) {
            List<String> all = r.client().generations();
            generations.put(r, !named ? all : all.contains(generation) ? List.of(generation) : List.of());
        }
        if (named && generations.values().stream().allMatch(List::isEmpty)) {
            String unknown = UnknownGeneration.reason(src.replicas(), null, generation);
            throw new CliException(unknown != null ? unknown
                    : "generation " + generation + " does not exist in the replicas");
        }
    }

    private List<String> generations(Replica r) {
        return generations.get(r);
    }

    private void writeText(Source src) {
        RestorePlanner planner = new RestorePlanner();
        for (Replica r : src.replicas()) {
            for (String g : generations(r)) {
                GenerationBounds b = planner.bounds(r, g);
                out.println("replica " + r.name() + "  generation " + g + "  "
                        + (b.isEmpty() ? "(empty)" : Times.rfc3339Nano(b.createdAt()) + " .. "
                        + Times.rfc3339Nano(b.updatedAt())) + "  " + b.snapshots() + " snapshots, " + b.segments()
                        + " WAL segments, " + b.bytes() + " bytes");
                points(r, g, (kind, t, index, offset, size) -> out.println("  " + Times.rfc3339Nano(t) + "  "
                        + kind + " " + Layout.hex8(index) + (offset < 0 ? "" : "/" + Layout.hex8(offset))
                        + "  " + size + " bytes"));
            }
            LtxChain chain = chain(r);
            if (chain != null) {
                writeChainText(r, chain);
            }
        }
        out.flush();
    }

    /** The replica's v0.5 chain, unless a generation was asked for or it has no LTX files. */
    private LtxChain chain(Replica r) {
        if (generation != null && !generation.isEmpty()) {
            return null;
        }
        List<Integer> levels = r.client().ltxLevels();
        return levels.isEmpty() ? null : LtxChain.of(r, levels);
    }

    private void writeChainText(Replica r, LtxChain chain) {
        List<LtxChain.Step> steps = chain.steps();
        if (steps.isEmpty()) {
            out.println("replica " + r.name() + "  v0.5 LTX chain  (no snapshot to start from)");
            return;
        }
        LtxChain.Step first = steps.get(0);
        LtxChain.Step last = steps.get(steps.size() - 1);
        out.println("replica " + r.name() + "  v0.5 LTX chain  " + Times.rfc3339Nano(first.time()) + " .. "
                + Times.rfc3339Nano(last.time()) + "  " + steps.size() + " restore points, TXID "
                + LtxNames.txid(first.txid()) + " .. " + LtxNames.txid(last.txid()));
        out.println("  restore -timestamp T uses the files created before T, so a point's own time restores the point"
                + " before it: restore a point by its TXID");
        out.println("  restore points thin out with age (litestream compacts older transactions into larger files):");
        for (Granularity.Band b : Granularity.bands(steps)) {
            out.println("    " + Times.rfc3339Nano(b.from()) + " .. " + Times.rfc3339Nano(b.to()) + "  level " + b.level()
                    + "  " + b.describe());
        }
        for (LtxChain.Step s : steps) {
            out.println("  " + Times.rfc3339Nano(s.time()) + "  txid " + LtxNames.txid(s.txid()) + "  level "
                    + s.file().level() + "  " + s.file().size() + " bytes  (restore -txid " + LtxNames.txid(s.txid()) + ")");
            LtxChain.Hole h = chain.holeAfter(s);
            if (h != null) {
                out.println("  gap: TXIDs " + LtxNames.txid(h.from()) + ".." + LtxNames.txid(h.to())
                        + " are in no LTX file: their states are lost (verify names the files)");
            }
        }
    }

    private void writeChainJson(JsonGenerator j, Replica r, LtxChain chain) throws IOException {
        List<LtxChain.Step> steps = chain.steps();
        j.writeStartObject();
        j.writeStringField("replica", r.name());
        j.writeStringField("format", "v0.5");
        j.writeStringField("start", steps.isEmpty() ? null : Times.rfc3339Nano(steps.get(0).time()));
        j.writeStringField("end", steps.isEmpty() ? null : Times.rfc3339Nano(steps.get(steps.size() - 1).time()));
        j.writeArrayFieldStart("bands");
        for (Granularity.Band b : Granularity.bands(steps)) {
            j.writeStartObject();
            j.writeStringField("from", Times.rfc3339Nano(b.from()));
            j.writeStringField("to", Times.rfc3339Nano(b.to()));
            j.writeNumberField("level", b.level());
            j.writeNumberField("points", b.points());
            j.writeNumberField("gap_ms", b.gap().toMillis());
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("points");
        for (LtxChain.Step s : steps) {
            j.writeStartObject();
            j.writeStringField("time", Times.rfc3339Nano(s.time()));
            j.writeStringField("txid", LtxNames.txid(s.txid()));
            j.writeNumberField("level", s.file().level());
            j.writeNumberField("size", s.file().size());
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeEndObject();
    }

    private void writeJson(Source src) throws IOException {
        RestorePlanner planner = new RestorePlanner();
        try (JsonGenerator j = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(out, JsonEncoding.UTF8)) {
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
            j.writeArrayFieldStart("chains");
            for (Replica r : src.replicas()) {
                LtxChain chain = chain(r);
                if (chain != null) {
                    writeChainJson(j, r, chain);
                }
            }
            j.writeEndArray();
            j.writeEndObject();
        }
        out.println();
        out.flush();
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
