package dev.lsconsole.ui.inspect;

import dev.lsconsole.inspect.CsvExport;
import dev.lsconsole.inspect.DbBrowser;
import dev.lsconsole.inspect.GridRow;
import dev.lsconsole.inspect.RowRef;
import dev.lsconsole.inspect.Sort;
import dev.lsconsole.inspect.TableShape;
import dev.lsconsole.sql.Value;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Jobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The restored database's tables (litestream's own last) and a paged grid of one table's rows, sorted
 * by SQLite on a header click and paged by key after the last row shown, with a column filter, the cell
 * viewer, copying, and a streamed CSV export of the table as filtered and sorted.
 */
public final class DataPane extends SplitPane {
    /** Rows per page: 500, or the lsconsole.grid.page system property (tests page a small table with it). */
    static final int DEFAULT_PAGE = 500;
    private final int pageRows = Math.max(1, Integer.getInteger("lsconsole.grid.page", DEFAULT_PAGE));

    private final Ctx ctx;
    private final DbBrowser db;
    private final ListView<DbBrowser.Table> tables = new ListView<>();
    private final ValueGrid grid = new ValueGrid("data-grid");
    private final ComboBox<String> filterColumn = new ComboBox<>();
    private final TextField filterText = new TextField();
    private final Label position = new Label();
    private final Button prev = new Button("", new FontIcon(Feather.CHEVRON_LEFT));
    private final Button next = new Button("", new FontIcon(Feather.CHEVRON_RIGHT));
    private final Button export = new Button("Export CSV…", new FontIcon(Feather.DOWNLOAD));
    private final ProgressBar exportProgress = new ProgressBar();
    private final Button exportCancel = new Button("Cancel export");
    private TableShape shape;
    private Sort sort = Sort.NONE;
    /** Where each page visited starts: after the last row of the page before (null for the first). */
    private final List<RowRef> starts = new ArrayList<>();
    private long total;
    /** The table and filter {@code total} was counted for: turning pages does not count again. */
    private Counted counted;
    /** The filter and sort the rows shown were read with (positions of keyless rows depend on them). */
    private Shown shown;
    private Task<Long> exporting;

    /** Time-travel questions about the selected row ("When did this change?", "History"). */
    public interface RowQuestions {
        void whenChanged(dev.lsconsole.ui.timetravel.TimeTravel.RowPick row);

        void history(dev.lsconsole.ui.timetravel.TimeTravel.RowPick row);
    }

    private final Label rowHint = new Label();

    public DataPane(Ctx ctx, DbBrowser db) {
        this(ctx, db, null);
    }

