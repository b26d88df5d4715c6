package dev.lsconsole.ui.error;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The one error window: what happened, what to do, and the details (copyable) behind an expander. */
public final class ErrorDialog {
    private ErrorDialog() {
    }

    public static Alert create(Window owner, String context, Throwable t, Path logFile) {
        Problems.Problem p = Problems.of(t);
        Alert a = new Alert(Alert.AlertType.ERROR, p.todo(), ButtonType.CLOSE);
        a.initOwner(owner);
        dev.lsconsole.ui.common.ChildWindows.centerOnOwner(a);
        a.setTitle(context);
        a.setHeaderText(p.what());
        a.getDialogPane().setId("error-dialog");
        a.getDialogPane().setMinWidth(560);
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        TextArea details = new TextArea(sw.toString());
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(12);
        VBox.setVgrow(details, Priority.ALWAYS);
        Button copy = new Button("Copy details");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(p.what() + "\n" + sw);
            Clipboard.getSystemClipboard().setContent(c);
        });
        HBox bar = new HBox(10, copy, new Label(logFile == null ? "" : "Log: " + logFile));
        a.getDialogPane().setExpandableContent(new VBox(8, details, bar));
        return a;
    }
}
