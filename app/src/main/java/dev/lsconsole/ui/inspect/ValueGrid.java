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

/** A grid of SQLite rows (one page at a time): NULLs muted, long text shortened, Ctrl+C copies rows as SQL values. */
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

    private static final class ValueCell extends TableCell<List<Value>, String> {
        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().remove("null-value");
            if (empty || s == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            List<Value> row = getTableRow() == null ? null : getTableRow().getItem();
            int idx = getTableView().getColumns().indexOf(getTableColumn());
            Value v = row == null || idx < 0 ? null : row.get(idx);
            if (v != null && v.type() == Value.Type.NULL) {
                getStyleClass().add("null-value");
            }
            setText(s);
            setTooltip(s.endsWith("…") && v != null ? new Tooltip(v.toString()) : null);
        }
    }
}
