package dev.lsconsole.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses the SQL literals a user types for keys: 42, -1.5, 'text' ('' for a quote), X'00ff', NULL,
 * CAST(X'00ff' AS TEXT) (the form this tool prints for TEXT holding NUL or bytes that are not UTF-8), or
 * bare text.
 */
public final class Literals {
    private static final java.util.regex.Pattern TEXT_BYTES = java.util.regex.Pattern.compile(
            "(?i)CAST\\s*\\(\\s*X'((?:[0-9a-f]{2})*)'\\s+AS\\s+TEXT\\s*\\)");

    private Literals() {
    }

    /**
     * A comma-separated list of literals (a composite key). A part that starts with a quote ('…' or X'…')
     * runs to its closing quote, commas included; any other part is bare text up to the next comma, so
     * O'Brien is text as typed.
     */
    public static List<Value> parseList(String s) {
        List<Value> out = new ArrayList<>();
        int i = 0;
        while (i <= s.length()) {
            int start = i;
            while (start < s.length() && Character.isWhitespace(s.charAt(start))) {
                start++;
            }
            int end = start;
            boolean quoted = start < s.length() && (s.charAt(start) == '\''
                    || (start + 1 < s.length() && (s.charAt(start) == 'x' || s.charAt(start) == 'X')
                    && s.charAt(start + 1) == '\''));
            if (quoted) {
                end = s.indexOf('\'', start) + 1; // past the opening quote
                while (true) {
                    int close = s.indexOf('\'', end);
                    if (close < 0) {
                        throw new IllegalArgumentException("unterminated quote in " + s);
                    }
                    if (close + 1 < s.length() && s.charAt(close + 1) == '\'') {
                        end = close + 2; // '' is a quote inside
                        continue;
                    }
                    end = close + 1;
                    break;
                }
            }
            while (end < s.length() && s.charAt(end) != ',') {
                end++;
            }
            out.add(parse(s.substring(i, end).strip()));
            i = end + 1;
        }
        return out;
    }

    public static Value parse(String t) {
        if (t.equalsIgnoreCase("NULL")) {
            return Value.NULL;
        }
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return Value.ofText(t.substring(1, t.length() - 1).replace("''", "'").getBytes(StandardCharsets.UTF_8));
        }
        java.util.regex.Matcher m = TEXT_BYTES.matcher(t);
        if (m.matches()) {
            return Value.ofText(HexFormat.of().parseHex(m.group(1)));
        }
        if (t.length() >= 3 && (t.startsWith("X'") || t.startsWith("x'")) && t.endsWith("'")) {
            return Value.ofBlob(HexFormat.of().parseHex(t.substring(2, t.length() - 1)));
        }
        if (t.matches("[+-]?\\d+")) {
            try {
                return Value.ofInteger(Long.parseLong(t));
            } catch (NumberFormatException e) {
                return Value.ofReal(Double.parseDouble(t));
            }
        }
        if (t.matches("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?")) {
            return Value.ofReal(Double.parseDouble(t));
        }
        return Value.ofText(t);
    }
}
