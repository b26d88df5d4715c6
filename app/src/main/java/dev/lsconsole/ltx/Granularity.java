package dev.lsconsole.ltx;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How far apart the restore points of a v0.5 chain are, by stretch: consecutive points reached through
 * files of the same level form a band (L0: every sync; L1: every compaction interval, 30 s by default;
 * L2: 5 min …). Users expect every moment to be restorable; this says where it is not.
 */
public final class Granularity {
    /** Points {@code from}..{@code to} (inclusive) reached through level {@code level} files, typically {@code gap} apart. */
    public record Band(int level, Instant from, Instant to, int points, Duration gap) {
        /** "every transaction synced" for L0, else "about 30 s apart". */
        public String describe() {
            if (points < 2) {
                return "1 restore point";
            }
            return points + " restore points, " + (level == 0 ? "each sync (" + human(gap) + " apart)"
                    : "about " + human(gap) + " apart");
        }
    }

    private Granularity() {
    }

    public static List<Band> bands(List<LtxChain.Step> steps) {
        List<Band> out = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            int level = steps.get(i).file().level();
            int j = i;
            while (j + 1 < steps.size() && steps.get(j + 1).file().level() == level) {
                j++;
            }
            List<Long> gaps = new ArrayList<>();
            for (int k = i + 1; k <= j; k++) {
                gaps.add(Duration.between(steps.get(k - 1).time(), steps.get(k).time()).toMillis());
            }
            gaps.sort(null);
            Duration gap = gaps.isEmpty() ? Duration.ZERO : Duration.ofMillis(gaps.get(gaps.size() / 2));
            out.add(new Band(level, steps.get(i).time(), steps.get(j).time(), j - i + 1, gap));
            i = j + 1;
        }
        return out;
    }

    /** "850 ms", "30 s", "5 min", "1 h 2 min". */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 120) {
            return s + " s";
        }
        long m = Math.round(s / 60.0);
        if (m < 120) {
            return m + " min";
        }
        return m / 60 + " h " + m % 60 + " min";
    }
}
