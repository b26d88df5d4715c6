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
    ActivityPane(Activity activity) {
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
    }
}
