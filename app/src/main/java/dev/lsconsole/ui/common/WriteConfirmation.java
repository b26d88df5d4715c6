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
 * cancel; writing needs the write button itself, whose label names the target: on one line, a long path
 * cut in the middle (its start and file name kept, never broken inside a word), in full in its tooltip
 * and in the dialog's header.
 */
public final class WriteConfirmation {
    public static final String CANCEL_ID = "write-cancel";

    private WriteConfirmation() {
    }

    /** The longest target a write button shows whole; a longer one is cut in the middle. */
    static final int TARGET_CHARS = 32; // with its action and Cancel, within the theme's 600 px dialog

    /**
     * A confirmation with Cancel and a write button labelled {@code action} + " " + {@code target}
     * (shortened, see the class comment), given the id {@code writeId}.
     */
    public static Alert create(javafx.stage.Window owner, String title, String header, String action, String target,
                               String writeId) {
        Alert a = create(owner, title, header, action + " " + Fmt.middle(target, TARGET_CHARS), writeId);
        ((Button) a.getDialogPane().lookupButton((ButtonType) a.getDialogPane().getProperties().get("write")))
                .setTooltip(new javafx.scene.control.Tooltip(action + " " + target));
        return a;
    }

    /** A confirmation with Cancel and a write button labelled {@code writeLabel}, given the id {@code writeId}. */
    public static Alert create(javafx.stage.Window owner, String title, String header, String writeLabel,
                               String writeId) {
        ButtonType write = new ButtonType(writeLabel, ButtonBar.ButtonData.OTHER);
        Alert a = new Alert(Alert.AlertType.WARNING, null, write, ButtonType.CANCEL);
        a.initOwner(owner);
        ChildWindows.centerOnOwner(a); // as the other dialogs: never in a corner
        a.setTitle(title);
        a.setHeaderText(header);
        Button writeButton = (Button) a.getDialogPane().lookupButton(write);
        Button cancel = (Button) a.getDialogPane().lookupButton(ButtonType.CANCEL);
        writeButton.setId(writeId);
        writeButton.setDefaultButton(false);
        writeButton.setCancelButton(false);
        writeButton.getStyleClass().add("danger");
        writeButton.setWrapText(false);
        writeButton.setMinWidth(Region.USE_PREF_SIZE); // the dialog widens rather than cut the label
        ButtonBar.setButtonUniformSize(writeButton, false);
        cancel.setId(CANCEL_ID);
        cancel.setDefaultButton(true);
        cancel.getStyleClass().add("accent");
        a.setOnShown(e -> Platform.runLater(cancel::requestFocus));
        a.setResultConverter(b -> b);
        DialogButtons.fitLabels(a);
        a.getDialogPane().getProperties().put("write", write);
        return a;
    }

    /** Whether the dialog was closed with its write button (never by Enter, Space or Escape). */
    public static boolean isWrite(Alert a, ButtonType result) {
        return result == a.getDialogPane().getProperties().get("write");
    }
}
