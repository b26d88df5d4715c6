package dev.lsconsole.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * A moment typed in the window, read as the whole unit it is written to: the window shows times cut to
 * the millisecond while restore points carry nanoseconds, so "07:32:15.822" must mean every instant the
 * window shows as that (07:32:15.822000000 to .822999999), "07:32:15" the whole second, "07:32" the
 * minute. The restore point meant is the last one at or before {@link #last()}. (The CLI's -timestamp
 * keeps litestream's exact RFC 3339 meaning; this is only for what a person types in the window.)
 */
public record TypedMoment(Instant first, Instant last) {
    /** Typed times: H:mm, H:mm:ss, or with any fraction of a second (00:05:02.5, 00:05:02.123456). */
    private static final DateTimeFormatter CLOCK = clock(new DateTimeFormatterBuilder()).toFormatter();
    /** Typed date and time: yyyy-MM-dd followed by a typed time. */
    private static final DateTimeFormatter DATE_TIME = clock(new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd ")).toFormatter();

    private static DateTimeFormatterBuilder clock(DateTimeFormatterBuilder b) {
        return b.appendPattern("H:mm").optionalStart().appendPattern(":ss").optionalStart()
                .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().optionalEnd();
    }

    /** A time of day typed for {@code day} (local time zone); throws DateTimeParseException when it is none. */
    public static TypedMoment clock(LocalDate day, String text) {
        String t = text.strip();
        return of(day.atTime(LocalTime.parse(t, CLOCK)), t.substring(t.indexOf(':') + 1));
    }

    /** A date and time typed as the window shows them (2026-11-25 07:32:05.250); throws DateTimeParseException. */
    public static TypedMoment dateTime(String text) {
        String t = text.strip();
        LocalDateTime at = LocalDateTime.parse(t, DATE_TIME);
        return of(at, t.substring(t.indexOf(':') + 1));
    }

    /** {@code afterHour} is the text after the hour's colon: "mm", "mm:ss" or "mm:ss.fff…". */
    private static TypedMoment of(LocalDateTime at, String afterHour) {
        Instant first = at.atZone(ZoneId.systemDefault()).toInstant();
        return new TypedMoment(first, first.plus(unit(afterHour)).minusNanos(1));
    }

    /** How long a span the typed text names: a minute, a second, or 10^-digits of a second. */
    static Duration unit(String afterHour) {
        int colon = afterHour.indexOf(':');
        if (colon < 0) {
            return Duration.ofMinutes(1);
        }
        int dot = afterHour.indexOf('.', colon);
        if (dot < 0) {
            return Duration.ofSeconds(1);
        }
        int digits = afterHour.length() - dot - 1;
        return Duration.ofNanos((long) Math.pow(10, 9 - Math.min(9, digits)));
    }
}
