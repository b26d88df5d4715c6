package dev.lsconsole.ui.common;

import javafx.application.Platform;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Text;

/**
 * A table cell whose column never gets narrower than its text: restore points that differ only in their
 * last digits ("2026-11-25 07:32:12.538" and "…14.274") must not be cut to the same "2026-11-25 07:32:…"
 * in a narrow window. Once laid out (its font and padding known) it raises its column's minimum width.
 */
public final class WholeTextCell<S> extends TableCell<S, String> {
    public static <S> void apply(TableColumn<S, String> column) {
        column.setCellFactory(c -> new WholeTextCell<>());
    }

    @Override
    protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        setText(empty ? null : text);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        TableColumn<S, String> column = getTableColumn();
        if (column == null || getText() == null || getText().isEmpty()) {
            return;
        }
        Text t = new Text(getText());
        t.setFont(getFont());
        double need = Math.ceil(t.getLayoutBounds().getWidth() + snappedLeftInset() + snappedRightInset()) + 4;
        if (need > column.getMinWidth()) {
            Platform.runLater(() -> column.setMinWidth(Math.max(column.getMinWidth(), need)));
        }
    }
}
