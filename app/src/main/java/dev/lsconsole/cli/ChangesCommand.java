package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.timetravel.Point;
import dev.lsconsole.timetravel.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What changed between two moments, table by table and row by row: diff's comparison with "restored" the
 * state at FROM and "live" the state at TO, both reached in one walk of one working copy (copied once at
 * FROM), never two full restores. JSON has diff's shape plus the two points.
 */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"Show what changed between two moments, table by table.",
            "Rows deleted, inserted and changed from --from to --to."})
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
                            throw new CliException("no table " + table + " at --from or --to in "
                                    + scope.label());
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
        cli.out.println("changes in replica " + scope.replicaName() + " " + scope.label() + " from "
                + Times.rfc3339Nano(fp.time()) + scope.where(fp) + " to " + Times.rfc3339Nano(tp.time()) + scope.where(tp));
        DiffReport.text(cli.out, d, diffs, null, rows, DiffReport.Words.CHANGES);
    }

    private void json(Scope scope, DiffEngine d, List<TableDiff> diffs, Point fp, Point tp) {
        try (JsonGenerator j = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(cli.out, JsonEncoding.UTF8)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeStringField("replica", scope.replicaName());
            j.writeStringField("generation", scope.generation());
            j.writeStringField("format", scope.span().format());
            HistoryCommand.point(j, scope, "from", fp);
            HistoryCommand.point(j, scope, "to", tp);
            DiffReport.json(j, d, diffs, null);
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cli.out.println();
        cli.out.flush();
    }
}