    /** {@code questions}: where the time-travel buttons and menu items go (null: none). */
    public DataPane(Ctx ctx, DbBrowser db, RowQuestions questions) {
        this.ctx = ctx;
        this.db = db;
        tables.setId("table-list");
        tables.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(DbBrowser.Table t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.name() + ("view".equals(t.type()) ? " (view)" : ""));
                setGraphic(empty || t == null ? null : new FontIcon("view".equals(t.type()) ? Feather.EYE : Feather.GRID));
                getStyleClass().remove("text-muted");
                if (t != null && t.isLitestream()) {
                    getStyleClass().add("text-muted");
                }
            }
        });
        tables.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null) {
                open(t.name());
            }
        });
        grid.sortInSql(s -> {
            sort = s;
            reload();
        });
        grid.setSource(new GridSource());
        filterColumn.setPromptText("column");
        filterColumn.setId("filter-column");
        filterText.setPromptText("contains…");
        filterText.setId("filter-text");
        filterText.setOnAction(e -> reload());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            filterText.clear();
            reload();
        });
        prev.setOnAction(e -> {
            if (!starts.isEmpty()) {
                starts.remove(starts.size() - 1);
                load();
            }
        });
        next.setOnAction(e -> {
            if (!grid.getItems().isEmpty() && grid.getItems().get(grid.getItems().size() - 1) instanceof GridRow last) {
                starts.add(last.ref());
                load();
            }
        });
        prev.setId("page-prev");
        next.setId("page-next");
        position.setId("page-position");
        export.setId("export-csv");
        export.setOnAction(e -> exportTable());
        exportProgress.setId("export-progress");
        exportCancel.setId("export-cancel");
        exportCancel.setOnAction(e -> {
            if (exporting != null) {
                exporting.cancel();
            }
        });
        exporting(false);
        // A flow, not a row: in a narrow window the paging controls wrap below instead of losing their words.
        HBox paging = new HBox(6, prev, position, next);
        paging.setAlignment(Pos.CENTER_LEFT);
        position.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6, new Label("Filter"), filterColumn,
                filterText, clear, export, exportProgress, exportCancel, paging);
        if (questions != null) {
            Button when = new Button("When did this change?", new FontIcon(Feather.SEARCH));
            when.setId("tt-when-row");
            when.setTooltip(new javafx.scene.control.Tooltip("Search the generation for the first restore point after "
                    + "this one where the selected row differs"));
            when.setOnAction(e -> picked(questions::whenChanged));
            Button history = new Button("History", new FontIcon(Feather.CLOCK));
            history.setId("tt-history-row");
            history.setTooltip(new javafx.scene.control.Tooltip("Every change of the selected row across the generation"));
            history.setOnAction(e -> picked(questions::history));
            rowHint.setId("tt-row-hint");
            rowHint.getStyleClass().add("error-text");
            bar.getChildren().addAll(when, history, rowHint);
            javafx.scene.control.MenuItem m1 = new javafx.scene.control.MenuItem("When did this change?");
            m1.setId("menu-tt-when");
            m1.setOnAction(e -> picked(questions::whenChanged));
            javafx.scene.control.MenuItem m2 = new javafx.scene.control.MenuItem("History of this row");
            m2.setId("menu-tt-history");
            m2.setOnAction(e -> picked(questions::history));
            grid.addMenuItems(m1, m2);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        bar.getChildren().forEach(n -> {
            if (n instanceof javafx.scene.control.Control c && !(n instanceof javafx.scene.control.TextField)) {
                c.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        BorderPane right = new BorderPane(grid, bar, null, null, null);
        getItems().setAll(tables, right);
        setDividerPositions(0.2);
        ctx.jobs.job(c -> db.tables()).onSuccess(list -> {
            tables.setItems(FXCollections.observableArrayList(list));
            list.stream().filter(t -> !t.isLitestream()).findFirst().or(() -> list.stream().findFirst())
                    .ifPresent(t -> tables.getSelectionModel().select(t));
        }).onError(t -> ctx.showError("Reading tables of " + db.file(), t)).start();
    }

    /** Columns and pages of the table shown: a click on another table drops a slower earlier answer. */
    private final Jobs.Slot slot = new Jobs.Slot();

    private void open(String name) {
        shape = null;
        sort = Sort.NONE;
        grid.resetSort();
        starts.clear();
        filterText.clear();
        ctx.jobs.job(c -> db.shape(name)).in(slot).onSuccess(s -> {
            shape = s;
            grid.setTableName(name);
            filterColumn.setItems(FXCollections.observableArrayList(s.columns()));
            filterColumn.getSelectionModel().select(0);
            load();
        }).onError(t -> ctx.showError("Reading " + name, t)).start();
    }

    private DbBrowser.Filter filter() {
        return new DbBrowser.Filter(filterColumn.getValue(), filterText.getText());
    }

    /** A new filter or sort: back to the first page. */
    private void reload() {
        starts.clear();
        load();
    }

    private void load() {
        if (shape == null) {
            return;
        }
        TableShape t = shape;
        Sort s = sort;
        RowRef after = starts.isEmpty() ? null : starts.get(starts.size() - 1);
        long off = (long) starts.size() * pageRows;
        DbBrowser.Filter f = filter();
        position.setText("loading…");
        prev.setDisable(true); // until this page is shown: a second click would count from the old one
        next.setDisable(true);
        Counted key = new Counted(t.table(), f);
        Long known = key.equals(counted) ? total : null;
        ctx.jobs.job(c -> {
            try (AutoCloseable stop = c.cancellation().onCancel(db::cancel)) { // a newer request interrupts this one
                return new Loaded(known != null ? known : db.count(t.table(), f), db.page(t, f, s, after, off, pageRows));
            }
        }).in(slot).onSuccess(r -> {
            total = r.count;
            counted = key;
            shown = new Shown(t, f, s);
            grid.show(r.page.columns(), r.page.rows());
            position.setText(total == 0 ? "no rows" : String.format("rows %,d–%,d of %,d", off + 1,
                    off + r.page.rows().size(), total));
            prev.setDisable(off == 0);
            next.setDisable(!r.page.more());
        }).onError(x -> {
            position.setText("");
            ctx.showError("Reading rows of " + t.table(), x);
        }).start();
    }

    /** The selected row as a time-travel pick, or a one-line hint when there is none. */
    private void picked(Consumer<dev.lsconsole.ui.timetravel.TimeTravel.RowPick> then) {
        List<Value> row = grid.getSelectionModel().getSelectedItem();
        Shown at = shown;
        if (row == null || at == null) {
            rowHint.setText("Select a row first.");
            return;
        }
        rowHint.setText("");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(row instanceof GridRow g && g.isCut(i) ? null : keyText(row.get(i)));
        }
        String rowid = row instanceof GridRow g && g.ref().hasKey() && g.ref().key().size() == 1
                ? keyText(g.ref().key().get(0)) : null;
        then.accept(new dev.lsconsole.ui.timetravel.TimeTravel.RowPick(db.file(), at.shape.table(), at.shape.columns(),
                values, rowid));
    }

    /** A value as a probe key part (the engine binds it as text; SQLite's affinity compares it): null if unusable. */
    private static String keyText(Value v) {
        return switch (v.type()) {
            case INTEGER -> Long.toString(v.integer());
            case REAL -> Double.toString(v.real());
            case TEXT -> v.bytes() == null ? null : new String(v.bytes(), java.nio.charset.StandardCharsets.UTF_8);
            default -> null;
        };
    }

    private void exportTable() {
        Shown what = shown;
        if (what == null || exporting != null) {
            return;
        }
        Path to = SaveFile.ask(getScene().getWindow(), "Export " + what.shape.table() + " to CSV",
                what.shape.table() + ".csv");
        if (to == null) {
            return;
        }
        exporting(true);
        exportProgress.setProgress(-1);
        position.setText("exporting…");
        Path file = db.file();
        exporting = ctx.jobs.job(c -> CsvExport.table(file, what.shape.table(), what.filter, what.sort, to,
                c.cancellation(), (n, of) -> c.progress(of > 0 ? (double) n / of : -1, String.format("%,d rows", n))))
                .logged("export", what.shape.table() + " to " + to, n -> String.format("%,d rows", n))
                .onSuccess(n -> position.setText(String.format("exported %,d rows to %s", n, to)))
                .onError(t -> ctx.showError("Exporting " + what.shape.table() + " to " + to, t))
                .andFinally(() -> {
                    exporting = null;
                    exporting(false);
                }).start();
        exportProgress.progressProperty().bind(exporting.progressProperty());
    }

    private void exporting(boolean on) {
        if (!on) {
            exportProgress.progressProperty().unbind();
        }
        export.setDisable(on);
        for (javafx.scene.Node n : List.of(exportProgress, exportCancel)) {
            n.setVisible(on);
            n.setManaged(on);
        }
    }

    /** Values the grid does not hold in full, read again by row key (or position) in the background. */
    private final class GridSource implements ValueGrid.Source {
        @Override
        public void full(List<List<Value>> rows, Consumer<List<List<Value>>> then) {
            Shown at = shown;
            ctx.jobs.job(c -> {
                List<List<Value>> out = new ArrayList<>();
                for (List<Value> r : rows) {
                    c.cancellation().check();
                    out.add(r instanceof GridRow g && g.anyCut() ? db.row(at.shape, at.filter, at.sort, g.ref()) : r);
                }
                return out;
            }).onSuccess(then).onError(t -> ctx.showError("Copying rows of " + at.shape.table(), t)).start();
        }

        @Override
        public void view(List<Value> row, int column) {
            Shown at = shown;
            if (!(row instanceof GridRow g) || at == null) {
                return;
            }
            String col = at.shape.columns().get(column);
            ctx.jobs.job(c -> db.cell(at.shape, col, at.filter, at.sort, g.ref())).onSuccess(info ->
                    CellViewer.show(ctx, at.shape.table() + "." + col, info, (to, cancel) ->
                            CsvExport.cell(db, at.shape, col, at.filter, at.sort, g.ref(), to, cancel)))
                    .onError(t -> ctx.showError("Reading " + col + " of " + at.shape.table(), t)).start();
        }

        @Override
        public void export() {
            exportTable();
        }
    }

    private record Loaded(long count, DbBrowser.Page page) {
    }

    private record Counted(String table, DbBrowser.Filter filter) {
    }

    private record Shown(TableShape shape, DbBrowser.Filter filter, Sort sort) {
    }
}
