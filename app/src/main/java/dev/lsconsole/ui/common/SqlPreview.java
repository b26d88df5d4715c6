package dev.lsconsole.ui.common;

import javafx.application.Platform;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * The read-only view of SQL about to run on a live database (a push's script, an undo script): line
 * numbers and highlighting, long lines wrapped so each row's values are in sight, and opened at its first
 * line (a CodeArea made with its text would otherwise show the end, where the caret is).
 */
public final class SqlPreview {
    /** Larger scripts are cut (a preview only; what runs is the whole script). */
    static final int MAX_CHARS = 200_000;

    private SqlPreview() {
    }

    /** The view of {@code sql}, its area given {@code id}, in a scroll pane of about {@code w} x {@code h}. */
    public static VirtualizedScrollPane<CodeArea> of(String sql, String id, double w, double h) {
        String shown = sql.length() > MAX_CHARS ? sql.substring(0, MAX_CHARS) + "\n…" : sql;
        CodeArea area = new CodeArea(shown);
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().add("sql-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setStyleSpans(0, dev.lsconsole.ui.inspect.SqlConsole.highlight(shown));
        area.moveTo(0);
        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        scroll.setPrefSize(w, h);
        area.sceneProperty().addListener((o, was, scene) -> { // the top once it has a size
            if (scene != null) {
                Platform.runLater(() -> area.showParagraphAtTop(0));
            }
        });
        return scroll;
    }
}
