package dev.lsconsole.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's duration syntax ("10ms", "1h30m", "-1.5s"), both ways, as litestream's YAML and CLI use it. */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    public static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            at = m.end();
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns": return 1L;
            case "us": case "µs": case "μs": return 1_000L;
            case "ms": return 1_000_000L;
            case "s": return 1_000_000_000L;
            case "m": return 60_000_000_000L;
            default: return 3_600_000_000_000L;
        }
    }

    /** Formats like Go's time.Duration.String(): "16h19m0s", "1.5s", "-3ms", "0s". */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        boolean neg = n < 0;
        long u = Math.abs(n);
        StringBuilder sb = new StringBuilder();
        if (u < 1_000_000_000L) {
            String unit;
            long div;
            if (u < 1_000L) {
                return (neg ? "-" : "") + u + "ns";
            } else if (u < 1_000_000L) {
                unit = "µs";
                div = 1_000L;
            } else {
                unit = "ms";
                div = 1_000_000L;
            }
            sb.append(fraction(u, div)).append(unit);
        } else {
            long secsNanos = u % 60_000_000_000L;
            long mins = u / 60_000_000_000L;
            sb.append(fraction(secsNanos, 1_000_000_000L)).append('s');
            if (mins > 0) {
                long h = mins / 60;
                sb.insert(0, (mins % 60) + "m");
                if (h > 0) {
                    sb.insert(0, h + "h");
                }
            }
        }
        return (neg ? "-" : "") + sb;
    }

    private static String fraction(long v, long div) {
        long whole = v / div;
        long rest = v % div;
        if (rest == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(div + rest).substring(1).replaceAll("0+$", "");
        return whole + "." + digits;
    }

    /**
     * litestream's truncateDuration, used for the "lag" column. A duration beyond Go's range (an empty
     * generation's lag is measured from year 1) saturates as Go's time.Sub does: 2562047h47m16s.
     */
    public static Duration truncateForDisplay(Duration d) {
        long n = saturatedNanos(d);
        long a = n == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(n);
        long unit;
        if (a > 10_000_000_000L) {
            unit = 1_000_000_000L;
        } else if (a > 1_000_000_000L) {
            unit = 100_000_000L;
        } else if (a > 1_000_000L) {
            unit = 1_000_000L;
        } else if (a > 1_000L) {
            unit = 1_000L;
        } else {
            return d;
        }
        return Duration.ofNanos(n / unit * unit);
    }

    /** {@code d} in nanoseconds, clamped to a long's range like Go's time.Duration. */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
