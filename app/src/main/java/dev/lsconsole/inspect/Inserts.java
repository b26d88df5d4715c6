package dev.lsconsole.inspect;

import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.util.List;
import java.util.stream.Collectors;

/** Rows as SQL INSERT statements that give back exactly those values: quoted identifiers, exact literals. */
public final class Inserts {
    private Inserts() {
    }

    /** One {@code INSERT INTO "t" ("a", "b") VALUES (…);} line per row. */
    public static String of(String table, List<String> columns, List<? extends List<Value>> rows) {
        String head = "INSERT INTO " + Sql.id(table) + " ("
                + columns.stream().map(Sql::id).collect(Collectors.joining(", ")) + ") VALUES (";
        StringBuilder sb = new StringBuilder();
        for (List<Value> row : rows) {
            sb.append(head).append(row.stream().map(Value::literal).collect(Collectors.joining(", "))).append(");\n");
        }
        return sb.toString();
    }
}
