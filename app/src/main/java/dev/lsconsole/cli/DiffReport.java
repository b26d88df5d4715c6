package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.sql.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * How a comparison reads, written once for `diff` (restored vs live) and `changes` (the state at FROM
 * vs at TO): a table of counts, then up to N rows per kind; or JSON with every row as exact literals.
 * Only the words differ: {@link Words}.
 */
final class DiffReport {
    /** The column titles and section names of one command, and how a changed value shows its other side. */
    record Words(String missing, String only, String changed, String otherSidePrefix, String otherSideSuffix) {
        static final Words DIFF = new Words("missing in live", "only in live", "changed", " (live ", ")");
        static final Words CHANGES = new Words("deleted", "inserted", "changed", " -> ", "");
    }

    private DiffReport() {
    }

    /** The counts table, then the first {@code rows} rows of each kind of each table. */
    static void text(PrintStream out, DiffEngine d, List<TableDiff> diffs, String where, long rows, Words w) {
        TabTable t = new TabTable("table", "key", w.missing().replace(' ', '-'), w.only().replace(' ', '-'),
                w.changed(), "notes");
        for (TableDiff x : diffs) {
            List<String> n = x.notes();
            t.add(x.table(), String.join(",", x.key()), x.missingInLive(), x.onlyInLive(), x.changed(),
                    n.isEmpty() ? "-" : String.join("; ", n));
        }
        t.print(out);
        for (String s : d.skipped()) {
            out.println("skipped: " + s);
        }
        for (TableDiff x : diffs) {
            if (x.presence() != TableDiff.Presence.BOTH || x.problem() != null) {
                continue;
            }
            section(out, d, x, RowDiff.Kind.MISSING_IN_LIVE, x.missingInLive(), w.missing(), where, rows, w);
            section(out, d, x, RowDiff.Kind.ONLY_IN_LIVE, x.onlyInLive(), w.only(), where, rows, w);
            section(out, d, x, RowDiff.Kind.CHANGED, x.changed(), w.changed(), where, rows, w);
        }
        out.flush();
    }

    private static void section(PrintStream out, DiffEngine d, TableDiff x, RowDiff.Kind kind, long count,
                                String title, String where, long rows, Words w) {
        if (count == 0) {
            return;
        }
        out.println();
        out.println(x.table() + ": " + count + " " + title + (count > rows ? " (first " + rows + ")" : ""));
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
                    sb.append(w.otherSidePrefix()).append(shorten(r.live().get(i).literal())).append(w.otherSideSuffix());
                }
            }
            out.println(sb);
        });
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** The "tables" array (every row of every kind, values as exact literals) and the "skipped" list. */
    static void json(JsonGenerator j, DiffEngine d, List<TableDiff> diffs, String where) throws IOException {
        j.writeArrayFieldStart("tables");
        for (TableDiff x : diffs) {
            j.writeStartObject();
            j.writeStringField("table", x.table());
            j.writeStringField("presence", x.presence().name().toLowerCase(Locale.ROOT));
            strings(j, "key", x.key());
            strings(j, "columns", x.commonColumns());
            strings(j, "onlyRestoredColumns", x.onlyRestoredColumns());
            strings(j, "onlyLiveColumns", x.onlyLiveColumns());
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
        strings(j, "skipped", d.skipped());
    }

    private static void row(JsonGenerator j, RowDiff r) {
        try {
            j.writeStartObject();
            j.writeStringField("kind", r.kind().name().toLowerCase(Locale.ROOT));
            literals(j, "key", r.key());
            if (r.restored() != null) {
                literals(j, "restored", r.restored());
            }
            if (r.live() != null) {
                literals(j, "live", r.live());
            }
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void strings(JsonGenerator j, String name, List<String> values) throws IOException {
        j.writeArrayFieldStart(name);
        for (String v : values) {
            j.writeString(v);
        }
        j.writeEndArray();
    }

    /** Values as exact SQL literals, so nothing is lost in JSON (blobs, invalid UTF-8, big integers). */
    private static void literals(JsonGenerator j, String name, List<Value> values) throws IOException {
        j.writeArrayFieldStart(name);
        for (Value v : values) {
            j.writeString(v.literal());
        }
        j.writeEndArray();
    }
}
