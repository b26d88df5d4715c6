package dev.lsconsole.ui.browse;

import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.ui.common.Fmt;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * One generation on a time axis: the restorable range, every snapshot (diamonds) and WAL segment
 * (ticks), and the chosen moment. A click means "the state at this instant": it picks the newest
 * restore point at or before the clicked time (litestream's rule), never a later one, so a click just
 * before an accident can never restore the accident. Hovering says which point a click would use;
 * with the focus on the chart, the arrow keys step from point to point (Home/End: first/last).
 */
public final class TimelineChart extends Region {
    private static final double PAD = 16;
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Instant> selected = new SimpleObjectProperty<>();
    private final Tooltip tip = new Tooltip();
    private RestorePlanner.Listing listing;
    private GenerationBounds bounds;
    private Consumer<Instant> onPick = t -> { };
    private Instant marker;
    private String markerLabel;
    private Instant[] times = new Instant[0];
    private double hoverX = -1;
    /** Time-travel results (bisect boundary, history changes) and the chosen "changes between" range. */
    private java.util.List<Mark> marks = java.util.List.of();
    private Instant rangeFrom;
    private Instant rangeTo;
    private double dragFrom = -1;
    private double dragTo = -1;
    private java.util.function.BiConsumer<Instant, Instant> onRange = (a, b) -> { };

    /** A time-travel result drawn on the axis: a moment and its short label. */
    public record Mark(Instant time, String label) {
    }

    public TimelineChart() {
        getStyleClass().add("timeline-chart");
        setId("timeline-chart");
        getChildren().add(canvas);
        setMinHeight(110);
        setPrefHeight(120);
        selected.addListener((o, a, b) -> draw());
        setFocusTraversable(true);
        canvas.setOnMousePressed(e -> dragFrom = e.getX());
        canvas.setOnMouseDragged(e -> {
            dragTo = e.getX();
            draw();
        });
        canvas.setOnMouseReleased(e -> {
            double a = dragFrom;
            dragFrom = -1;
            dragTo = -1;
            if (a >= 0 && Math.abs(e.getX() - a) >= 5) { // a drag, not a click: "what changed between these two"
                Instant x = instantAt(Math.min(a, e.getX()));
                Instant y = instantAt(Math.max(a, e.getX()));
                if (x != null && y != null) {
                    onRange.accept(x, y);
                }
            }
            draw();
        });
        canvas.setOnMouseClicked(e -> {
            if (!e.isStillSincePress()) {
                return;
            }
            requestFocus();
            Instant t = instantAt(e.getX());
            if (t != null) {
                Instant p = floor(t);
                onPick.accept(p != null ? p : t);
            }
        });
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> {
            hoverX = e.getX();
            tip.setText(hoverText(instantAt(e.getX())));
            draw();
        });
        canvas.setOnMouseExited(e -> {
            hoverX = -1;
            draw();
        });
        focusedProperty().addListener((o, a, b) -> draw());
        setOnKeyPressed(e -> {
            Instant next = switch (e.getCode()) {
                case LEFT, KP_LEFT -> step(-1);
                case RIGHT, KP_RIGHT -> step(1);
                case HOME -> times.length == 0 ? null : times[0];
                case END -> times.length == 0 ? null : times[times.length - 1];
                default -> null;
            };
            if (next != null) {
                onPick.accept(next);
                e.consume();
            }
        });
    }

    /** The sentence the tooltip shows for the instant under the cursor (tests read it). */
    public String hoverText(Instant t) {
        if (t == null) {
            return "No restore points";
        }
        Instant p = floor(t);
        return Fmt.CLOCK.format(t) + " under the cursor\n" + (p == null
                ? "No restore point at or before it: nothing to restore yet"
                : "A click chooses the state at " + Fmt.CLOCK.format(p) + ", the last restore point at or before it"
                + "\n(Restore then restores it)");
    }

    /** The newest restore point at or before {@code t}, or null. */
    public Instant floor(Instant t) {
        int i = java.util.Arrays.binarySearch(times, t);
        if (i >= 0) {
            return times[i];
        }
        int insertion = -i - 1;
        return insertion == 0 ? null : times[insertion - 1];
    }

    /** The restore point {@code dir} steps before (-1) or after (+1) the selection. */
    private Instant step(int dir) {
        if (times.length == 0) {
            return null;
        }
        Instant sel = selected.get();
        if (sel == null) {
            return dir < 0 ? times[0] : times[times.length - 1];
        }
        int i = java.util.Arrays.binarySearch(times, sel);
        int at = i >= 0 ? i + dir : dir < 0 ? -i - 2 : -i - 1;
        return times[Math.max(0, Math.min(times.length - 1, at))];
    }

    /** Where an instant is drawn, in screen coordinates (for tests and tools that drive the chart). */
    public javafx.geometry.Point2D screenPointOf(Instant t) {
        return canvas.localToScreen(x(t), canvas.getHeight() - 40);
    }

    private java.util.List<Band> bands = java.util.List.of();

    public void setData(RestorePlanner.Listing listing, GenerationBounds bounds) {
        this.listing = listing;
        this.bounds = bounds;
        java.util.TreeSet<Instant> all = new java.util.TreeSet<>();
        listing.snapshots().forEach(x -> all.add(x.createdAt()));
        listing.segments().forEach(x -> all.add(x.createdAt()));
        times = all.toArray(Instant[]::new);
        draw();
    }

    /** A stretch of the v0.5 chain whose restore points are about equally far apart (e.g. "L1 · ~30 s"). */
    public record Band(Instant from, Instant to, String label) {
    }

    /** Shows how far apart restore points are, stretch by stretch (the v0.5 chain); an empty list clears. */
    public void setBands(java.util.List<Band> bands) {
        this.bands = java.util.List.copyOf(bands);
        draw();
    }

    /** The bands shown (tests read them). */
    public java.util.List<Band> bands() {
        return bands;
    }

    public void setMarker(Instant t, String label) {
        marker = t;
        markerLabel = label;
        draw();
    }

    /** Shows time-travel results; an empty list and null range clear them. */
    public void setMarks(java.util.List<Mark> marks, Instant from, Instant to) {
        this.marks = java.util.List.copyOf(marks);
        rangeFrom = from;
        rangeTo = to;
        draw();
    }

    /** The marks shown (tests read them). */
    public java.util.List<Mark> marks() {
        return marks;
    }

    /** The "changes between" range shown, or null. */
    public Instant[] range() {
        return rangeFrom == null ? null : new Instant[] {rangeFrom, rangeTo};
    }

    /** Where a drag across the chart goes: the two moments, earlier first. */
    public void setOnRange(java.util.function.BiConsumer<Instant, Instant> r) {
        onRange = r;
    }

    public ObjectProperty<Instant> selectedProperty() {
        return selected;
    }

    public void setOnPick(Consumer<Instant> onPick) {
        this.onPick = onPick;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private double x(Instant t) {
        double span = Math.max(1, Duration.between(bounds.createdAt(), bounds.updatedAt()).toNanos());
        double w = canvas.getWidth() - 2 * PAD;
        return PAD + w * Duration.between(bounds.createdAt(), t).toNanos() / span;
    }

    /** The instant under pixel {@code px}, clamped to the generation's range. */
    private Instant instantAt(double px) {
        if (listing == null || bounds == null || bounds.isEmpty()) {
            return null;
        }
        double w = Math.max(1, canvas.getWidth() - 2 * PAD);
        double f = Math.max(0, Math.min(1, (px - PAD) / w));
        long span = Duration.between(bounds.createdAt(), bounds.updatedAt()).toNanos();
        return bounds.createdAt().plusNanos(Math.round(span * f));
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (listing == null || bounds == null || bounds.isEmpty() || w < 4 * PAD) {
            return;
        }
        double axis = h - 28;
        g.setFill(Color.rgb(9, 105, 218, 0.15));
        g.fillRoundRect(x(bounds.createdAt()) - 2, axis - 46, x(bounds.updatedAt()) - x(bounds.createdAt()) + 4, 46,
                6, 6);
        drawBands(g, axis);
        g.setStroke(Color.rgb(9, 105, 218, 0.85));
        g.setLineWidth(1);
        double last = -10;
        for (WalSegmentInfo s : listing.segments()) {
            double px = Math.round(x(s.createdAt())) + 0.5;
            if (px - last >= 1) {
                g.strokeLine(px, axis - 30, px, axis - 4);
                last = px;
            }
        }
        g.setFill(Color.rgb(191, 135, 0));
        for (SnapshotInfo s : listing.snapshots()) {
            double px = x(s.createdAt());
            g.fillPolygon(new double[] {px, px + 7, px, px - 7}, new double[] {axis - 44, axis - 37, axis - 30,
                axis - 37}, 4);
        }
        g.setStroke(Color.GRAY);
        g.strokeLine(PAD, axis, w - PAD, axis);
        g.setFill(Color.GRAY);
        g.setFont(Font.font(11));
        int ticks = (int) Math.max(2, Math.min(6, (w - 2 * PAD) / 140));
        Duration span = Duration.between(bounds.createdAt(), bounds.updatedAt());
        for (int i = 0; i <= ticks; i++) {
            Instant t = bounds.createdAt().plus(span.multipliedBy(i).dividedBy(ticks));
            double px = x(t);
            g.strokeLine(px, axis, px, axis + 4);
            String label = Fmt.CLOCK.format(t);
            double tw = label.length() * 6.0;
            g.fillText(label, Math.max(2, Math.min(w - tw - 2, px - tw / 2)), axis + 17);
        }
        if (marker != null && bounds.contains(marker)) {
            double px = x(marker);
            g.setStroke(Color.rgb(130, 80, 223));
            g.setLineWidth(1.5);
            g.setLineDashes(4, 3);
            g.strokeLine(px, 20, px, axis);
            g.setLineDashes(null);
            g.setFill(Color.rgb(130, 80, 223));
            g.fillText(markerLabel, Math.max(2, px - markerLabel.length() * 6.5), 30);
        }
        drawRange(g, axis);
        drawMarks(g, axis);
        if (hoverX >= PAD && hoverX <= w - PAD) {
            g.setStroke(Color.rgb(110, 119, 129, 0.8));
            g.setLineWidth(1);
            g.setLineDashes(2, 2);
            g.strokeLine(Math.round(hoverX) + 0.5, 6, Math.round(hoverX) + 0.5, axis);
            g.setLineDashes(null);
        }
        if (isFocused()) {
            g.setStroke(Color.rgb(9, 105, 218));
            g.setLineWidth(2);
            g.strokeRoundRect(1, 1, w - 2, h - 2, 6, 6);
        }
        Instant sel = selected.get();
        if (sel != null) {
            double px = x(sel.isAfter(bounds.updatedAt()) ? bounds.updatedAt() : sel.isBefore(bounds.createdAt())
                    ? bounds.createdAt() : sel);
            g.setStroke(Color.rgb(207, 34, 46));
            g.setLineWidth(2);
            g.strokeLine(px, 6, px, axis + 2);
            g.setFill(Color.rgb(207, 34, 46));
            String label = Fmt.CLOCK.format(sel);
            double tw = label.length() * 6.5;
            // right of the line, or left of it where the right has no room: never across the line
            g.fillText(label, px + 4 + tw <= w - 2 ? px + 4 : Math.max(2, px - 4 - tw), 14);
        }
    }

    /** A bar per band above the points, alternating shades, labelled where it is wide enough. */
    private void drawBands(GraphicsContext g, double axis) {
        g.setFont(Font.font(10));
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            double a = x(b.from()) - 2;
            double z = Math.max(a + 4, x(b.to()) + 2);
            g.setFill(i % 2 == 0 ? Color.rgb(26, 127, 55, 0.55) : Color.rgb(154, 103, 0, 0.55));
            g.fillRect(a, axis - 54, z - a, 5);
            double tw = b.label().length() * 5.5;
            if (z - a >= tw + 4) {
                g.setFill(Color.rgb(87, 96, 106));
                g.fillText(b.label(), a + 2, axis - 57);
            }
        }
    }

    private void drawRange(GraphicsContext g, double axis) {
        double a = -1;
        double b = -1;
        if (dragFrom >= 0 && dragTo >= 0) {
            a = Math.min(dragFrom, dragTo);
            b = Math.max(dragFrom, dragTo);
        } else if (rangeFrom != null) {
            a = x(rangeFrom);
            b = x(rangeTo);
        }
        if (a < 0) {
            return;
        }
        g.setFill(Color.rgb(26, 127, 55, 0.18));
        g.fillRect(a, 4, Math.max(2, b - a), axis - 4);
        g.setStroke(Color.rgb(26, 127, 55));
        g.setLineWidth(1);
        g.strokeRect(a + 0.5, 4.5, Math.max(2, b - a), axis - 4);
    }

    private void drawMarks(GraphicsContext g, double axis) {
        g.setFont(Font.font(11));
        int row = 0;
        for (Mark m : marks) {
            if (!bounds.contains(m.time())) {
                continue;
            }
            double px = Math.round(x(m.time())) + 0.5;
            g.setStroke(Color.rgb(207, 100, 0));
            g.setLineWidth(2);
            g.strokeLine(px, 18, px, axis);
            g.setFill(Color.rgb(207, 100, 0));
            g.fillPolygon(new double[] {px - 5, px + 5, px}, new double[] {axis - 8, axis - 8, axis}, 3);
            double tw = m.label().length() * 6.2;
            double lx = px + tw + 4 > canvas.getWidth() ? px - tw - 4 : px + 4;
            g.fillText(m.label(), Math.max(2, lx), 46 + 12 * (row++ % 3));
        }
    }
}
