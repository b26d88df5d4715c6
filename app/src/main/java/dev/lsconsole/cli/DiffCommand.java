package dev.lsconsole.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.TableDiff;
import java.io.IOException;
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
        DiffReport.text(cli.out, d, diffs, where, rows, DiffReport.Words.DIFF);
    }

    private void json(DiffEngine d, List<TableDiff> diffs) throws IOException {
        try (JsonGenerator j = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(cli.out, JsonEncoding.UTF8)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            DiffReport.json(j, d, diffs, where);
            j.writeEndObject();
        }
        cli.out.println();
        cli.out.flush();
    }
}
