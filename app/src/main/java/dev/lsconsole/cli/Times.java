package dev.lsconsole.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Time formats of litestream's CLI: RFC 3339 in UTC, seconds in listings, full precision where it matters. */
final class Times {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** Go's Format(time.RFC3339) of a UTC time. */
    static String rfc3339(Instant t) {
        return SECONDS.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Go's RFC3339Nano: fraction without trailing zeros. */
    static String rfc3339Nano(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /**
     * Go's time.Parse(time.RFC3339, s), which litestream's -timestamp uses: an upper-case 'T' and 'Z', a
     * one- or two-digit hour, an optional fraction after '.' or ',' of any length (digits past the ninth
     * are dropped), then 'Z' or ±hh:mm. Java's ISO parser differs both ways (it takes "t", "z" and "05.Z",
     * refuses ten fraction digits), so the form is matched here and only the values are Java's to check.
     */
    private static final java.util.regex.Pattern GO_RFC3339 = java.util.regex.Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d+))?(?:Z|([+-])(\\d{2}):(\\d{2}))");

    /**
     * Parses like Go's time.Parse(time.RFC3339, s). A value that is not one is refused in one line naming
     * the flag, the value and the form (every time flag alike).
     */
    static Instant parse(String flag, String s) {
        java.util.regex.Matcher m = GO_RFC3339.matcher(s);
        try {
            if (!m.matches()) {
                throw new DateTimeException("not RFC 3339");
            }
            String frac = m.group(7) == null ? "0" : (m.group(7) + "00000000").substring(0, 9);
            java.time.LocalDateTime local = java.time.LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4),
                    num(m, 5), num(m, 6), Integer.parseInt(frac));
            int sign = "-".equals(m.group(8)) ? -1 : 1;
            ZoneOffset offset = m.group(8) == null ? ZoneOffset.UTC
                    : ZoneOffset.ofHoursMinutes(sign * num(m, 9), sign * num(m, 10));
            return OffsetDateTime.of(local, offset).toInstant();
        } catch (DateTimeException e) {
            throw new CliException("invalid " + flag + " \"" + s + "\": use RFC 3339, e.g. 2006-01-02T15:04:05Z");
        }
    }

    private static int num(java.util.regex.Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
