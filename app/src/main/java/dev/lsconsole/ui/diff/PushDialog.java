package dev.lsconsole.ui.diff;

import dev.lsconsole.push.PushPlan;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;

/**
 * The confirmation before anything is written: which rows, into which table of which live database,
 * the live triggers that fire, and the exact SQL (read-only preview). The write button names the target;
 * Enter and Space cancel (see WriteConfirmation).
 */
final class PushDialog {
    static final String WRITE_ID = "push-confirm";

    private PushDialog() {
    }

    static Alert create(Window owner, PushPlan plan, String address) {
        Alert a = dev.lsconsole.ui.common.WriteConfirmation.create(owner, "Push rows to the live database",
                "Write " + plan.rows() + " rows into " + plan.table() + " of " + address + "?\n"
                + plan.inserts() + " inserts, " + plan.updates() + " updates, mode " + plan.mode().flag
                + ", in one transaction. An undo script is saved first.",
                "Write " + plan.rows() + " rows to", address, WRITE_ID);
        String shown = dev.lsconsole.sql.Scripts.preview(plan.script()); // large values as size and hash
        VirtualizedScrollPane<CodeArea> scroll = dev.lsconsole.ui.common.SqlPreview.of(shown, "push-sql", 760, 320);
        VBox box = new VBox(8);
        for (String w : plan.warnings()) {
            Label l = new Label("⚠ " + w);
            l.getStyleClass().add("warning-text");
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        if (!plan.triggers().isEmpty()) {
            Label t = new Label("Live triggers that will fire: " + String.join("; ",
                    plan.triggers().stream().map(Object::toString).toList()));
            t.setId("push-triggers");
            t.setWrapText(true);
            box.getChildren().add(t);
        }
        box.getChildren().addAll(new Label("SQL sent to sqlite3 on the live database:"), scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        a.getDialogPane().setContent(box);
        a.getDialogPane().setPrefWidth(820);
        return a;
    }

    static boolean isWrite(Alert a, ButtonType result) {
        return dev.lsconsole.ui.common.WriteConfirmation.isWrite(a, result);
    }
}
