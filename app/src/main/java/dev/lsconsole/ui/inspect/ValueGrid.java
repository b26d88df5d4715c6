package dev.lsconsole.ui.inspect;

import dev.lsconsole.inspect.Csv;
import dev.lsconsole.inspect.GridRow;
import dev.lsconsole.inspect.Inserts;
import dev.lsconsole.inspect.Sort;
import dev.lsconsole.sql.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.text.Text;

/**
 * A grid of SQLite rows (one page at a time) as DB4S users expect it: NULLs styled apart from text, long
 * values shortened, columns fitted to their header and values, a header click asks its owner to sort
 * (in SQL, never the loaded page in memory), double-click or Enter opens the cell viewer, and copying
 * (Ctrl+C, context menu) the cell, the rows or the selection as CSV or SQL INSERT statements.
 */
public final class ValueGrid extends TableView<List<Value>> {
    private static final int SHOWN = 200;
    static final double MIN_WIDTH = 60;
    static final double MAX_WIDTH = 360;

    /** What a grid gets from its owner: values it does not hold in full, the viewer, the export. */
    public interface Source {
        /** Calls {@code then} (on the FX thread) with {@code rows} in full: a grid row may hold cut values. */
        void full(List<List<Value>> rows, Consumer<List<List<Value>>> then);

        void view(List<Value> row, int column);

        void export();
    }

    private Source source;
    private Consumer<Sort> onSort;
    private Sort sorted = Sort.NONE;
    private String tableName = "query";
    private final MenuItem export = new MenuItem("Export to CSV…");

