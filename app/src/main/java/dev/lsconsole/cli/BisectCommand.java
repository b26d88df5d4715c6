package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.timetravel.Bisect;
import dev.lsconsole.timetravel.Point;
import dev.lsconsole.timetravel.QueryProbe;
import dev.lsconsole.timetravel.Row;
import dev.lsconsole.timetravel.RowProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * When did it change: the last restore point where a row (or a read-only query's whole result) still had
 * the value of the generation's first point, the first point where it did not, both states, and the
 * restore command for the last good state.
 */
@Command(name = "bisect", mixinStandardHelpOptions = true,
        description = {"Find when a row or a read-only query's result changed.",
            "Prints the last restore point with the old result, the first with the new one,",
            "and the restore command for the last good state."})
final class BisectCommand extends TimeTravelCommand {

    static final class RowArgs {
        @Option(names = {"--table", "-table"}, required = true, paramLabel = "TABLE", description = "The row's table.")
        String table;

        @Option(names = {"--key", "-key"}, required = true, paramLabel = "K[,K2…]",
                description = "The row's primary key as SQL literals, like push --keys (composite keys in key-column "
                + "order: 7,1; quote text with a comma: 'a,b'; rowid without one).")
        String key;
    }

    static final class ProbeArgs {
        @ArgGroup(exclusive = false)
        RowArgs row;

        @Option(names = {"--query", "-query"}, paramLabel = "SQL",
                description = "A read-only query, compared as a whole result set (a query that writes is refused).")
        String query;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    ProbeArgs probe;

    @Option(names = {"--from", "-from"}, paramLabel = "TIMESTAMP",
            description = "The old result is the one at this moment (RFC 3339). Defaults to the generation's start.")
    String from;

    @Override
    public Integer call() {
        java.time.Instant since = from == null || from.isEmpty() ? null : parseTime("--from", from);
        if (probe.query != null) {
            QueryProbe q = new QueryProbe(probe.query);
            return withScope(scope -> report(scope, Bisect.of(scope.walk(), q, inRange(scope, "--from", since)),
                    this::queryText, this::queryJson));
        }
        RowProbe rp = new RowProbe(probe.row.table, RowProbe.parseKey(probe.row.key));
        boolean[] tableSeen = new boolean[1];
        return withScope(scope -> {
            Bisect.Result<Row> r = Bisect.of(scope.walk(), rp.map(s -> {
                tableSeen[0] |= s.tableExists();
                return s.row();
            }), inRange(scope, "--from", since));
            if (!r.changed() && !tableSeen[0]) {
                throw new CliException("no table " + rp.table() + " in " + scope.label());
            }
            if (!r.changed() && r.before() == null) {
                throw new CliException("no row with key " + probe.row.key + " in table " + rp.table()
                        + " at any restore point of " + scope.label());
            }
            return report(scope, r, RowText::row, (j, row) -> HistoryCommand.row(j, row));
        });
    }

    interface JsonState<S> {
        void write(JsonGenerator j, S state) throws IOException;
    }

    private <S> int report(Scope scope, Bisect.Result<S> r, java.util.function.Function<S, String> text,
                           JsonState<S> json) {
        if (this.json) {
            writeJson(scope, r, json);
        } else {
            writeText(scope, r, text);
        }
        return 0;
    }

    private String what() {
        return probe.query != null ? "query " + probe.query : probe.row.table + " key " + probe.row.key;
    }

    private <S> void writeText(Scope scope, Bisect.Result<S> r, java.util.function.Function<S, String> text) {
        cli.out.println("bisect of " + what() + " in replica " + scope.replicaName() + " "
                + scope.label() + " (" + r.points() + " restore points walked, the probe read at " + r.probed()
                + " of them)");
        if (!r.changed()) {
            cli.out.println("unchanged from the first to the last restore point (" + Times.rfc3339Nano(r.lastGood().time())
                    + "): " + text.apply(r.before()));
            cli.out.flush();
            return;
        }
        cli.out.println("last good:     " + Times.rfc3339Nano(r.lastGood().time()) + scope.where(r.lastGood()) + "  "
                + text.apply(r.before()));
        cli.out.println("first changed: " + Times.rfc3339Nano(r.firstChanged().time()) + scope.where(r.firstChanged())
                + "  " + text.apply(r.after()));
        cli.out.println("restore the last good state: " + restoreCommand(scope, r.lastGood()));
        cli.out.flush();
    }

    private <S> void writeJson(Scope scope, Bisect.Result<S> r, JsonState<S> state) {
        try (JsonGenerator j = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(cli.out, JsonEncoding.UTF8)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeStringField("replica", scope.replicaName());
            j.writeStringField("generation", scope.generation());
            j.writeStringField("format", scope.span().format());
            if (probe.query != null) {
                j.writeStringField("query", probe.query);
            } else {
                j.writeStringField("table", probe.row.table);
                j.writeArrayFieldStart("key");
                for (String k : RowProbe.parseKey(probe.row.key)) {
                    j.writeString(k);
                }
                j.writeEndArray();
            }
            j.writeNumberField("points_read", r.points());
            j.writeNumberField("probe_reads", r.probed());
            j.writeBooleanField("changed", r.changed());
            side(j, scope, "last_good", r.lastGood(), r.before(), state);
            if (r.changed()) {
                side(j, scope, "first_changed", r.firstChanged(), r.after(), state);
                j.writeStringField("restore_last_good", restoreCommand(scope, r.lastGood()));
            }
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cli.out.println();
        cli.out.flush();
    }

    private static <S> void side(JsonGenerator j, Scope scope, String name, Point p, S s, JsonState<S> state) throws IOException {
        HistoryCommand.point(j, scope, name, p);
        j.writeFieldName(name + "_state");
        state.write(j, s);
    }

    private String queryText(QueryProbe.Result q) {
        String rows = q.rows().stream().map(r -> String.join(" | ", r)).collect(Collectors.joining("; "));
        return q.count() + " row(s)" + (q.count() == 0 ? "" : ": " + rows
                + (q.count() > q.rows().size() ? "; …" : ""));
    }

    private void queryJson(JsonGenerator j, QueryProbe.Result q) throws IOException {
        j.writeStartObject();
        j.writeArrayFieldStart("columns");
        for (String c : q.columns()) {
            j.writeString(c);
        }
        j.writeEndArray();
        j.writeNumberField("count", q.count());
        j.writeStringField("sha256", q.digest());
        j.writeArrayFieldStart("rows");
        for (List<String> row : q.rows()) {
            j.writeStartArray();
            for (String v : row) {
                j.writeString(v);
            }
            j.writeEndArray();
        }
        j.writeEndArray();
        j.writeEndObject();
    }

    /** A row as text, "(absent)" when there is none. */
    static final class RowText {
        private RowText() {
        }

        static String row(Row row) {
            return row == null ? "(absent)" : row.columns().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        }
    }
}
