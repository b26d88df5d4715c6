package dev.lsconsole.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
     * Parses like Go's time.Parse(time.RFC3339, s): a 'T', optional fraction, 'Z' or an offset. A value that
     * is not one is refused in one line naming the flag, the value and the form (every time flag alike).
     */
    static Instant parse(String flag, String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliException("invalid " + flag + " \"" + s + "\": use RFC 3339, e.g. 2006-01-02T15:04:05Z");
        }
    }
}
