package dev.lsconsole.ui.browse;

import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.ui.common.Fmt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Every generation of a replica on one axis, one lane each, so a restart (a new generation after a gap)
 * or a second writer (two generations whose ranges overlap: the replicas > 1 accident) is seen at a
 * glance instead of read from tree labels. A generation the health check found written alongside another
 * (concurrent-writers) carries a ⚠ marker and a tooltip naming the other. The chosen generation is
 * highlighted; a click on a lane chooses that generation.
 */
public final class GenerationLanes extends Region {
    static final int MAX_LANES = 8;
    private static final double PAD = 16;
    private static final double LANE = 16;
    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();
    private List<GenerationBounds> lanes = List.of();
    private String chosen;
    private Instant from;
    private Instant to;
    private Consumer<String> onChoose = g -> { };
    private Map<String, SortedSet<String>> concurrent = Map.of();

    public GenerationLanes() {
        setId("generation-lanes");
        getChildren().add(canvas);
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> {
            GenerationBounds b = laneAt(e.getY());
            tip.setText(b == null ? "" : name(b.generation()) + ": " + Fmt.time(b.createdAt()) + " – " + Fmt.time(b.updatedAt())
                    + (flag(b.generation()) != null ? "\n" + flag(b.generation())
                    : overlaps(b) ? "\nOverlaps another generation: two writers replicated at once?" : "")
                    + (b.generation().equals(chosen) ? "" : "\nClick to show this generation"));
        });
        canvas.setOnMouseClicked(e -> {
            GenerationBounds b = laneAt(e.getY());
            if (b != null && !b.generation().equals(chosen)) {
                onChoose.accept(b.generation());
            }
        });
    }

    /** Shows the non-empty generations of one replica (oldest first), {@code chosen} highlighted. */
    public void show(List<GenerationBounds> all, String chosen) {
        List<GenerationBounds> l = new ArrayList<>(all.stream().filter(b -> !b.isEmpty()).toList());
        l.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        lanes = l.size() > MAX_LANES ? l.subList(l.size() - MAX_LANES, l.size()) : l;
        this.chosen = chosen;
        from = lanes.stream().map(GenerationBounds::createdAt).min(Instant::compareTo).orElse(null);
        to = lanes.stream().map(GenerationBounds::updatedAt).max(Instant::compareTo).orElse(null);
        boolean visible = lanes.size() > 1;
        setVisible(visible);
        setManaged(visible);
        setPrefHeight(visible ? lanes.size() * LANE + 22 : 0);
        setMinHeight(getPrefHeight());
        requestLayout();
        draw();
    }

    /** Flags the generations the last health check found written alongside others (concurrent-writers). */
    public void setConcurrentWriters(Map<String, SortedSet<String>> concurrentWith) {
        concurrent = concurrentWith == null ? Map.of() : Map.copyOf(concurrentWith);
        draw();
    }

    /** A lane's name: the generation's, or "v0.5 LTX chain" for a replica's v0.5 files. */
    static String name(String generation) {
        return dev.lsconsole.history.History.LTX_ID.equals(generation) ? "v0.5 LTX chain" : generation;
    }

    /** The flag on a generation's lane (its tooltip line), or null when it has none. */
    public String flag(String generation) {
        SortedSet<String> others = concurrent.get(generation);
        return others == null || others.isEmpty() ? null : "⚠ concurrent-writers: written at the same time as "
                + "generation " + String.join(", ", others) + " (more than one process replicates here)";
    }

    public void setOnChoose(Consumer<String> onChoose) {
        this.onChoose = onChoose;
    }

    /** The generations drawn, oldest first (tests read them). */
    public List<GenerationBounds> lanes() {
        return lanes;
    }

    /** Where a generation's lane is drawn, in screen coordinates. */
    public javafx.geometry.Point2D screenPointOf(String generation) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).generation().equals(generation)) {
                GenerationBounds b = lanes.get(i);
                double mid = (x(b.createdAt()) + x(b.updatedAt())) / 2;
                return canvas.localToScreen(mid, i * LANE + LANE / 2 + 2);
            }
        }
        return null;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private GenerationBounds laneAt(double y) {
        int i = (int) ((y - 2) / LANE);
        return i >= 0 && i < lanes.size() ? lanes.get(i) : null;
    }

    private boolean overlaps(GenerationBounds b) {
        return lanes.stream().anyMatch(o -> o != b && o.createdAt().isBefore(b.updatedAt())
                && b.createdAt().isBefore(o.updatedAt()));
    }

    private double x(Instant t) {
        double span = Math.max(1, Duration.between(from, to).toNanos());
        return PAD + (canvas.getWidth() - 2 * PAD) * Duration.between(from, t).toNanos() / span;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        g.clearRect(0, 0, w, canvas.getHeight());
        if (lanes.size() < 2 || w < 4 * PAD) {
            return;
        }
        g.setFont(Font.font(10));
        for (int i = 0; i < lanes.size(); i++) {
            GenerationBounds b = lanes.get(i);
            boolean sel = b.generation().equals(chosen);
            double y = i * LANE + 2;
            double x0 = x(b.createdAt());
            double x1 = Math.max(x0 + 3, x(b.updatedAt()));
            g.setFill(overlaps(b) ? Color.rgb(207, 34, 46, sel ? 0.9 : 0.5) : Color.rgb(9, 105, 218, sel ? 0.9 : 0.35));
            g.fillRoundRect(x0, y + 2, x1 - x0, LANE - 5, 4, 4);
            boolean flagged = flag(b.generation()) != null;
            g.setFill(flagged ? Color.rgb(207, 34, 46) : Color.GRAY);
            String label = (flagged ? "⚠ " : "") + (name(b.generation()).equals(b.generation())
                    ? b.generation().substring(0, Math.min(8, b.generation().length())) : "v0.5")
                    + (sel ? " ◀ shown" : "");
            double lx = x1 + 4 + label.length() * 6 < w ? x1 + 4 : Math.max(2, x0 - 4 - label.length() * 6);
            g.fillText(label, lx, y + LANE - 5);
        }
        double axis = lanes.size() * LANE + 6;
        g.setStroke(Color.GRAY);
        g.strokeLine(PAD, axis, w - PAD, axis);
        g.setFill(Color.GRAY);
        g.fillText(Fmt.time(from), PAD, axis + 13);
        String end = Fmt.time(to);
        g.fillText(end, Math.max(PAD, w - PAD - end.length() * 6), axis + 13);
    }
}
