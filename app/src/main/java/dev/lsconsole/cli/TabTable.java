package dev.lsconsole.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows the way Go's {@code tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)} does in litestream: every
 * column but the last padded to its widest cell plus two spaces.
 */
final class TabTable {
    private final List<String[]> rows = new ArrayList<>();

    TabTable(String... header) {
        rows.add(header);
    }

    void add(Object... cells) {
        String[] s = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            s[i] = String.valueOf(cells[i]);
        }
        rows.add(s);
    }

    void print(PrintStream out) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.setLength(0);
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length()) + 2));
                }
            }
            out.println(sb);
        }
        out.flush();
    }
}
