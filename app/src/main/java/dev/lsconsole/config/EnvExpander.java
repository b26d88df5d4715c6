package dev.lsconsole.config;

import java.util.function.Function;

/**
 * Expands {@code $VAR} and {@code ${VAR}} exactly as Go's {@code os.ExpandEnv} does, which is what
 * litestream applies to its config file: unknown variables become empty, a lone {@code $} stays.
 */
public final class EnvExpander {
    private EnvExpander() {
    }

    public static String expand(String s, Function<String, String> env) {
        StringBuilder out = null;
        int i = 0;
        for (int j = 0; j < s.length(); j++) {
            if (s.charAt(j) != '$' || j + 1 >= s.length()) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16);
            }
            out.append(s, i, j);
            int[] consumed = new int[1];
            String name = shellName(s, j + 1, consumed);
            if (name == null && consumed[0] == 0) {
                out.append('$'); // "$" followed by something that is not a name: kept as is
            } else if (name != null) {
                String value = env.apply(name);
                if (value != null) {
                    out.append(value);
                }
            }
            // name == null && consumed > 0: bad syntax such as "${}" is dropped, as Go does
            j += consumed[0];
            i = j + 1;
        }
        if (out == null) {
            return s;
        }
        out.append(s, i, s.length());
        return out.toString();
    }

    /**
     * Port of Go's os.getShellName: returns the name and, in consumed[0], how many chars it used.
     * Inside braces every character up to the first "}" belongs to the name ({@code ${S3_BUCKET}},
     * {@code ${A-B}}); unbraced names are ASCII letters, digits and "_", or one special character.
     */
    private static String shellName(String s, int start, int[] consumed) {
        char c = s.charAt(start);
        if (c == '{') {
            if (start + 2 < s.length() && isSpecial(s.charAt(start + 1)) && s.charAt(start + 2) == '}') {
                consumed[0] = 3;
                return String.valueOf(s.charAt(start + 1));
            }
            int close = s.indexOf('}', start + 1);
            if (close < 0) {
                consumed[0] = 1; // bad syntax: eat "${"
                return null;
            }
            if (close == start + 1) {
                consumed[0] = 2; // bad syntax: eat "${}"
                return null;
            }
            consumed[0] = close - start + 1;
            return s.substring(start + 1, close);
        }
        if (isSpecial(c)) {
            consumed[0] = 1;
            return String.valueOf(c);
        }
        int k = start;
        while (k < s.length() && isAlnum(s.charAt(k))) {
            k++;
        }
        consumed[0] = k - start;
        return k == start ? null : s.substring(start, k);
    }

    private static boolean isSpecial(char c) {
        return c == '*' || c == '#' || c == '$' || c == '@' || c == '!' || c == '?' || c == '-'
                || (c >= '0' && c <= '9');
    }

    private static boolean isAlnum(char c) {
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
