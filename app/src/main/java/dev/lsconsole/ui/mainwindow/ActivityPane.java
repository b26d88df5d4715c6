package dev.lsconsole.ui.mainwindow;

import dev.lsconsole.ui.common.Activity;
import dev.lsconsole.ui.common.Fmt;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The activity log: every restore, diff and push of this session, newest first, with its outcome. */
final class ActivityPane extends TableView<Activity.Entry> {
    ActivityPane(Activity activity, dev.lsconsole.ui.common.Ctx ctx) {
        setId("activity-log");
        setItems(activity.entries());
        setPlaceholder(new Label("Restores, diffs and pushes will be listed here."));
        TableColumn<Activity.Entry, String> time = new TableColumn<>("Time");
        time.setCellValueFactory(d -> new ReadOnlyStringWrapper(Fmt.CLOCK.format(d.getValue().started)));
        time.setPrefWidth(110);
        TableColumn<Activity.Entry, String> action = new TableColumn<>("Action");
        action.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().action));
        action.setPrefWidth(110);
        TableColumn<Activity.Entry, String> outcome = new TableColumn<>("Outcome");
        outcome.setCellValueFactory(d -> d.getValue().outcome.asString());
        outcome.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeIf(x -> x.startsWith("outcome-"));
                setText(empty || s == null ? null : s.toLowerCase(java.util.Locale.ROOT));
                if (!empty && s != null) {
                    getStyleClass().add("outcome-" + s);
                }
            }
        });
        outcome.setPrefWidth(100);
        TableColumn<Activity.Entry, String> detail = new TableColumn<>("Details");
        detail.setCellValueFactory(d -> d.getValue().detail);
        detail.setPrefWidth(700);
        getColumns().setAll(List.of(time, action, outcome, detail));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        javafx.scene.control.MenuItem undo = new javafx.scene.control.MenuItem("Undo this push…");
        undo.setId("undo-push");
        javafx.scene.control.MenuItem script = new javafx.scene.control.MenuItem("Show its undo script");
        javafx.scene.control.MenuItem audit = new javafx.scene.control.MenuItem("Show the audit log");
        undo.setOnAction(e -> selectedPush().ifPresent(p -> UndoFlow.start(ctx, p)));
        script.setOnAction(e -> selectedPush().ifPresent(p -> dev.lsconsole.ui.common.TextViewer.show(ctx,
                "Undo script", p.undoScript())));
        audit.setOnAction(e -> dev.lsconsole.ui.common.TextViewer.showAuditLog(ctx, ctx.dataDir.resolve("audit.log")));
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(undo, script, audit);
        menu.setOnShowing(e -> {
            var p = selectedPush();
            undo.setDisable(p.isEmpty() || !p.get().undoable());
            script.setDisable(p.isEmpty());
        });
        setContextMenu(menu);
    }

    private java.util.Optional<dev.lsconsole.push.AuditLog.Push> selectedPush() {
        Activity.Entry e = getSelectionModel().getSelectedItem();
        return e == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(e.push);
    }
}