    public ValueGrid(String id) {
        setId(id);
        setPlaceholder(new Label("No rows"));
        setItems(FXCollections.observableArrayList());
        getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        getSelectionModel().setCellSelectionEnabled(true);
        setSortPolicy(t -> {
            sortChanged();
            return true; // the rows stay in the order SQLite gave them
        });
        KeyCombination copy = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (copy.match(e)) {
                e.consume();
                copySelection(false);
            } else if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                viewFocused();
            }
        });
        setContextMenu(menu());
    }

    private ContextMenu menu() {
        MenuItem view = item("View value…", "menu-view", this::viewFocused);
        MenuItem cell = item("Copy cell", "menu-copy-cell", () -> copySelection(false));
        MenuItem rowsCsv = item("Copy rows as CSV", "menu-copy-rows-csv", () -> copyRows(false));
        MenuItem rowsSql = item("Copy rows as SQL INSERT", "menu-copy-rows-sql", () -> copyRows(true));
        MenuItem selCsv = item("Copy selection as CSV", "menu-copy-selection-csv", () -> copySelection(true));
        MenuItem selSql = item("Copy selection as SQL INSERT", "menu-copy-selection-sql", this::copySelectionSql);
        export.setId("menu-export");
        export.setOnAction(e -> {
            if (source != null) {
                source.export();
            }
        });
        return new ContextMenu(view, new SeparatorMenuItem(), cell, rowsCsv, rowsSql, selCsv, selSql,
                new SeparatorMenuItem(), export);
    }

    /** Adds actions of the view that shows this grid at the top of its context menu (time travel). */
    public void addMenuItems(MenuItem... items) {
        ContextMenu m = getContextMenu();
        m.getItems().addAll(0, java.util.List.of(items));
        m.getItems().add(items.length, new SeparatorMenuItem());
    }

    private static MenuItem item(String text, String id, Runnable r) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setOnAction(e -> r.run());
        return m;
    }

    public void setSource(Source source) {
        this.source = source;
    }

    /** Header clicks call {@code onSort} with the new order (columns are not sortable without it). */
    public void sortInSql(Consumer<Sort> onSort) {
        this.onSort = onSort;
    }

    /** The table named in copied INSERT statements. */
    public void setTableName(String name) {
        this.tableName = name;
    }

    public Sort sqlSort() {
        return sorted;
    }

    /** Shows no sort (another table opened: its columns may have the same names). */
    public void resetSort() {
        sorted = Sort.NONE;
        getSortOrder().clear();
    }

    private void sortChanged() {
        Sort now = Sort.NONE;
        if (!getSortOrder().isEmpty()) {
            TableColumn<List<Value>, ?> c = getSortOrder().get(0);
            now = new Sort(c.getText(), c.getSortType() == TableColumn.SortType.DESCENDING);
        }
        if (!now.equals(sorted)) {
            sorted = now;
            if (onSort != null) {
                onSort.accept(now);
            }
        }
    }

    /** Shows a page: keeps the columns (and the sort shown on them) when they are the same. */
    public void show(List<String> columns, List<? extends List<Value>> rows) {
        List<String> current = getColumns().stream().map(TableColumn::getText).toList();
        if (!current.equals(columns)) {
            sorted = Sort.NONE;
            getSortOrder().clear();
            List<TableColumn<List<Value>, String>> cols = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                int idx = i;
                TableColumn<List<Value>, String> c = new TableColumn<>(columns.get(i));
                c.setCellValueFactory(d -> new ReadOnlyStringWrapper(shown(d.getValue().get(idx))));
                c.setCellFactory(x -> new ValueCell());
                c.setSortable(onSort != null);
                cols.add(c);
            }
            getColumns().setAll(cols);
        }
        getItems().setAll(rows); // setItems would clear the sort order (JavaFX does, for lists it cannot sort)
        fit(rows);
    }

    /** Each column as wide as its header and its widest shown value (of the first 100 rows), bounded. */
    private void fit(List<? extends List<Value>> rows) {
        javafx.scene.text.Font font = cellFont();
        for (int i = 0; i < getColumns().size(); i++) {
            double w = textWidth(getColumns().get(i).getText(), font) + 30;
            for (int r = 0; r < Math.min(100, rows.size()); r++) {
                w = Math.max(w, textWidth(shown(rows.get(r).get(i)), font) + 20);
                if (w >= MAX_WIDTH) {
                    break;
                }
            }
            getColumns().get(i).setPrefWidth(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.ceil(w))));
        }
    }

    /**
     * The font the cells are drawn in (the theme's, usually larger than JavaFX's default): read from a
     * shown cell; before any is shown, the scene root's font size, else the default.
     */
    private javafx.scene.text.Font cellFont() {
        if (lookup(".table-row-cell .table-cell") instanceof javafx.scene.control.Labeled l) {
            return l.getFont();
        }
        if (getScene() != null && getScene().getRoot().lookup(".label") instanceof javafx.scene.control.Labeled l) {
            return l.getFont();
        }
        return javafx.scene.text.Font.getDefault();
    }

    private static double textWidth(String s, javafx.scene.text.Font font) {
        Text t = new Text(s.length() > 80 ? s.substring(0, 80) : s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    public static String shown(Value v) {
        String s = v.toString();
        return s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
    }

    private void viewFocused() {
        TablePosition<List<Value>, ?> p = getFocusModel().getFocusedCell();
        if (source != null && p != null && p.getRow() >= 0 && p.getRow() < getItems().size() && p.getColumn() >= 0) {
            source.view(getItems().get(p.getRow()), p.getColumn());
        }
    }

    private List<String> columnNames(List<Integer> cols) {
        return cols.stream().map(i -> getColumns().get(i).getText()).toList();
    }

    /** Selected rows and columns as a rectangle: rows in grid order, columns in grid order. */
    private record Selection(List<List<Value>> rows, List<Integer> columns) {
    }

    private Selection selection() {
        TreeSet<Integer> rows = new TreeSet<>();
        TreeSet<Integer> cols = new TreeSet<>();
        for (TablePosition<?, ?> p : getSelectionModel().getSelectedCells()) {
            rows.add(p.getRow());
            cols.add(p.getColumn() < 0 ? 0 : p.getColumn());
        }
        List<List<Value>> r = rows.stream().filter(i -> i >= 0 && i < getItems().size()).map(getItems()::get).toList();
        return new Selection(r, new ArrayList<>(cols));
    }

    /** One cell: its value as text (NULL as nothing); several cells: CSV without a header. */
    private void copySelection(boolean csv) {
        Selection s = selection();
        if (s.rows.isEmpty()) {
            return;
        }
        withFull(s.rows, full -> {
            List<List<Value>> cells = project(full, s.columns);
            if (!csv && cells.size() == 1 && s.columns.size() == 1) {
                Value v = cells.get(0).get(0);
                put(v.type() == Value.Type.NULL ? "" : v.toString());
            } else {
                put(Csv.text(csv ? columnNames(s.columns) : null, cells));
            }
        });
    }

    private void copySelectionSql() {
        Selection s = selection();
        withFull(s.rows, full -> put(Inserts.of(tableName, columnNames(s.columns), project(full, s.columns))));
    }

    private void copyRows(boolean sql) {
        Selection s = selection();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < getColumns().size(); i++) {
            all.add(i);
        }
        withFull(s.rows, full -> put(sql ? Inserts.of(tableName, columnNames(all), full)
                : Csv.text(columnNames(all), full)));
    }

    private static List<List<Value>> project(List<List<Value>> rows, List<Integer> cols) {
        return rows.stream().map(r -> cols.stream().map(r::get).toList()).toList();
    }

    private void withFull(List<List<Value>> rows, Consumer<List<List<Value>>> then) {
        if (rows.isEmpty()) {
            return;
        }
        boolean cut = rows.stream().anyMatch(r -> r instanceof GridRow g && g.anyCut());
        if (cut && source != null) {
            source.full(rows, then);
        } else {
            then.accept(rows);
        }
    }

    private static void put(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    /**
     * Shows one value in a cell, the same way in every grid: NULL in the muted "null-value" style (never
     * plain text, so it cannot pass for the text 'NULL'); long values shortened, with the whole value
     * as an SQL literal in the tooltip, where NULL and 'NULL' read differently too.
     */
    public static void show(javafx.scene.control.Cell<?> cell, Value v, String tooltipPrefix) {
        cell.getStyleClass().remove("null-value");
        if (v == null) {
            cell.setText(null);
            cell.setTooltip(null);
            return;
        }
        String s = shown(v);
        if (v.type() == Value.Type.NULL) {
            cell.getStyleClass().add("null-value");
        }
        cell.setText(s);
        boolean ambiguous = v.type() == Value.Type.NULL || v.type() == Value.Type.TEXT && s.strip().equalsIgnoreCase("null");
        cell.setTooltip(tooltipPrefix != null || s.endsWith("…") || ambiguous
                ? new Tooltip((tooltipPrefix == null ? "" : tooltipPrefix) + describe(v)) : null);
    }

    /** A value for a tooltip: NULL says it is no value; text is quoted, so 'NULL' is visibly text. */
    public static String describe(Value v) {
        return switch (v.type()) {
            case NULL -> "NULL (no value)";
            case TEXT -> {
                String t = v.toString();
                yield "'" + (t.length() > 2000 ? t.substring(0, 2000) + "…" : t) + "' (text)";
            }
            case BLOB -> shown(v) + " (blob, " + v.bytes().length + " bytes)";
            case INTEGER -> v + " (integer)";
            case REAL -> v + " (real)";
        };
    }

    private final class ValueCell extends TableCell<List<Value>, String> {
        ValueCell() {
            setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !isEmpty() && source != null && getTableRow().getItem() != null) {
                    source.view(getTableRow().getItem(), getTableView().getColumns().indexOf(getTableColumn()));
                }
            });
        }

        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            List<Value> row = empty || getTableRow() == null ? null : getTableRow().getItem();
            int idx = getTableView() == null ? -1 : getTableView().getColumns().indexOf(getTableColumn());
            Value v = row == null || idx < 0 || idx >= row.size() ? null : row.get(idx);
            show(this, v, null);
            if (v != null && row instanceof GridRow g && g.isCut(idx)) {
                setTooltip(new Tooltip("A long " + v.type().name().toLowerCase(java.util.Locale.ROOT)
                        + " value (its first " + v.bytes().length + " bytes here): double-click to view it whole"));
            }
        }
    }
}
