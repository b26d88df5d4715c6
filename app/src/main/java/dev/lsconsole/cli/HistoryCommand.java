package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.timetravel.Point;
import dev.lsconsole.timetravel.Row;
import dev.lsconsole.timetravel.RowHistory;
import dev.lsconsole.timetravel.RowProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every change of one row across the restore points of a generation, found by walking one working copy
 * forward (never a restore per point): when it appeared, each change, when it vanished.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List every change of one row across the restore points.",
            "When it appeared, each change (columns, old -> new), when it vanished."})
final class HistoryCommand extends TimeTravelCommand {
    @Option(names = {"--table", "-table"}, required = true, paramLabel = "TABLE", description = "The row's table.")
    String table;

    @Option(names = {"--key", "-key"}, required = true, paramLabel = "K[,K2…]",
            description = "The row's primary key as SQL literals, like push --keys (composite keys in key-column "
                + "order: 7,1; quote text with a comma: 'a,b'; rowid without one).")
    String key;

    @Override
    public Integer call() {
        RowProbe probe = new RowProbe(table, RowProbe.parseKey(key));
        return withScope(scope -> {
            RowHistory.Result r = RowHistory.of(scope.walk(), probe);
            String where = scope.label() + " (" + r.points() + " restore points, "
                    + Times.rfc3339Nano(r.first().time()) + " .. " + Times.rfc3339Nano(r.last().time()) + ")";
            if (!r.tableSeen()) {
                throw new CliException("no table " + table + " in " + where);
            }
            if (!r.everExisted()) {
                throw new CliException("no row with key " + key + " in table " + table + " at any restore point of "
                        + where);
            }
            if (json) {
                writeJson(scope, probe, r);
            } else {
                writeText(scope, r, where);
            }
            return 0;
        });
    }

    private void writeText(Scope scope, RowHistory.Result r, String where) {
        cli.out.println("history of " + table + " key " + key + " in replica " + scope.replicaName() + " " + where);
        if (r.initial() != null) {
            cli.out.println(Times.rfc3339Nano(r.first().time()) + scope.where(r.first())
                    + "  present at the first restore point  "
                    + render(r.initial()));
        }
        for (RowHistory.Event e : r.events()) {
            String head = Times.rfc3339Nano(e.at().time()) + scope.where(e.at()) + "  "
                    + e.kind().name().toLowerCase(java.util.Locale.ROOT);
            String body = switch (e.kind()) {
                case APPEARED -> render(e.newRow());
                case VANISHED -> "was " + render(e.oldRow());
                case CHANGED -> e.changes().stream().map(c -> c.column() + ": " + orNone(c.before()) + " -> "
                        + orNone(c.after())).collect(Collectors.joining("; "));
            };
            cli.out.println(head + "  " + body);
            cli.out.println("    before it: " + restoreCommand(scope, e.before()));
        }
        cli.out.println(r.events().isEmpty() || r.events().get(r.events().size() - 1).newRow() != null
                ? "present at the last restore point " + Times.rfc3339Nano(r.last().time())
                : "absent at the last restore point " + Times.rfc3339Nano(r.last().time()));
        cli.out.flush();
    }

    private static String orNone(String v) {
        return v == null ? "(no column)" : v;
    }

    private static String render(Row row) {
        return row.columns().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private void writeJson(Scope scope, RowProbe probe, RowHistory.Result r) {
        try (JsonGenerator j = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(cli.out, JsonEncoding.UTF8)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeStringField("replica", scope.replicaName());
            j.writeStringField("generation", scope.generation());
            j.writeStringField("format", scope.span().format());
            j.writeStringField("table", table);
            j.writeArrayFieldStart("key");
            for (String k : probe.key()) {
                j.writeString(k);
            }
            j.writeEndArray();
            j.writeNumberField("points", r.points());
            point(j, scope, "first", r.first());
            point(j, scope, "last", r.last());
            j.writeFieldName("initial");
            row(j, r.initial());
            j.writeArrayFieldStart("events");
            for (RowHistory.Event e : r.events()) {
                event(j, scope, e);
            }
            j.writeEndArray();
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cli.out.println();
        cli.out.flush();
    }

    private void event(JsonGenerator j, Scope scope, RowHistory.Event e) throws IOException {
        j.writeStartObject();
        j.writeStringField("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        point(j, scope, "at", e.at());
        point(j, scope, "before", e.before());
        j.writeStringField("restore_before", restoreCommand(scope, e.before()));
        j.writeFieldName("old");
        row(j, e.oldRow());
        j.writeFieldName("new");
        row(j, e.newRow());
        j.writeArrayFieldStart("changes");
        for (Row.Change c : e.changes()) {
            j.writeStartObject();
            j.writeStringField("column", c.column());
            j.writeStringField("old", c.before());
            j.writeStringField("new", c.after());
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeEndObject();
    }

    /** A point as JSON: its time, TXID or WAL index and offset, and the history it is in (a generation or "ltx"). */
    static void point(JsonGenerator j, Scope scope, String name, Point p) throws IOException {
        j.writeObjectFieldStart(name);
        j.writeStringField("time", Times.rfc3339Nano(p.time()));
        j.writeStringField("history", scope.span().historyOf(p));
        if (p.isLtx()) {
            j.writeStringField("txid", dev.lsconsole.replica.LtxNames.txid(p.txid()));
        } else {
            j.writeNumberField("index", p.index());
            j.writeNumberField("offset", p.offset());
        }
        j.writeEndObject();
    }

    static void row(JsonGenerator j, Row row) throws IOException {
        if (row == null) {
            j.writeNull();
            return;
        }
        j.writeStartObject();
        for (Map.Entry<String, String> c : row.columns().entrySet()) {
            j.writeStringField(c.getKey(), c.getValue());
        }
        j.writeEndObject();
    }
}
