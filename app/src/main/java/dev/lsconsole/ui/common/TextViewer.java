package dev.lsconsole.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * Shows a text file the console wrote (an undo script, the audit log) inside the app, read-only, so the
 * links to them always open something, whatever the desktop has installed. Large files show their
 * first {@value #MAX_CHARS} characters.
 */
public final class TextViewer {
    static final int MAX_CHARS = 2 << 20;

    private TextViewer() {
    }

    public static void show(Ctx ctx, String title, Path file) {
        show(ctx, title, file, null);
    }

    /** The audit log; before the first push it does not exist yet, and the window says so and where it will be. */
    public static void showAuditLog(Ctx ctx, Path file) {
        show(ctx, "Audit log", file, "No push has been made yet: the audit log is empty.\nThe first push "
                + "creates it, here:\n" + file + "\n");
    }

    /** {@code whenAbsent}: the text shown when {@code file} does not exist (null: that is an error). */
    private static void show(Ctx ctx, String title, Path file, String whenAbsent) {
        String text;
        if (whenAbsent != null && !Files.exists(file)) {
            text = whenAbsent;
        } else {
            text = read(ctx, file);
            if (text == null) {
                return;
            }
        }
        open(ctx, title, file, text);
    }

    /** The file's text (its head if large), or null after showing why it cannot be read. */
    private static String read(Ctx ctx, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAX_CHARS);
            return new String(head, StandardCharsets.UTF_8) + (in.read() >= 0 ? "\n… (only the first "
                    + Fmt.bytes(MAX_CHARS) + " are shown; the whole file is " + file + ")" : "");
        } catch (IOException e) {
            ctx.showError("Opening " + file, new java.io.UncheckedIOException("cannot read " + file + ": "
                    + e.getMessage(), e));
            return null;
        }
    }

    private static void open(Ctx ctx, String title, Path file, String text) {
        CodeArea area = new CodeArea(text);
        area.setId("text-viewer");
        area.setEditable(false);
        area.getStyleClass().add("sql-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        if (file.toString().endsWith(".sql") && text.length() < 200_000) {
            area.setStyleSpans(0, dev.lsconsole.ui.inspect.SqlConsole.highlight(text));
        }
        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        scroll.setPrefSize(820, 420);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        ButtonType copy = new ButtonType("Copy path", ButtonBar.ButtonData.LEFT);
        ButtonType folder = new ButtonType("Open folder", ButtonBar.ButtonData.LEFT);
        Alert a = new Alert(Alert.AlertType.NONE, null, copy, folder, ButtonType.CLOSE);
        a.initOwner(ctx.window());
        ChildWindows.centerOnOwner(a);
        a.setTitle(title);
        a.setHeaderText(title + ": " + file);
        a.getDialogPane().setContent(new VBox(6, new Label("Read-only view"), scroll));
        a.getDialogPane().setId("text-viewer-dialog");
        a.setResizable(true);
        a.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(file.toString());
            Clipboard.getSystemClipboard().setContent(c);
            e.consume();
        });
        a.getDialogPane().lookupButton(folder).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ctx.open(file.getParent());
            e.consume();
        });
        a.show();
    }
}
