package dev.lsconsole.ui.common;

import javafx.geometry.Rectangle2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A window of its own (not a dialog) placed as a person expects: some window managers (openbox) give a
 * Stage that only has a scene a tiny default size in a corner, so it gets an explicit size that fits the
 * screen, a minimum size, a place centered on its owner, and Esc closes it, as it closes a dialog.
 */
public final class ChildWindows {
    private ChildWindows() {
    }

    /** Call before {@code show()}: the stage must have its owner and scene. */
    public static void placeOverOwner(Stage s, double width, double height, double minWidth, double minHeight) {
        Window owner = s.getOwner();
        Rectangle2D screen = screenOf(owner);
        double w = Math.min(width, screen.getWidth() - 40);
        double h = Math.min(height, screen.getHeight() - 40);
        s.setMinWidth(Math.min(minWidth, w));
        s.setMinHeight(Math.min(minHeight, h));
        s.setWidth(w);
        s.setHeight(h);
        centerOver(s, owner);
        // and again once shown: a window manager may have placed it by its own rules (openbox: a corner)
        s.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN,
                e -> javafx.application.Platform.runLater(() -> centerOver(s, s.getOwner())));
        s.getScene().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                s.hide();
            }
        });
    }

    private static void centerOver(Window s, Window owner) {
        Rectangle2D screen = screenOf(owner);
        double cx = owner == null ? screen.getMinX() + screen.getWidth() / 2 : owner.getX() + owner.getWidth() / 2;
        double cy = owner == null ? screen.getMinY() + screen.getHeight() / 2 : owner.getY() + owner.getHeight() / 2;
        s.setX(clamp(cx - s.getWidth() / 2, screen.getMinX(), screen.getMaxX() - s.getWidth()));
        s.setY(clamp(cy - s.getHeight() / 2, screen.getMinY(), screen.getMaxY() - s.getHeight()));
    }

    /**
     * Centres a dialog on its owner when it shows, and again once its size has settled: JavaFX places a
     * dialog by its preferred size before the theme's limits apply, and some window managers put a dialog
     * whose content was replaced in a corner.
     */
    public static void centerOnOwner(javafx.scene.control.Dialog<?> d) {
        d.showingProperty().addListener((o, was, showing) -> {
            if (showing) {
                center(d);
                javafx.application.Platform.runLater(() -> center(d));
            }
        });
    }

    private static void center(javafx.scene.control.Dialog<?> d) {
        Window w = d.getDialogPane().getScene() == null ? null : d.getDialogPane().getScene().getWindow();
        Window owner = d.getOwner();
        if (w == null || owner == null || !w.isShowing()) {
            return;
        }
        centerOver(w, owner);
    }

    private static Rectangle2D screenOf(Window owner) {
        if (owner != null) {
            var screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()),
                    Math.max(1, owner.getHeight()));
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, Math.max(min, max)));
    }
}
