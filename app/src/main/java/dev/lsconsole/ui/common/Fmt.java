package dev.lsconsole.ui.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How times and sizes read in the console: local time with milliseconds, sizes in binary units. */
public final class Fmt {
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    public static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Fmt() {
    }

    public static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    /** "2026-11-25 07:32:01.166 to 07:32:15.822": the second date only when it is another day. */
    public static String span(Instant from, Instant to) {
        boolean sameDay = from.atZone(TIME.getZone()).toLocalDate().equals(to.atZone(TIME.getZone()).toLocalDate());
        return time(from) + " to " + (sameDay ? CLOCK.format(to) : time(to));
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /**
     * {@code path} (a file path or a live address) at most {@code max} characters long: cut in the middle
     * with an ellipsis, keeping its start and its file name, so it never has to break inside a word.
     */
    public static String middle(String path, int max) {
        if (path.length() <= max) {
            return path;
        }
        int slash = path.lastIndexOf('/');
        String tail = slash >= 0 && path.length() - slash <= max / 2 ? path.substring(slash)
                : path.substring(path.length() - max / 2);
        return path.substring(0, max - tail.length() - 1) + "…" + tail;
    }

    /**
     * A label that may be too narrow for its text (a path, a title with a path): it is cut in the middle,
     * so the file name at the end stays readable, and the tooltip always holds the whole text.
     */
    public static <T extends javafx.scene.control.Labeled> T elided(T label) {
        label.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_WORD_ELLIPSIS);
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(label.textProperty());
        tip.setWrapText(true);
        tip.setMaxWidth(700);
        label.setTooltip(tip);
        return label;
    }
}
