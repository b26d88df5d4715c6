package dev.lsconsole.ui.timetravel;

import dev.lsconsole.timetravel.Point;
import dev.lsconsole.timetravel.Span;
import dev.lsconsole.timetravel.Row;
import dev.lsconsole.timetravel.RowHistory;
import dev.lsconsole.ui.common.Fmt;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * A row's history: when it appeared, each change (columns, old → new) and when it vanished, with times;
 * each change offers "Restore here" (the state it made) and "Before" (the last state before it).
 */
final class HistoryPane extends BorderPane {
    private HistoryPane(RowHistory.Result r, Span span, Consumer<Point> restore) {
        setId("tt-history");
        Label head = new Label(r.events().isEmpty() ? (r.initial() == null ? "The row exists at none of the "
                + r.points() + " restore points." : "Unchanged across all " + r.points() + " restore points (from "
                + Fmt.time(r.first().time()) + " to " + Fmt.time(r.last().time()) + ").")
                : r.events().size() + " change(s) across " + r.points() + " restore points; at the first ("
                + Fmt.time(r.first().time()) + ") the row " + (r.initial() == null ? "did not exist." : "was "
                + text(r.initial())));
        head.setWrapText(true);
        head.setPadding(new Insets(0, 10, 8, 10));
        setTop(head);
        TableView<RowHistory.Event> t = new TableView<>();
        t.setId("tt-history-events");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label none = new Label(r.initial() == null
                ? "Nothing to list: the row never existed at these restore points (check the table and key)."
                : "No change to list: the row is the same at every restore point.");
        none.setWrapText(true);
        t.setPlaceholder(none);
        TableColumn<RowHistory.Event, String> when = col("When", e -> at(span, e.at()), 190);
        TableColumn<RowHistory.Event, String> what = col("What", e -> switch (e.kind()) {
            case APPEARED -> "appeared";
            case CHANGED -> "changed";
            case VANISHED -> "vanished";
        }, 90);
        when.setMinWidth(205);
        what.setMinWidth(85);
        TableColumn<RowHistory.Event, String> change = col("Change", HistoryPane::describe, 420);
        change.setMinWidth(120);
        change.setCellFactory(c -> { // long rows wrap instead of being cut
            TableCell<RowHistory.Event, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String v, boolean empty) {
                    super.updateItem(v, empty);
                    setText(empty ? null : v);
                    setTooltip(empty || v == null ? null : new javafx.scene.control.Tooltip(v));
                }
            };
            cell.setWrapText(true);
            return cell;
        });
        TableColumn<RowHistory.Event, RowHistory.Event> act = new TableColumn<>("");
        act.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyObjectWrapper<>(d.getValue()));
        act.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RowHistory.Event e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                Button here = new Button("Restore here");
                here.getStyleClass().add("small");
                here.setTooltip(new javafx.scene.control.Tooltip("Restore the state at " + at(span, e.at())));
                here.setOnAction(x -> restore.accept(e.at()));
                Button before = new Button("Before");
                before.getStyleClass().add("small");
                before.setTooltip(new javafx.scene.control.Tooltip("Restore the last state before this change, "
                        + at(span, e.before())));
                before.setOnAction(x -> restore.accept(e.before()));
                setGraphic(new HBox(4, here, before));
            }
        });
        act.setPrefWidth(165);
        act.setMinWidth(165);
        act.setSortable(false);
        t.getColumns().setAll(java.util.List.of(when, what, act, change));
        t.getItems().setAll(r.events());
        setCenter(t);
    }

    /** A point's time, and on an upgraded path the history it is in ("… · the v0.5 LTX chain"). */
    static String at(Span span, Point p) {
        return Fmt.time(p.time()) + (span.crossesUpgrade() ? " · " + span.labelOf(p) : "");
    }

    static HistoryPane of(RowHistory.Result r, Span span, Consumer<Point> restore) {
        return new HistoryPane(r, span, restore);
    }

    static String describe(RowHistory.Event e) {
        return switch (e.kind()) {
            case APPEARED -> text(e.newRow());
            case VANISHED -> "was " + text(e.oldRow());
            case CHANGED -> e.changes().stream().map(c -> c.column() + ": " + (c.before() == null ? "(no column)"
                    : c.before()) + " → " + (c.after() == null ? "(no column)" : c.after()))
                    .collect(Collectors.joining("; "));
        };
    }

    private static String text(Row r) {
        return r.columns().entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(" "));
    }

    private static <T> TableColumn<T, String> col(String name, java.util.function.Function<T, String> f, double w) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(w);
        c.setSortable(false);
        return c;
    }
}
