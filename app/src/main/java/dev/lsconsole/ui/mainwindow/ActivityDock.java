package dev.lsconsole.ui.mainwindow;

import dev.lsconsole.ui.common.Activity;
import dev.lsconsole.ui.common.Ctx;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The activity log docked under the workspace, with its push actions (undo, audit log) in its title bar.
 * In a short window (a laptop's 700 px) the log would take the rows the timeline's restore points need,
 * so it starts folded there: out of the workspace, behind a button in the status bar that names the newest
 * entry. It opens again when the window grows; once the user folds or opens it by hand it stays so.
 */
final class ActivityDock extends VBox {
    /** Workspace heights below which the log starts folded (a 1024x700 window's is about 630 px). */
    static final double FOLD_BELOW = 700;
    private static final double OPEN_DIVIDER = 0.8;
    /** Opened by hand in a short window the log gets about 35 % of the workspace, not its 60 px minimum. */
    private static final double SHORT_OPEN_DIVIDER = 0.65;

    private final ActivityPane pane;
    private final Button open = new Button("Activity", new FontIcon(Feather.CHEVRON_UP));
    private SplitPane split;
    private boolean folded;
    private boolean userChose;
    /** The user dragged the divider: its place is theirs from then on. */
    private boolean userSized;
    /** The entry the folded bar names, and the listener that follows its outcome and detail. */
    private Activity.Entry shown;
    private ChangeListener<Object> followed;

    ActivityDock(Ctx ctx) {
        pane = new ActivityPane(ctx.activity, ctx);
        setId("activity-dock");
        Button undo = new Button("Undo push…", new FontIcon(Feather.ROTATE_CCW));
        undo.setId("undo-push-button");
        undo.setDisable(true);
        pane.getSelectionModel().selectedItemProperty().addListener((o, a, e) ->
                undo.setDisable(e == null || e.push == null || !e.push.undoable()));
        undo.setOnAction(e -> {
            var entry = pane.getSelectionModel().getSelectedItem();
            if (entry != null && entry.push != null) {
                UndoFlow.start(ctx, entry.push);
            }
        });
        Button audit = new Button("Audit log…", new FontIcon(Feather.BOOK_OPEN));
        audit.setId("audit-log-button");
        audit.setOnAction(e -> dev.lsconsole.ui.common.TextViewer.showAuditLog(ctx, ctx.dataDir.resolve("audit.log")));
        Button fold = new Button("", new FontIcon(Feather.CHEVRON_DOWN));
        fold.setId("activity-fold");
        fold.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
        fold.setTooltip(new Tooltip("Fold the activity log into the status bar"));
        fold.setOnAction(e -> choose(true));
        open.setId("activity-open");
        open.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        open.setTooltip(new Tooltip("Show the activity log: restores, diffs and pushes, with undo"));
        open.setOnAction(e -> choose(false));
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.setMaxWidth(420);
        Label caption = new Label("Activity");
        caption.getStyleClass().add("text-bold");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, fold, caption, grow, undo, audit);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 8, 2, 4));
        getChildren().setAll(bar, pane);
        VBox.setVgrow(pane, Priority.ALWAYS);
        setMinHeight(60);
        setPrefHeight(140);
        pane.setMinHeight(30);
        pane.setPrefHeight(110);
        ctx.activity.entries().addListener((ListChangeListener<Activity.Entry>) c -> showLatest());
        setFolded(false);
    }

    /** The status bar's button that opens the folded log (shown only while it is folded). */
    Button openButton() {
        return open;
    }

    /** Docks into {@code split} (as its last item): folds or opens with the split's height until the user chooses. */
    void dockInto(SplitPane split) {
        this.split = split;
        SplitPane.setResizableWithParent(this, false);
        split.getItems().add(this);
        // the user's drag of the divider is theirs to keep; until then the log keeps its share as the window
        // grows or shrinks (it would keep the height it had when first laid out: its minimum in a window a
        // window manager maximizes after showing it small)
        split.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            for (javafx.scene.Node n = e.getPickResult().getIntersectedNode(); n != null && n != split; n = n.getParent()) {
                if (n.getStyleClass().contains("split-pane-divider")) {
                    userSized = true;
                }
            }
        });
        split.heightProperty().addListener((o, a, h) -> {
            if (!userChose && h.doubleValue() > 0 && (h.doubleValue() < FOLD_BELOW) != folded) {
                setFolded(h.doubleValue() < FOLD_BELOW);
            } else if (!folded && !userSized && h.doubleValue() > 0) {
                javafx.application.Platform.runLater(() -> split.setDividerPositions(divider()));
            }
        });
    }

    /** The log's share: a fifth of the workspace, or a third opened by hand in a short window. */
    private double divider() {
        return split.getHeight() > 0 && split.getHeight() < FOLD_BELOW ? SHORT_OPEN_DIVIDER : OPEN_DIVIDER;
    }

    /**
     * A workspace takes the welcome screen's place: the log opened or folded there (to read why an open
     * failed) decides no more; it folds or opens by the window's height, as in a fresh window.
     */
    void workspaceOpened() {
        userChose = false;
        if (split != null && split.getHeight() > 0 && (split.getHeight() < FOLD_BELOW) != folded) {
            setFolded(split.getHeight() < FOLD_BELOW);
        }
    }

    private void choose(boolean f) {
        userChose = true;
        setFolded(f);
    }

    private void setFolded(boolean f) {
        folded = f;
        open.setVisible(f);
        open.setManaged(f);
        showLatest();
        if (split == null) {
            return;
        }
        if (f) {
            split.getItems().remove(this);
        } else if (!split.getItems().contains(this)) {
            double divider = divider();
            split.getItems().add(this);
            split.setDividerPositions(divider);
            // the split's skin lays a new item out at its minimum: place the divider again once it has
            heightProperty().addListener(new ChangeListener<Number>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number h) {
                    if (h.doubleValue() > 0) {
                        heightProperty().removeListener(this);
                        javafx.application.Platform.runLater(() -> split.setDividerPositions(divider));
                    }
                }
            });
        }
    }

    /** Folded, the bar names the newest entry, so a restore or a push finishing is still seen. */
    private void showLatest() {
        if (shown != null && followed != null) {
            shown.outcome.removeListener(followed);
            shown.detail.removeListener(followed);
        }
        var entries = pane.getItems();
        shown = folded && !entries.isEmpty() ? entries.get(0) : null;
        if (shown == null) {
            open.setText("Activity");
            return;
        }
        Activity.Entry e = shown;
        followed = (o, a, b) -> open.setText(line(e));
        e.outcome.addListener(followed);
        e.detail.addListener(followed);
        open.setText(line(e));
    }

    /** "Activity · 07:32:15.822 restore ok": the newest entry's time, action and outcome (details in the log). */
    private static String line(Activity.Entry e) {
        return "Activity · " + dev.lsconsole.ui.common.Fmt.CLOCK.format(e.started) + " " + e.action + " "
                + e.outcome.get().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
