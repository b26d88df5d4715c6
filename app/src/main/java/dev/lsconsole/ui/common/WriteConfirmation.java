package dev.lsconsole.ui.common;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.Region;

/**
 * Every dialog that changes a live database asks the same way, so a reflex key never writes: Cancel is
 * the default button, styled as the primary one and focused when the dialog opens, so Enter and Space
 * cancel; writing needs the write button itself, whose label names the target in full (it wraps,
 * never truncates).
 */
public final class WriteConfirmation {
    public static final String CANCEL_ID = "write-cancel";

    private WriteConfirmation() {
    }

    /** A confirmation with Cancel and a write button labelled {@code writeLabel}, given the id {@code writeId}. */
    public static Alert create(javafx.stage.Window owner, String title, String header, String writeLabel,
                               String writeId) {
        ButtonType write = new ButtonType(writeLabel, ButtonBar.ButtonData.OTHER);
        Alert a = new Alert(Alert.AlertType.WARNING, null, write, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(header);
        Button writeButton = (Button) a.getDialogPane().lookupButton(write);
        Button cancel = (Button) a.getDialogPane().lookupButton(ButtonType.CANCEL);
        writeButton.setId(writeId);
        writeButton.setDefaultButton(false);
        writeButton.setCancelButton(false);
        writeButton.getStyleClass().add("danger");
        writeButton.setWrapText(true);
        writeButton.setMaxWidth(420);
        writeButton.setMinHeight(Region.USE_PREF_SIZE);
        ButtonBar.setButtonUniformSize(writeButton, false);
        cancel.setId(CANCEL_ID);
        cancel.setDefaultButton(true);
        cancel.getStyleClass().add("accent");
        a.setOnShown(e -> Platform.runLater(cancel::requestFocus));
        a.setResultConverter(b -> b);
        a.getDialogPane().getProperties().put("write", write);
        return a;
    }

    /** Whether the dialog was closed with its write button (never by Enter, Space or Escape). */
    public static boolean isWrite(Alert a, ButtonType result) {
        return result == a.getDialogPane().getProperties().get("write");
    }
}
