package dev.lsconsole.ui.timetravel;

import dev.lsconsole.timetravel.Bisect;
import dev.lsconsole.timetravel.Point;
import dev.lsconsole.timetravel.QueryProbe;
import dev.lsconsole.timetravel.Row;
import dev.lsconsole.timetravel.Span;
import dev.lsconsole.ui.common.Fmt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A bisect's answer: the last restore point with the old state and the first with the new one (their
 * times), both states side by side with the changed lines highlighted, and "Restore here" for the last
 * good point.
 */
final class BisectPane extends BorderPane {
    /** One line of the side-by-side view: a column (or a result row) before and after. */
    record Line(String name, String before, String after) {
        boolean changed() {
            return !Objects.equals(before, after);
        }
    }

    private BisectPane(Bisect.Result<?> r, List<Line> lines, String beforeTitle, String afterTitle,
                       Span span, Consumer<Point> restore) {
        setId("tt-bisect");
        Label lastGood = new Label(HistoryPane.at(span, r.lastGood()));
        lastGood.setId("tt-last-good");
        Label firstChanged = new Label(r.changed() ? HistoryPane.at(span, r.firstChanged()) : "-");
        firstChanged.setId("tt-first-changed");
        Label head = new Label(r.changed() ? "Changed between these two restore points (" + r.points() + " walked, " + r.probed()
                + " read):"
                : "Unchanged up to the last restore point (" + r.points() + " walked, "
                + r.probed() + " read).");
        head.setWrapText(true);
        Button here = new Button("Restore here", new FontIcon(Feather.DOWNLOAD));
        here.setId("tt-restore-here");
        here.getStyleClass().add("accent");
        here.setTooltip(new javafx.scene.control.Tooltip("Restore the last good state, " + Fmt.time(r.lastGood().time())
                + ", and open it in a new tab"));
        here.setOnAction(e -> restore.accept(r.lastGood()));
        // the two moments are the answer: each on its own line, whole (a laptop's window cut both to
        // "2026-11-25 07:32:12..." on one line), the button beside them
        GridPane moments = new GridPane();
        moments.setHgap(10);
        moments.setVgap(4);
        moments.addRow(0, whole(new Label(r.changed() ? "Last good:" : "The same through the last point:")),
                whole(bold(lastGood)));
        if (r.changed()) {
            moments.addRow(1, whole(new Label("First changed:")), whole(bold(firstChanged)));
        }
        whole(here);
        HBox times = new HBox(16, moments, here);
        times.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, head, times);
        top.setPadding(new Insets(0, 10, 8, 10));
        setTop(top);
        TableView<Line> t = table(lines, beforeTitle, afterTitle); // their times are right above
        if (!r.changed()) {
            t.getColumns().get(1).setText("Value (unchanged)");
            t.getColumns().remove(2);
        }
        setCenter(t);
    }

    /** Never narrower than its words. */
    private static <T extends javafx.scene.control.Control> T whole(T c) {
        c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return c;
    }

    private static Label bold(Label l) {
        l.getStyleClass().add("text-bold");
        return l;
    }

    static BisectPane row(Bisect.Result<Row> r, Span span, Consumer<Point> restore) {
        LinkedHashSet<String> cols = new LinkedHashSet<>();
        if (r.before() != null) {
            cols.addAll(r.before().columns().keySet());
        }
        if (r.after() != null) {
            cols.addAll(r.after().columns().keySet());
        }
        List<Line> lines = new ArrayList<>();
        for (String c : cols) {
            lines.add(new Line(c, value(r.before(), c), r.changed() ? value(r.after(), c) : value(r.before(), c)));
        }
        return new BisectPane(r, lines, "Last good", "First changed", span, restore);
    }

    private static String value(Row row, String col) {
        if (row == null) {
            return "(no row)";
        }
        String v = row.columns().get(col);
        return v == null ? "(no column)" : v;
    }

    static BisectPane query(Bisect.Result<QueryProbe.Result> r, Span span, Consumer<Point> restore) {
        QueryProbe.Result a = r.before();
        QueryProbe.Result b = r.changed() ? r.after() : r.before();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("columns", String.join(", ", a.columns()), String.join(", ", b.columns())));
        lines.add(new Line("rows", Long.toString(a.count()), Long.toString(b.count())));
        int n = Math.max(a.rows().size(), b.rows().size());
        for (int i = 0; i < n; i++) {
            lines.add(new Line("row " + (i + 1), i < a.rows().size() ? String.join(" | ", a.rows().get(i)) : "",
                    i < b.rows().size() ? String.join(" | ", b.rows().get(i)) : ""));
        }
        return new BisectPane(r, lines, "Last good", "First changed", span, restore);
    }

    private static TableView<Line> table(List<Line> lines, String before, String after) {
        TableView<Line> t = new TableView<>();
        t.setId("tt-compare");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.getColumns().add(col("Column", Line::name, 140));
        t.getColumns().add(col(before, Line::before, 300));
        t.getColumns().add(col(after, Line::after, 300));
        t.setRowFactory(v -> new TableRow<>() {
            @Override
            protected void updateItem(Line l, boolean empty) {
                super.updateItem(l, empty);
                getStyleClass().remove("changed-cell");
                if (!empty && l != null && l.changed()) {
                    getStyleClass().add("changed-cell");
                }
            }
        });
        t.getItems().setAll(lines);
        return t;
    }

    private static TableColumn<Line, String> col(String name, java.util.function.Function<Line, String> f, double w) {
        TableColumn<Line, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(w);
        c.setSortable(false);
        return c;
    }

    /** The lines shown (tests read them). */
    @SuppressWarnings("unchecked")
    List<Line> lines() {
        return ((TableView<Line>) getCenter()).getItems();
    }
}
