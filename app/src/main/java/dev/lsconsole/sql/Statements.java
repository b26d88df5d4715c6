package dev.lsconsole.sql;

/**
 * Where a piece of SQL's first statement ends. SQLite (and sqlite-jdbc) compile only the first statement of
 * a string and ignore the rest without a word, so a tool that runs "one query" must refuse a second
 * statement instead of silently dropping it. Knows SQLite's quotes ('', "", ``, []) and comments (--, C-style)
 * so a semicolon inside them does not end a statement.
 */
public final class Statements {
    private Statements() {
    }

    /** True when {@code sql} holds more than one statement (a trailing ';', spaces or comments do not count). */
    public static boolean hasMoreThanOne(String sql) {
        int end = firstEnd(sql);
        return end < sql.length() && !isBlank(sql, end + 1);
    }

    /** The index of the ';' that ends the first statement, or {@code sql.length()} when there is none. */
    static int firstEnd(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == ';') {
                return i;
            }
            i = skip(sql, i);
        }
        return sql.length();
    }

    /** Whether only spaces and comments follow {@code from}. */
    private static boolean isBlank(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (!Character.isWhitespace(c) && !startsComment(sql, i)) {
                return false;
            }
            i = skip(sql, i);
        }
        return true;
    }

    private static boolean startsComment(String sql, int i) {
        return sql.startsWith("--", i) || sql.startsWith("/*", i);
    }

    /** The index after the token (quoted name or literal, comment, or single character) at {@code i}. */
    private static int skip(String sql, int i) {
        char c = sql.charAt(i);
        if (sql.startsWith("--", i)) {
            int nl = sql.indexOf('\n', i);
            return nl < 0 ? sql.length() : nl + 1;
        }
        if (sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        char close = c == '\'' || c == '"' || c == '`' ? c : c == '[' ? ']' : 0;
        if (close == 0) {
            return i + 1;
        }
        int at = sql.indexOf(close, i + 1);
        return at < 0 ? sql.length() : at + 1; // a doubled quote ('it''s') is two quoted runs back to back
    }
}
