package dev.lsconsole.ui.diff;

import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.live.LiveException;
import dev.lsconsole.live.LiveTarget;
import dev.lsconsole.live.LiveTargets;
import dev.lsconsole.live.SqliteInstaller;
import dev.lsconsole.live.SqliteLiveTarget;
import dev.lsconsole.push.PushMode;
import dev.lsconsole.push.PushPlan;
import dev.lsconsole.push.PushPlanner;
import dev.lsconsole.push.PushResult;
import dev.lsconsole.push.Pusher;
import dev.lsconsole.sql.Value;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Jobs;
import dev.lsconsole.ui.inspect.ValueGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Compares the restored database with a live one (a pod or a local file): per-table counts, the
 * differing rows of one table with changed cells highlighted, checkboxes to choose rows, and the push of
 * the chosen rows after a preview and an explicit confirmation.
 */
public final class DiffPane extends BorderPane {
    static final int ROWS_PAGE = 1000;
    /** The compare summary shown in the status line (one line, cut at its end if need be), or null. */
    private String summaryText;

    /** A differing row with its checkbox. */
    public static final class RowItem {
        final RowDiff diff;
        final BooleanProperty selected = new SimpleBooleanProperty();

        RowItem(RowDiff diff) {
            this.diff = diff;
        }
    }

    private final Ctx ctx;
    private final Path restored;
    private final TextField address = new TextField();
    private final TableView<TableDiff> tables = new TableView<>();
    private final ChoiceBox<RowDiff.Kind> kind = new ChoiceBox<>();
    private final TableView<RowItem> rows = new TableView<>();
    private final Label rowsInfo = new Label();
    private final Button more = new Button("Load more");
    private final CheckBox all = new CheckBox();
    private final ChoiceBox<PushMode> mode = new ChoiceBox<>();
    private final Label modeHint = new Label();
    private final javafx.scene.control.ProgressBar compareProgress = new javafx.scene.control.ProgressBar();
    /** Tables ticked for a push across tables (one transaction, parents first); empty: the rows ticked below. */
    private final java.util.Map<String, javafx.beans.property.BooleanProperty> tableTicks = new java.util.HashMap<>();
    private final CheckBox allTables = new CheckBox("All tables");
    private final CheckBox withParents = new CheckBox("Add missing parent rows");
    private final Button push = new Button("Push selected rows…", new FontIcon(Feather.UPLOAD));
    private final Button compare = new Button("Compare", new FontIcon(Feather.COLUMNS));
    private final Label status = new Label("Choose the live database and compare.");
    private final Button stop = new Button("Cancel");
    private javafx.concurrent.Task<DiffSession> comparing;
    private DiffSession session;
    private TableDiff current;
    private String missingWord = "Missing in live";
    /** Showing what changed between two moments (time travel): TO stands where live would. */
    private boolean windowView;
    private String onlyWord = "Only in live";
    private HBox pushBarBox;
    private HBox tablesBarBox;
    private final List<javafx.scene.Node> liveChoosers = new ArrayList<>();
    /** Compares again when an undo (or another view's push) wrote to the live database compared here. */
    private final java.util.function.Consumer<String> liveWatcher = this::liveWritten;

