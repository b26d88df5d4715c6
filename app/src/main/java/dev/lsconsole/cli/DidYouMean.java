package dev.lsconsole.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * "did you mean restore?" for a mistyped command or option: the names one or two edits away (a letter
 * missing, extra, wrong, or two swapped), the closest only. picocli's own suggestions rank by shared
 * letter pairs, which for {@code restor} also offers history and self-test.
 */
final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest names to {@code typed}, at most {@code 1 + length / 4} edits away (up to 2); empty if none. */
    static List<String> closest(String typed, Collection<String> names) {
        int limit = Math.min(2, 1 + typed.length() / 4);
        int best = limit + 1;
        List<String> out = new ArrayList<>();
        for (String n : names) {
            int d = distance(typed, n);
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best && !out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
