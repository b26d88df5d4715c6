package dev.lsconsole.ui.common;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.Region;

/**
 * Dialog buttons whose labels are never cut ("Delete 1 copy and ..."): a ButtonBar makes its buttons as
 * wide as the widest, measures them before the theme styles them, and lets a dialog as wide as its content
 * squeeze them. Here, once styled and before the dialog sizes itself, each button is as wide as its own
 * label, and the dialog at least as wide as its buttons. (The theme caps a dialog at 600 px: labels are
 * kept short enough to fit; lifting the cap made dialogs with a scrolling view lose its height on GTK.)
 */
public final class DialogButtons {
    private DialogButtons() {
    }

    /** Call before the dialog is shown. */
    public static void fitLabels(Dialog<?> d) {
        d.addEventHandler(DialogEvent.DIALOG_SHOWING, e -> fit(d.getDialogPane()));
    }

    private static void fit(DialogPane p) {
        p.applyCss();
        double need = p.snappedLeftInset() + p.snappedRightInset() + 12;
        for (ButtonType t : p.getButtonTypes()) {
            if (p.lookupButton(t) instanceof Button b) {
                ButtonBar.setButtonUniformSize(b, false); // uniform: all as wide as the widest, too wide together
                b.setPrefWidth(Region.USE_COMPUTED_SIZE);
                b.setMinWidth(Region.USE_PREF_SIZE);
                need += b.prefWidth(-1) + 12;
            }
        }
        if (p.getMinWidth() < need) {
            p.setMinWidth(need);
        }
    }
}
