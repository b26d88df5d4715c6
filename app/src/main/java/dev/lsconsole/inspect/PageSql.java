package dev.lsconsole.inspect;

import dev.lsconsole.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of grid pages, exports and single-value reads. SQLite sorts (ORDER BY the quoted column, then
 * the key), and a page after a row continues from that row's key (keyset paging: deep pages cost the same
 * as the first), never by skipping OFFSET rows, unless the table has no key.
 */
final class PageSql {
    private PageSql() {
    }

    /**
     * The select list: per column {@code typeof(c), value}, the value cut to {@code cutAt + 1} bytes when
     * TEXT or BLOB and {@code cutAt > 0}; then {@code typeof(k), k} per key expression.
     */
    static String select(TableShape t, int cutAt) {
        List<String> parts = new ArrayList<>();
        for (String col : t.columns()) {
            String id = Sql.id(col);
            parts.add("typeof(" + id + ")");
            parts.add(cutAt <= 0 ? id : "CASE WHEN typeof(" + id + ") IN ('text', 'blob') THEN substr(CAST(" + id
                    + " AS BLOB), 1, " + (cutAt + 1) + ") ELSE " + id + " END");
        }
        for (String k : t.key()) {
            parts.add("typeof(" + k + ")");
            parts.add(k);
        }
        return "SELECT " + String.join(", ", parts) + " FROM " + t.from();
    }

    /** The filter's condition with one {@code ?} for the pattern, or null. */
    static String filter(DbBrowser.Filter f) {
        return f.isNone() ? null : "CAST(" + Sql.id(f.column()) + " AS TEXT) LIKE ? ESCAPE '\\'";
    }

    /**
     * Rows after the one with key {@code after} in the order of {@code sort} (keyed tables only), as one
     * or two conditions read in turn: the rest of the last row's class (NULL or not, as {@code lastIsNull}
     * says) by an index-friendly range, then the class that follows it in that order (non-NULLs after
     * NULLs ascending, NULLs after the rest descending). A single OR of them would scan from the start.
     */
    static List<String> after(TableShape t, Sort sort, RowRef after, boolean lastIsNull) {
        String k = t.keyExpr();
        String kv = TableShape.keyLiteral(after.key());
        String cmp = sort.descending() ? " < " : " > ";
        if (sort.isNone()) {
            return List.of(k + cmp + kv);
        }
        String s = Sql.id(sort.column());
        String v = "(SELECT " + s + " FROM " + t.from() + " WHERE " + k + " = " + kv + ")";
        if (lastIsNull) {
            String rest = s + " IS NULL AND " + k + cmp + kv;
            return sort.descending() ? List.of(rest) : List.of(rest, s + " IS NOT NULL");
        }
        String range = s + (sort.descending() ? " <= " : " >= ") + v + " AND (" + s + cmp + v + " OR " + k + cmp + kv + ")";
        return sort.descending() ? List.of(range, s + " IS NULL") : List.of(range);
    }

    /** Whether the sort column of the row with key {@code after} is NULL (one {@code SELECT}). */
    static String lastIsNull(TableShape t, Sort sort, RowRef after) {
        return "SELECT " + Sql.id(sort.column()) + " IS NULL FROM " + t.from() + " WHERE " + t.keyExpr() + " = "
                + TableShape.keyLiteral(after.key());
    }

    static String where(List<String> conditions) {
        List<String> c = conditions.stream().filter(x -> x != null).toList();
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }

    /**
     * ORDER BY the sort column then the key (same direction); keyless tables break ties on every column
     * when sorted (equal rows are then identical, so the order is still stable). Empty for a keyless
     * table in stored order.
     */
    static String orderBy(TableShape t, Sort sort) {
        String dir = sort.descending() ? " DESC" : "";
        List<String> terms = new ArrayList<>();
        if (!sort.isNone()) {
            terms.add(Sql.id(sort.column()) + dir);
        }
        if (t.hasKey()) {
            t.key().forEach(k -> terms.add(k + dir));
        } else if (!sort.isNone()) {
            t.columns().forEach(c -> terms.add(Sql.id(c) + dir));
        }
        return terms.isEmpty() ? "" : " ORDER BY " + String.join(", ", terms);
    }

    /** The one row at {@code ref}: by key, or by position under the same filter and sort. */
    static String locate(TableShape t, DbBrowser.Filter f, Sort sort, RowRef ref) {
        if (ref.hasKey()) {
            return " WHERE " + t.keyExpr() + " = " + TableShape.keyLiteral(ref.key());
        }
        return where(java.util.Arrays.asList(filter(f))) + orderBy(t, sort) + " LIMIT 1 OFFSET " + ref.position();
    }
}
