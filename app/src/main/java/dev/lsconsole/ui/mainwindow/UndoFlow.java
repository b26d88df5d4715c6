package dev.lsconsole.ui.mainwindow;

import dev.lsconsole.live.LiveTargets;
import dev.lsconsole.push.AuditLog;
import dev.lsconsole.push.Undo;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.WriteConfirmation;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;

/**
 * "Undo this push": the push's undo script shown, confirmed on a dialog where Enter and Space cancel,
 * run on the push's own target in one transaction that first checks the pushed rows are as the push
 * wrote them (else nothing is undone), then audited and listed in the activity log.
 */
final class UndoFlow {
    static final String CONFIRM_ID = "undo-confirm";

    private UndoFlow() {
    }

    static void start(Ctx ctx, AuditLog.Push push) {
        Undo undo = new Undo(ctx.dataDir);
        String script;
        try {
            script = undo.script(push);
        } catch (RuntimeException e) {
            ctx.showError("Undo of the push of " + push.time(), e);
            return;
        }
        Alert confirm = WriteConfirmation.create(ctx.window(), "Undo a push",
                "Undo the push of " + dev.lsconsole.ui.common.Fmt.time(push.time()) + "?\n" + push.summary()
                        + ". It runs only if those rows are still as the push wrote them.",
                "Undo " + push.rows() + " rows in", push.target(), CONFIRM_ID);
        VirtualizedScrollPane<CodeArea> scroll = dev.lsconsole.ui.common.SqlPreview.of(script, "undo-sql", 760, 300);
        VBox box = new VBox(8, new Label("SQL sent to sqlite3 on the live database:"), scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        confirm.getDialogPane().setContent(box);
        if (!WriteConfirmation.isWrite(confirm, confirm.showAndWait().orElse(ButtonType.CANCEL))) {
            return;
        }
        ctx.jobs.job(c -> {
            undo.run(LiveTargets.open(push.target(), ctx.env), push);
            return push;
        }).logged("undo", push.summary(), p -> "undid the push of " + dev.lsconsole.ui.common.Fmt.time(p.time())
                        + ": " + p.summary())
                .onSuccess(p -> {
                    ctx.liveWritten(p.target());
                    Alert done = new Alert(Alert.AlertType.INFORMATION, "The push of "
                            + dev.lsconsole.ui.common.Fmt.time(p.time()) + " is undone: " + p.summary() + ".");
                    done.initOwner(ctx.window());
                    dev.lsconsole.ui.common.ChildWindows.centerOnOwner(done);
                    done.setTitle("Push undone");
                    done.setHeaderText("Undone");
                    done.getDialogPane().setId("undo-done");
                    done.show();
                })
                .onError(t -> ctx.showError("Undo on " + push.target(), t))
                .andFinally(ctx::pushesChanged)
                .start();
    }
}
