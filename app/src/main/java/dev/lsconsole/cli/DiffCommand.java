package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.sql.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare a restored database with the live one, table by table.",
            "Rows missing in live, rows only in live, changed rows, schema drift. Reading live never changes it."})
final class DiffCommand extends LiveCommand {
    @Option(names = "--table", paramLabel = "T", description = "Only this table (repeatable).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--json", description = "Machine-readable output, every differing row.")
    boolean json;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "20",
            description = "Rows shown per table and kind in text output. Defaults to ${DEFAULT-VALUE}.")
    long rows;

    @Override
    public Integer call() throws Exception {
        return withSnapshot(target(), snap -> {
            try (DiffEngine d = new DiffEngine(restored, snap)) {
                List<TableDiff> diffs = d.compare(tables, where);
                if (json) {
                    json(d, diffs);
                } else {
                    text(d, diffs);
                }
            }
            return 0;
        });
    }

    private void text(DiffEngine d, List<TableDiff> diffs) {
        TabTable t = new TabTable("table", "key", "missing-in-live", "only-in-live", "changed", "notes");
        for (TableDiff x : diffs) {
            t.add(x.table(), String.join(",", x.key()), x.missingInLive(), x.onlyInLive(), x.changed(), notes(x));
        }
        t.print(cli.out);
        for (String s : d.skipped()) {
            cli.out.println("skipped: " + s);
        }
        for (TableDiff x : diffs) {
            if (x.presence() != TableDiff.Presence.BOTH || x.problem() != null) {
                continue;
            }
            section(d, x, RowDiff.Kind.MISSING_IN_LIVE, x.missingInLive(), "missing in live");
            section(d, x, RowDiff.Kind.ONLY_IN_LIVE, x.onlyInLive(), "only in live");
            section(d, x, RowDiff.Kind.CHANGED, x.changed(), "changed");
        }
        cli.out.flush();
    }

    private void section(DiffEngine d, TableDiff x, RowDiff.Kind kind, long count, String title) {
        if (count == 0) {
            return;
        }
        cli.out.println();
        cli.out.println(x.table() + ": " + count + " " + title + (count > rows ? " (first " + rows + ")" : ""));
        d.rows(x.table(), kind, where, 0, rows, r -> {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < x.key().size(); i++) {
                sb.append(x.key().get(i)).append('=').append(r.key().get(i).literal()).append(' ');
            }
            List<Value> vals = r.restored() != null ? r.restored() : r.live();
            for (int i = 0; i < x.commonColumns().size(); i++) {
                if (kind == RowDiff.Kind.CHANGED && !r.changed().get(i)) {
                    continue;
                }
                sb.append(' ').append(x.commonColumns().get(i)).append('=').append(shorten(vals.get(i).literal()));
                if (kind == RowDiff.Kind.CHANGED) {
                    sb.append(" (live ").append(shorten(r.live().get(i).literal())).append(')');
                }
            }
            cli.out.println(sb);
        });
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static String notes(TableDiff x) {
        List<String> n = x.notes();
        return n.isEmpty() ? "-" : String.join("; ", n);
    }

    private void json(DiffEngine d, List<TableDiff> diffs) throws IOException {
        try (JsonGenerator j = new JsonFactory().createGenerator(cli.out, JsonEncoding.UTF8)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeArrayFieldStart("tables");
            for (TableDiff x : diffs) {
                j.writeStartObject();
                j.writeStringField("table", x.table());
                j.writeStringField("presence", x.presence().name().toLowerCase(java.util.Locale.ROOT));
                writeStrings(j, "key", x.key());
                writeStrings(j, "columns", x.commonColumns());
                writeStrings(j, "onlyRestoredColumns", x.onlyRestoredColumns());
                writeStrings(j, "onlyLiveColumns", x.onlyLiveColumns());
                j.writeNumberField("missingInLive", x.missingInLive());
                j.writeNumberField("onlyInLive", x.onlyInLive());
                j.writeNumberField("changed", x.changed());
                if (x.problem() != null) {
                    j.writeStringField("problem", x.problem());
                }
                j.writeArrayFieldStart("rows");
                if (x.presence() == TableDiff.Presence.BOTH && x.problem() == null) {
                    for (RowDiff.Kind kind : RowDiff.Kind.values()) {
                        d.rows(x.table(), kind, where, 0, -1, r -> row(j, r));
                    }
                }
                j.writeEndArray();
                j.writeEndObject();
            }
            j.writeEndArray();
            writeStrings(j, "skipped", d.skipped());
            j.writeEndObject();
        }
        cli.out.println();
        cli.out.flush();
    }

    private static void row(JsonGenerator j, RowDiff r) {
        try {
            j.writeStartObject();
            j.writeStringField("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
            writeLiterals(j, "key", r.key());
            if (r.restored() != null) {
                writeLiterals(j, "restored", r.restored());
            }
            if (r.live() != null) {
                writeLiterals(j, "live", r.live());
            }
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeStrings(JsonGenerator j, String name, List<String> values) throws IOException {
        j.writeArrayFieldStart(name);
        for (String v : values) {
            j.writeString(v);
        }
        j.writeEndArray();
    }

    /** Values as exact SQL literals, so nothing is lost in JSON (blobs, invalid UTF-8, big integers). */
    private static void writeLiterals(JsonGenerator j, String name, List<Value> values) throws IOException {
        j.writeArrayFieldStart(name);
        for (Value v : values) {
            j.writeString(v.literal());
        }
        j.writeEndArray();
    }
}
