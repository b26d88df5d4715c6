package dev.lsconsole.ui.inspect;

import dev.lsconsole.sql.Value;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** A grid of SQLite rows (one page at a time): NULLs styled apart from text, long text shortened, Ctrl+C copies rows as SQL values. */
public final class ValueGrid extends TableView<List<Value>> {
    private static final int SHOWN = 200;

    public ValueGrid(String id) {
        setId(id);
        setPlaceholder(new Label("No rows"));
        getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        KeyCombination copy = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        setOnKeyPressed(e -> {
            if (copy.match(e)) {
                StringBuilder sb = new StringBuilder();
                for (List<Value> row : getSelectionModel().getSelectedItems()) {
                    sb.append('(').append(String.join(", ", row.stream().map(Value::literal).toList())).append(")\n");
                }
                ClipboardContent c = new ClipboardContent();
                c.putString(sb.toString());
                Clipboard.getSystemClipboard().setContent(c);
            }
        });
    }

    public void show(List<String> columns, List<List<Value>> rows) {
        List<TableColumn<List<Value>, String>> cols = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int idx = i;
            TableColumn<List<Value>, String> c = new TableColumn<>(columns.get(i));
            c.setCellValueFactory(d -> new ReadOnlyStringWrapper(shown(d.getValue().get(idx))));
            c.setCellFactory(x -> new ValueCell());
            c.setSortable(false);
            c.setPrefWidth(Math.max(80, Math.min(260, columns.get(i).length() * 10 + 40)));
            cols.add(c);
        }
        getColumns().setAll(cols);
        setItems(FXCollections.observableArrayList(rows));
    }

    public static String shown(Value v) {
        String s = v.toString();
        return s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
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

    private static final class ValueCell extends TableCell<List<Value>, String> {
        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            List<Value> row = empty || getTableRow() == null ? null : getTableRow().getItem();
            int idx = getTableView() == null ? -1 : getTableView().getColumns().indexOf(getTableColumn());
            show(this, row == null || idx < 0 || idx >= row.size() ? null : row.get(idx), null);
        }
    }
}
