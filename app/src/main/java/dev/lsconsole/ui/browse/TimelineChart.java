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
 * (ticks), and the chosen moment. A click picks the nearest restore point.
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

    public TimelineChart() {
        getStyleClass().add("timeline-chart");
        setId("timeline-chart");
        getChildren().add(canvas);
        setMinHeight(110);
        setPrefHeight(120);
        selected.addListener((o, a, b) -> draw());
        canvas.setOnMouseClicked(e -> {
            Instant t = nearest(e.getX());
            if (t != null) {
                onPick.accept(t);
            }
        });
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> {
            Instant t = nearest(e.getX());
            tip.setText(t == null ? "No restore points" : "Restore point " + Fmt.time(t) + " (click to choose)");
        });
    }

    public void setData(RestorePlanner.Listing listing, GenerationBounds bounds) {
        this.listing = listing;
        this.bounds = bounds;
        draw();
    }

    public void setMarker(Instant t, String label) {
        marker = t;
        markerLabel = label;
        draw();
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

    /** The restore point closest to pixel {@code px}. */
    private Instant nearest(double px) {
        if (listing == null || bounds == null || bounds.isEmpty()) {
            return null;
        }
        Instant best = null;
        double bestD = Double.MAX_VALUE;
        for (SnapshotInfo s : listing.snapshots()) {
            double d = Math.abs(x(s.createdAt()) - px);
            if (d < bestD) {
                bestD = d;
                best = s.createdAt();
            }
        }
        for (WalSegmentInfo s : listing.segments()) {
            double d = Math.abs(x(s.createdAt()) - px);
            if (d < bestD) {
                bestD = d;
                best = s.createdAt();
            }
        }
        return best;
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
        Instant sel = selected.get();
        if (sel != null) {
            double px = x(sel.isAfter(bounds.updatedAt()) ? bounds.updatedAt() : sel.isBefore(bounds.createdAt())
                    ? bounds.createdAt() : sel);
            g.setStroke(Color.rgb(207, 34, 46));
            g.setLineWidth(2);
            g.strokeLine(px, 6, px, axis + 2);
            g.setFill(Color.rgb(207, 34, 46));
            g.fillText(Fmt.CLOCK.format(sel), Math.min(w - 80, px + 4), 14);
        }
    }
}