    public DiffPane(Ctx ctx, Path restored, String defaultLive) {
        this.ctx = ctx;
        this.restored = restored;
        ctx.watchLive(liveWatcher);
        setId("diff-pane");
        address.setId("live-address");
        address.setPromptText("/path/to/live.db or k8s://[CONTEXT@]NAMESPACE/POD[:CONTAINER]/PATH");
        address.setText(defaultLive == null ? "" : defaultLive);
        HBox.setHgrow(address, Priority.ALWAYS);
        Button pod = new Button("Pod…", new FontIcon(Feather.BOX));
        pod.setId("pick-pod");
        pod.setOnAction(e -> {
            String a = new PodPicker(ctx).pick();
            if (a != null) {
                address.setText(a);
                compare();
            }
        });
        Button file = new Button("File…", new FontIcon(Feather.FOLDER));
        file.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Choose the live database file");
            java.io.File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                address.setText(f.getAbsolutePath());
                compare();
            }
        });
        compare.setId("compare-button");
        compare.getStyleClass().add("accent");
        compare.setOnAction(e -> compare());
        address.setOnAction(e -> compare());
        stop.setId("compare-cancel");
        stop.setVisible(false);
        stop.setManaged(false);
        stop.setOnAction(e -> {
            if (comparing != null) {
                comparing.cancel();
            }
        });
        address.setMinWidth(160);
        Label liveLabel = new Label("Live database");
        for (javafx.scene.control.Control c : List.of(liveLabel, pod, file, compare, stop)) {
            c.setMinWidth(Region.USE_PREF_SIZE); // the address field gives way; buttons keep their words
        }
        compareProgress.setId("compare-progress");
        compareProgress.setPrefWidth(120);
        compareProgress.setVisible(false);
        compareProgress.setManaged(false);
        liveChoosers.addAll(List.of(pod, file));
        HBox top = new HBox(8, liveLabel, address, pod, file, compare, compareProgress, stop);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8));
        status.setId("diff-status");
        status.setPadding(new Insets(0, 8, 6, 8));
        status.setWrapText(true);
        // the compare summary stays on one line (a long live path would wrap it and take a row of the grid
        // on a short screen): its counts first, then the live database's short name; a narrow window cuts the
        // name at the end, never the counts; the whole address is in the tooltip and the address field
        status.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        status.textProperty().addListener((o, was, text) -> {
            boolean summary = text != null && text.equals(summaryText);
            status.setWrapText(!summary);
            if (!summary) {
                status.setTooltip(null);
            }
        });
        setTop(new VBox(top, status));

        setupTables();
        setupRows();
        kind.setId("row-kind");
        kind.setItems(FXCollections.observableArrayList(RowDiff.Kind.values()));
        kind.setConverter(converter(k -> switch (k) {
            case MISSING_IN_LIVE -> missingWord;
            case ONLY_IN_LIVE -> onlyWord;
            case CHANGED -> "Changed";
        }));
        kind.setValue(RowDiff.Kind.MISSING_IN_LIVE);
        kind.setOnAction(e -> loadRows(0)); // the push mode is the user's choice alone: it never follows the view
        mode.setOnAction(e -> updateButtons());
        mode.setId("push-mode");
        mode.setItems(FXCollections.observableArrayList(PushMode.values()));
        mode.setConverter(converter(m -> m == PushMode.INSERT_MISSING ? "Insert missing (never overwrite)"
                : "Upsert (also overwrite changed rows)"));
        mode.setValue(PushMode.INSERT_MISSING);
        all.setId("select-all");
        all.setOnAction(e -> rows.getItems().forEach(r -> r.selected.set(all.isSelected())));
        more.setOnAction(e -> loadRows(rows.getItems().size()));
        push.setId("push-button");
        push.getStyleClass().add("danger");
        push.setOnAction(e -> planPush());
        more.setMinWidth(Region.USE_PREF_SIZE);
        all.setMinWidth(Region.USE_PREF_SIZE);
        HBox rowsBar = new HBox(8, new Label("Rows"), kind, all, rowsInfo, more);
        rowsBar.setAlignment(Pos.CENTER_LEFT);
        rowsBar.setPadding(new Insets(6));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        push.setMinWidth(Region.USE_PREF_SIZE);
        modeHint.setId("mode-hint");
        modeHint.getStyleClass().add("text-muted");
        modeHint.setWrapText(true);
        HBox pushBar = new HBox(8, modeHint, grow, new Label("Mode"), mode, push);
        pushBar.setAlignment(Pos.CENTER_RIGHT);
        pushBar.setPadding(new Insets(6));
        pushBarBox = pushBar;
        allTables.setId("push-all-tables");
        allTables.setOnAction(e -> tables.getItems().stream().filter(DiffPane::pushableTable)
                .forEach(d -> tick(d.table()).set(allTables.isSelected())));
        withParents.setId("with-parents");
        withParents.setTooltip(new Tooltip("A pushed row whose parent row (foreign key) is missing in live is refused; "
                + "with this, the missing parent rows are pushed too, from the restored copy."));
        Label tablesHint = new Label("Tick tables to push them together: one transaction, parents first.");
        tablesHint.getStyleClass().add("text-muted");
        allTables.setMinWidth(Region.USE_PREF_SIZE); // in a narrow window the hint gives way, not the choices
        withParents.setMinWidth(Region.USE_PREF_SIZE);
        tablesHint.setMinWidth(0);
        HBox tablesBar = new HBox(10, allTables, withParents, tablesHint);
        tablesBar.setAlignment(Pos.CENTER_LEFT);
        tablesBar.setPadding(new Insets(4, 6, 4, 6));
        tablesBarBox = tablesBar;
        BorderPane tablesBox = new BorderPane(tables, tablesBar, null, null, null);
        SplitPane split = new SplitPane(tablesBox, new BorderPane(rows, rowsBar, null, pushBar, null));
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        tables.setMinHeight(110); // the header and two tables stay visible
        setCenter(split);
        updateButtons();
    }

    private static <T> StringConverter<T> converter(Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private void setupTables() {
        tables.setId("diff-tables");
        tables.getStyleClass().add(atlantafx.base.theme.Styles.DENSE); // one-line rows: more of them on a laptop
        tables.setPlaceholder(new Label("Not compared yet"));
        TableColumn<TableDiff, Boolean> tick = new TableColumn<>("Push");
        tick.setId("push-table-column");
        tick.setCellValueFactory(c -> tick(c.getValue().table()));
        tick.setCellFactory(c -> new CheckBoxTableCell<>() {
            @Override
            public void updateItem(Boolean v, boolean empty) {
                super.updateItem(v, empty);
                int i = getIndex();
                TableDiff d = empty || getTableView() == null || i < 0 || i >= getTableView().getItems().size() ? null
                        : getTableView().getItems().get(i);
                setDisable(d == null || !pushableTable(d));
            }
        });
        tick.setEditable(true);
        tick.setPrefWidth(64);
        tick.setMinWidth(60);
        tables.setEditable(true);
        tables.getColumns().setAll(List.of(tick,
                textCol("Table", TableDiff::table, 160),
                textCol("Missing in live", d -> d.presence() == TableDiff.Presence.BOTH ? fmt(d.missingInLive()) : "-",
                        140),
                textCol("Only in live", d -> d.presence() == TableDiff.Presence.BOTH ? fmt(d.onlyInLive()) : "-", 110),
                textCol("Changed", d -> d.presence() == TableDiff.Presence.BOTH ? fmt(d.changed()) : "-", 90),
                textCol("Key", d -> String.join(", ", d.key()), 120),
                textCol("Schema and notes", this::notes, 420)));
        tables.setRowFactory(v -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(TableDiff d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().remove("has-differences");
                if (!empty && d != null && d.hasDifferences()) {
                    getStyleClass().add("has-differences");
                }
            }
        });
        tables.getSelectionModel().selectedItemProperty().addListener((o, a, d) -> {
            current = d;
            all.setSelected(false);
            if (d != null && d.presence() == TableDiff.Presence.BOTH && d.problem() == null) {
                RowDiff.Kind k = d.missingInLive() > 0 ? RowDiff.Kind.MISSING_IN_LIVE : d.changed() > 0
                        ? RowDiff.Kind.CHANGED : d.onlyInLive() > 0 ? RowDiff.Kind.ONLY_IN_LIVE : kind.getValue();
                if (k != kind.getValue()) {
                    kind.setValue(k);
                }
                loadRows(0);
            } else {
                rows.getItems().clear();
                rows.getColumns().clear();
                rowsInfo.setText(d == null ? "" : notes(d));
                updateButtons();
            }
        });
    }

    private static String fmt(long n) {
        return String.format("%,d", n);
    }

    private static <T> TableColumn<T, String> textCol(String name, Function<T, String> f, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A table's drift notes; in the changes view "live" is the state at TO and "restored" the one at FROM. */
    private String notes(TableDiff x) {
        List<String> n = x.notes();
        String text = n.isEmpty() ? (x.hasDifferences() ? "" : "identical") : String.join("; ", n);
        return windowView ? atFromAndTo(text) : text;
    }

    public static String atFromAndTo(String text) {
        return text.replace("table missing in live", "table only at FROM").replace("table only in live", "table only at TO")
                .replace("only in restored", "only at FROM").replace("only in live", "only at TO");
    }

    private void setupRows() {
        rows.setId("diff-rows");
        rows.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        rows.setEditable(true);
        rows.setPlaceholder(new Label("Choose a table with differences"));
    }

    private void rowColumns(TableDiff d) {
        List<TableColumn<RowItem, ?>> cols = new ArrayList<>();
        TableColumn<RowItem, Boolean> pick = new TableColumn<>("Push");
        pick.setVisible(pushBarBox.isManaged()); // the changes view pushes nothing
        pick.setCellValueFactory(c -> c.getValue().selected);
        pick.setCellFactory(CheckBoxTableCell.forTableColumn(pick));
        pick.setEditable(true);
        pick.setPrefWidth(56);
        cols.add(pick);
        for (int i = 0; i < d.key().size(); i++) {
            cols.add(valueColumn(d.key().get(i) + " (key)", -1 - i));
        }
        for (int i = 0; i < d.commonColumns().size(); i++) {
            if (!d.key().contains(d.commonColumns().get(i))) {
                cols.add(valueColumn(d.commonColumns().get(i), i));
            }
        }
        rows.getColumns().setAll(cols);
    }

    private static TableColumn<RowItem, RowItem> valueColumn(String name, int idx) {
        TableColumn<RowItem, RowItem> c = new TableColumn<>(name);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue()));
        c.setCellFactory(x -> new DiffCell(idx));
        c.setPrefWidth(130);
        c.setEditable(false);
        return c;
    }

    /**
     * A value cell: key part {@code -1 - idx} when idx is negative, else the restored value of column idx
     * (live's for rows only in live); a changed cell is highlighted.
     */
    private static final class DiffCell extends TableCell<RowItem, RowItem> {
        private final int idx;

        DiffCell(int idx) {
            this.idx = idx;
        }

        @Override
        protected void updateItem(RowItem r, boolean empty) {
            super.updateItem(r, empty);
            getStyleClass().remove("changed-cell");
            if (empty || r == null) {
                ValueGrid.show(this, null, null);
                return;
            }
            if (idx < 0) {
                ValueGrid.show(this, r.diff.key().get(-1 - idx), null);
                return;
            }
            List<Value> vals = r.diff.restored() != null ? r.diff.restored() : r.diff.live();
            if (r.diff.kind() == RowDiff.Kind.CHANGED && r.diff.changed().get(idx)) {
                ValueGrid.show(this, vals.get(idx), null);
                getStyleClass().add("changed-cell");
                setTooltip(new Tooltip("restored: " + ValueGrid.describe(vals.get(idx)) + "\nlive: "
                        + ValueGrid.describe(r.diff.live().get(idx))));
            } else {
                ValueGrid.show(this, vals.get(idx), null);
            }
        }
    }

    private void compare() {
        String a = address.getText().strip();
        if (a.isEmpty()) {
            status.setText("Enter the live database: a file path or a k8s:// address.");
            return;
        }
        compare.setDisable(true);
        showStop(true);
        status.setText("Reading a copy of " + a + " (live is only read)…");
        comparing = ctx.jobs.job(c -> {
            DiffSession s = open(a, c);
            if (c.cancellation().isCancelled()) {
                s.close();
                throw new java.util.concurrent.CancellationException("compare cancelled");
            }
            return s;
        }).logged(windowView ? "changes" : "diff", restored.getFileName() + " vs " + a,
                s -> windowView ? windowSummary(s.tables) : summary(s.tables))
                .onSuccess(this::compared)
                .onError(t -> failedCompare(a, t))
                .andFinally(() -> {
                    status.textProperty().unbind();
                    compareProgress.progressProperty().unbind();
                    compare.setDisable(false);
                    showStop(false);
                    if (comparing != null && comparing.isCancelled()) {
                        status.setText("Compare cancelled.");
                    }
                    comparing = null;
                })
                .start();
        status.textProperty().bind(comparing.messageProperty());
        compareProgress.progressProperty().bind(comparing.progressProperty());
    }

    private void showStop(boolean on) {
        stop.setVisible(on);
        stop.setManaged(on);
        compareProgress.setVisible(on);
        compareProgress.setManaged(on);
    }

    private DiffSession open(String a, Jobs.Context job) {
        LiveTarget target = LiveTargets.open(a, ctx.env);
        job.progress(-1, "Reading a copy of " + a + " (live is only read)…");
        return DiffSession.open(restored, target, ctx.temps, job.cancellation(), (done, total, table) -> job.progress(
                total == 0 ? 1 : (double) done / total, table == null ? "Compared " + total + " tables"
                        : "Comparing " + table + " (" + (done + 1) + " of " + total + " tables)"));
    }

    private void failedCompare(String a, Throwable t) {
        status.setText("Not compared: " + t.getMessage());
        if (t instanceof LiveException le && SqliteInstaller.isMissing(le)) {
            LiveTarget target = LiveTargets.open(a, ctx.env);
            if (target instanceof SqliteLiveTarget st) {
                Alert ask = dev.lsconsole.ui.common.WriteConfirmation.create(ctx.window(), "Install sqlite3",
                        "sqlite3 is missing in " + st.shell().where() + ".", "Install sqlite3 in",
                        st.shell().where(), "install-sqlite3-confirm");
                ask.setContentText("Alpine: apk add sqlite; Debian/Ubuntu: apt-get install sqlite3. The container "
                        + "changes (a package is added); the database does not.");
                if (dev.lsconsole.ui.common.WriteConfirmation.isWrite(ask, ask.showAndWait().orElse(ButtonType.CANCEL))) {
                    ctx.jobs.job(c -> SqliteInstaller.install(st.shell()))
                            .logged("install sqlite3", st.shell().where(), cmd -> cmd)
                            .onSuccess(cmd -> compare()).start();
                }
                return;
            }
        }
        ctx.showError("Compare with " + a, t);
    }

    private static String summary(List<TableDiff> diffs) {
        long missing = diffs.stream().mapToLong(TableDiff::missingInLive).sum();
        long changed = diffs.stream().mapToLong(TableDiff::changed).sum();
        long only = diffs.stream().mapToLong(TableDiff::onlyInLive).sum();
        long drift = diffs.stream().filter(d -> !d.onlyLiveColumns().isEmpty() || !d.onlyRestoredColumns().isEmpty()
                || d.presence() != TableDiff.Presence.BOTH).count();
        return String.format("%,d rows missing in live, %,d changed, %,d only in live; %d %s with schema drift",
                missing, changed, only, drift, drift == 1 ? "table" : "tables");
    }

    /**
     * A live address as the compare summary names it: a file's name, or a pod's with the file's name
     * ({@code k8s://ctx@ns/app-0:app/data/app.db} reads {@code app-0:app …/app.db}).
     */
    static String shortAddress(String address) {
        String file = address.substring(address.lastIndexOf('/') + 1);
        if (!address.startsWith("k8s://")) {
            return file.isEmpty() ? address : file;
        }
        String rest = address.substring("k8s://".length());
        rest = rest.substring(rest.indexOf('@') + 1);
        String[] parts = rest.split("/", 3);
        return parts.length < 3 ? address : parts[1] + " …/" + file;
    }

    private static String windowSummary(List<TableDiff> diffs) {
        return String.format("From FROM to TO: %,d rows deleted, %,d inserted, %,d changed.",
                diffs.stream().mapToLong(TableDiff::missingInLive).sum(), diffs.stream().mapToLong(TableDiff::onlyInLive)
                        .sum(), diffs.stream().mapToLong(TableDiff::changed).sum());
    }

    private void compared(DiffSession s) {
        if (disposed) { // the view closed while it compared: its copy of live goes, nothing is shown
            session = s;
            closeSession();
            return;
        }
        closeSession();
        session = s;
        if (pushBarBox.isManaged()) {
            summaryText = summary(s.tables) + ". Live: " + shortAddress(s.target.address());
            status.setText(summaryText);
            status.setTooltip(new Tooltip("Compared with " + s.target.address() + ": " + summary(s.tables) + "."));
        } else {
            status.setText(windowSummary(s.tables));
        }
        tableTicks.clear();
        allTables.setSelected(false);
        List<TableDiff> ordered = new ArrayList<>(s.tables); // rows to push first, litestream's own tables last
        ordered.sort(java.util.Comparator.comparing((TableDiff d) -> d.table().startsWith("_litestream_"))
                .thenComparing(d -> !pushableTable(d)).thenComparing(d -> !d.hasDifferences())
                .thenComparing(TableDiff::table));
        tables.setItems(FXCollections.observableArrayList(ordered));
        TableDiff first = ordered.stream().filter(d -> d.missingInLive() + d.changed() > 0).findFirst()
                .orElse(ordered.isEmpty() ? null : ordered.get(0));
        if (first != null) {
            tables.getSelectionModel().select(first);
        }
    }

    private void loadRows(int offset) {
        TableDiff d = current;
        DiffSession s = session;
        RowDiff.Kind k = kind.getValue();
        if (d == null || s == null || d.presence() != TableDiff.Presence.BOTH || d.problem() != null) {
            return;
        }
        ctx.jobs.job(c -> {
            List<RowItem> out = new ArrayList<>();
            synchronized (s) {
                s.engine.rows(d.table(), k, null, offset, ROWS_PAGE, r -> out.add(new RowItem(r)));
            }
            return out;
        }).onSuccess(list -> {
            if (current != d || session != s || kind.getValue() != k) {
                return; // another table, comparison or kind was chosen meanwhile: its own load shows it
            }
            if (offset == 0) {
                rowColumns(d);
                rows.setItems(FXCollections.observableArrayList(list));
            } else {
                rows.getItems().addAll(list);
            }
            list.forEach(r -> r.selected.set(all.isSelected()));
            long total = k == RowDiff.Kind.MISSING_IN_LIVE ? d.missingInLive() : k == RowDiff.Kind.CHANGED
                    ? d.changed() : d.onlyInLive();
            rowsInfo.setText(String.format("%,d of %,d shown", rows.getItems().size(), total));
            more.setVisible(rows.getItems().size() < total);
            all.setText("all " + String.format("%,d", total));
            updateButtons();
        }).onError(t -> ctx.showError("Reading rows of " + d.table(), t)).start();
    }

    private javafx.beans.property.BooleanProperty tick(String table) {
        return tableTicks.computeIfAbsent(table, t -> {
            javafx.beans.property.BooleanProperty p = new javafx.beans.property.SimpleBooleanProperty();
            p.addListener((o, a, b) -> updateButtons());
            return p;
        });
    }

    /** Tables with rows a push could write: in both databases, comparable, with rows missing or changed. */
    private static boolean pushableTable(TableDiff d) {
        return d.presence() == TableDiff.Presence.BOTH && d.problem() == null && d.missingInLive() + d.changed() > 0;
    }

    private List<String> tickedTables() {
        return tables.getItems().stream().map(TableDiff::table)
                .filter(t -> tableTicks.containsKey(t) && tableTicks.get(t).get()).toList();
    }

    private void updateButtons() {
        List<String> ticked = tickedTables();
        if (!ticked.isEmpty()) {
            push.setText("Push " + ticked.size() + (ticked.size() == 1 ? " table…" : " tables…"));
            push.setDisable(session == null);
            push.setTooltip(new Tooltip("One transaction, parents first: " + String.join(", ", ticked)
                    + (mode.getValue() == PushMode.UPSERT ? " (missing and changed rows)" : " (missing rows)")));
            modeHint.setText("");
            all.setDisable(true);
            return;
        }
        push.setText("Push selected rows…");
        boolean insertOnly = kind.getValue() == RowDiff.Kind.CHANGED && mode.getValue() == PushMode.INSERT_MISSING;
        boolean pushable = current != null && kind.getValue() != RowDiff.Kind.ONLY_IN_LIVE && session != null
                && !insertOnly;
        push.setDisable(!pushable);
        all.setDisable(!pushable);
        modeHint.setText(insertOnly ? "Changed rows are written only in Upsert mode (it overwrites live's values)."
                : "");
        if (!pushable) {
            push.setTooltip(new Tooltip(kind.getValue() == RowDiff.Kind.ONLY_IN_LIVE
                    ? "Rows only in live are never deleted by a push." : insertOnly ? modeHint.getText()
                    : "Compare first and choose a table."));
        } else {
            push.setTooltip(null);
        }
    }

    private void planPush() {
        DiffSession s = session;
        TableDiff d = current;
        if (s != null && !tickedTables().isEmpty()) {
            planTablesPush(s, tickedTables());
            return;
        }
        if (s == null || d == null) {
            return;
        }
        List<List<Value>> keys = null;
        if (!all.isSelected()) {
            keys = new ArrayList<>();
            for (RowItem r : rows.getItems()) {
                if (r.selected.get()) {
                    keys.add(r.diff.key());
                }
            }
            if (keys.isEmpty()) {
                status.setText("Tick the rows to push first (or \"all\").");
                return;
            }
        }
        List<List<Value>> chosen = keys;
        PushMode m = mode.getValue();
        ctx.jobs.job(c -> {
            synchronized (s) {
                return new PushPlanner().plan(s.engine, d.table(), m, chosen, null);
            }
        }).onSuccess(plan -> confirmAndPush(s, plan)).onError(t -> ctx.showError("Preparing the push", t)).start();
    }

    /** Every differing row of the ticked tables, in one plan (the core orders parents first and checks keys). */
    private void planTablesPush(DiffSession s, List<String> ticked) {
        List<dev.lsconsole.push.PushRequest> requests = ticked.stream()
                .map(t -> new dev.lsconsole.push.PushRequest(t, null)).toList();
        PushMode m = mode.getValue();
        PushPlanner.Options options = new PushPlanner.Options(withParents.isSelected(), false);
        ctx.jobs.job(c -> {
            synchronized (s) {
                return new PushPlanner().plan(s.engine, requests, m, null, options);
            }
        }).onSuccess(plan -> confirmAndPush(s, plan)).onError(t -> ctx.showError("Preparing the push", t)).start();
    }

    private void confirmAndPush(DiffSession s, PushPlan plan) {
        Alert confirm = PushDialog.create(ctx.window(), plan, s.target.address());
        ButtonType b = confirm.showAndWait().orElse(ButtonType.CANCEL);
        if (!PushDialog.isWrite(confirm, b)) {
            status.setText("Push cancelled; nothing was written.");
            return;
        }
        push.setDisable(true);
        status.setText("Writing " + plan.rows() + " rows into " + plan.table() + " of " + s.target.address() + "…");
        Pusher pusher = new Pusher(ctx.dataDir);
        // The activity log lists pushes from the audit log (it survives restarts): reloaded once this ends.
        ctx.jobs.job(c -> pusher.push(s.target, plan))
                .onSuccess(r -> pushed(r, pusher))
                .onError(t -> ctx.showError("Push to " + s.target.address(), t))
                .andFinally(() -> {
                    updateButtons();
                    ctx.pushesChanged();
                })
                .start();
    }

    private void pushed(PushResult r, Pusher pusher) {
        Hyperlink undo = new Hyperlink(r.undoScript().toString());
        undo.setId("undo-link");
        undo.setOnAction(e -> dev.lsconsole.ui.common.TextViewer.show(ctx, "Undo script", r.undoScript()));
        Hyperlink audit = new Hyperlink(pusher.auditLog().toString());
        audit.setOnAction(e -> dev.lsconsole.ui.common.TextViewer.show(ctx, "Audit log", pusher.auditLog()));
        Label head = new Label((r.verified() ? "Done: " : r.notVerified() < 0
                ? "Written, but the pushed rows could not be read back (check live): " : "Written, but "
                + r.notVerified() + " rows do not read back as pushed: ") + r.inserts() + " inserts, " + r.updates() + " updates in "
                + r.table() + " of " + r.target() + ".");
        head.setId("push-result");
        head.setWrapText(true);
        VBox box = new VBox(6, head, new Label("Undo script:"), undo, new Label("Audit log:"), audit);
        Alert done = new Alert(r.verified() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
        done.initOwner(ctx.window());
        dev.lsconsole.ui.common.ChildWindows.centerOnOwner(done);
        done.setTitle("Push finished");
        done.setHeaderText(r.verified() ? "Every pushed row reads back from live." : "Check the live database.");
        done.getDialogPane().setContent(box);
        done.getDialogPane().setId("push-done");
        status.setText(head.getText());
        done.show();
        compare();
        ctx.liveWritten(r.target()); // other views compared with the same live database compare again
    }

    /**
     * Turns this pane into the view of what changed between two moments (time travel's "changes"): the
     * restored side is the state at FROM, {@code toDb} the state at TO; it compares at once, the rows are
     * named deleted / inserted / changed, and nothing here can push (TO is a copy, not live).
     */
    public void showWindow(Path toDb, String fromText, String toText) {
        windowView = true;
        missingWord = "Deleted (at FROM, not at TO)";
        onlyWord = "Inserted (at TO, not at FROM)";
        tables.getColumns().get(2).setText("Deleted");
        tables.getColumns().get(3).setText("Inserted");
        tables.getColumns().get(0).setVisible(false);
        address.setText(toDb.toString());
        address.setEditable(false);
        liveChoosers.add(address);
        liveChoosers.add(all);
        liveChoosers.forEach(n -> {
            n.setVisible(false);
            n.setManaged(false);
        });
        for (HBox b : List.of(pushBarBox, tablesBarBox)) {
            b.setVisible(false);
            b.setManaged(false);
        }
        compare.setText("Compare again");
        Label fromTo = (Label) ((HBox) address.getParent()).getChildren().get(0);
        fromTo.setText("FROM " + fromText + " → TO " + toText);
        fromTo.setMinWidth(60); // in a narrow window the sentence gives way, not the button
        HBox.setHgrow(fromTo, Priority.ALWAYS);
        fromTo.setMaxWidth(Double.MAX_VALUE);
        dev.lsconsole.ui.common.Fmt.elided(fromTo);
        compare();
    }

    /** A write to {@code target}: the comparison with it is stale, so it runs again (not while one runs). */
    private void liveWritten(String target) {
        DiffSession s = session;
        if (windowView || s == null || comparing != null || !s.target.address().equals(target)
                || !address.getText().strip().equals(target)) {
            return;
        }
        compare();
    }

    /** Compares with the live address shown (the window's "revert" view starts at once). */
    /** Set by dispose(): the view is gone. */
    private boolean disposed;

    public void compareNow() {
        compare();
    }

    /**
     * The view is closing (its tab went): a compare still running is cancelled, and one that ends anyway
     * closes its session (and deletes its copy of live) instead of showing it.
     */
    public void dispose() {
        disposed = true;
        if (comparing != null) {
            comparing.cancel();
        }
        closeSession();
    }

    /** Closes the comparison in the background: it may wait for a push plan that holds the session. */
    public void closeSession() {
        if (session != null) {
            DiffSession s = session;
            session = null;
            Thread t = new Thread(() -> { // not a daemon: the temp copy of live is deleted even at exit
                try {
                    s.close();
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(DiffPane.class).warn("closing a comparison: {}", e.getMessage());
                }
            }, "close-comparison");
            t.start();
        }
    }
}
