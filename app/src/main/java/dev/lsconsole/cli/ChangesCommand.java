package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.sql.Value;
import dev.lsconsole.timetravel.Point;
import dev.lsconsole.timetravel.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What changed between two moments, table by table and row by row: diff's comparison with "restored" the
 * state at FROM and "live" the state at TO, both reached in one walk of one working copy (copied once at
 * FROM), never two full restores. JSON has diff's shape plus the two points.
 */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"What changed between two moments, table by table and row by row",
            "(rows deleted, inserted and changed from --from to --to)."})
final class ChangesCommand extends TimeTravelCommand {
    @Option(names = {"--from", "-from"}, required = true, paramLabel = "TIMESTAMP", description = "The earlier moment (RFC 3339).")
    String from;

    @Option(names = {"--to", "-to"}, required = true, paramLabel = "TIMESTAMP", description = "The later moment (RFC 3339).")
    String to;

    @Option(names = {"--table", "-table"}, paramLabel = "T", description = "Only this table (repeatable).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--rows", paramLabel = "N", defaultValue = "20",
            description = "Rows shown per table and kind in text output. Defaults to ${DEFAULT-VALUE}.")
    long rows;

    @Override
    public Integer call() {
        Instant f = parseTime("--from", from);
        Instant t = parseTime("--to", to);
        if (f.isAfter(t)) {
            throw new CliException("--from " + from + " is after --to " + to);
        }
        return withScope(scope -> {
            inRange(scope, "--from", f);
            inRange(scope, "--to", t);
            Window.run(scope.walk(), tempRoot(), f, t, (fp, fromDb, tp, toDb) -> {
                try (DiffEngine d = new DiffEngine(fromDb, toDb)) {
                    for (String table : tables) {
                        if (!d.tables("main").contains(table) && !d.tables("live").contains(table)) {
                            throw new CliException("no table " + table + " at --from or --to in generation "
                                    + scope.generation());
                        }
                    }
                    List<TableDiff> diffs = d.compare(tables, null);
                    if (json) {
                        json(scope, d, diffs, fp, tp);
                    } else {
                        text(scope, d, diffs, fp, tp);
                    }
                }
            });
            return 0;
        });
    }

    private void text(Scope scope, DiffEngine d, List<TableDiff> diffs, Point fp, Point tp) {
        cli.out.println("changes in replica " + scope.replicaName() + " generation " + scope.generation() + " from "
                + Times.rfc3339Nano(fp.time()) + " to " + Times.rfc3339Nano(tp.time()));
        TabTable t = new TabTable("table", "key", "deleted", "inserted", "changed", "notes");
        for (TableDiff x : diffs) {
            List<String> n = x.notes();
            t.add(x.table(), String.join(",", x.key()), x.missingInLive(), x.onlyInLive(), x.changed(),
                    n.isEmpty() ? "-" : String.join("; ", n));
        }
        t.print(cli.out);
        for (TableDiff x : diffs) {
            if (x.presence() != TableDiff.Presence.BOTH || x.problem() != null) {
                continue;
            }
            section(d, x, RowDiff.Kind.MISSING_IN_LIVE, x.missingInLive(), "deleted");
            section(d, x, RowDiff.Kind.ONLY_IN_LIVE, x.onlyInLive(), "inserted");
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
        d.rows(x.table(), kind, null, 0, rows, r -> {
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
                    sb.append(" -> ").append(shorten(r.live().get(i).literal()));
                }
            }
            cli.out.println(sb);
        });
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private void json(Scope scope, DiffEngine d, List<TableDiff> diffs, Point fp, Point tp) {
        try (JsonGenerator j = new JsonFactory().createGenerator(cli.out, JsonEncoding.UTF8)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeStringField("replica", scope.replicaName());
            j.writeStringField("generation", scope.generation());
            HistoryCommand.point(j, "from", fp);
            HistoryCommand.point(j, "to", tp);
            j.writeArrayFieldStart("tables");
            for (TableDiff x : diffs) {
                table(j, d, x);
            }
            j.writeEndArray();
            strings(j, "skipped", d.skipped());
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cli.out.println();
        cli.out.flush();
    }

    private static void table(JsonGenerator j, DiffEngine d, TableDiff x) throws IOException {
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
                d.rows(x.table(), kind, null, 0, -1, r -> row(j, r));
            }
        }
        j.writeEndArray();
        j.writeEndObject();
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

    private static void literals(JsonGenerator j, String name, List<Value> values) throws IOException {
        j.writeArrayFieldStart(name);
        for (Value v : values) {
            j.writeString(v.literal());
        }
        j.writeEndArray();
    }
}
