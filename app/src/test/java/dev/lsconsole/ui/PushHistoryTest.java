package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.ui.common.Activity;
import java.nio.file.Files;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * Undo and audit inside the app: a push is listed in the activity log from the audit log (so it is
 * there after a restart), "Undo push…" shows the undo script, Enter cancels, the explicit button undoes
 * it, the open diff compares again after the push and after the undo, and the push reads as undone in the
 * Outcome column, also after a restart, where it cannot be undone twice.
 */
class PushHistoryTest extends ConsoleHarness {

    @Test
    void aPushIsUndoneFromTheActivityLogAndStaysUndoneAfterARestart() throws Exception {
        DemoWorkspace demo = openDemo();
        List<Long> before = ids(demo.liveDb(), "SELECT id FROM invoices ORDER BY id");
        restoreBeforeAccidentAndCompare(demo);
        long missing = missingInvoices();
        pushFirstTwoRows();
        assertThat(ids(demo.liveDb(), "SELECT id FROM invoices ORDER BY id")).hasSize(before.size() + 2);
        waitUntil(() -> missingInvoices() == missing - 2); // the open diff compares again after a push

        Activity.Entry push = pushEntry();
        assertThat(push.push.undoable()).isTrue();
        assertThat(push.detail.get()).contains("2 rows").contains("invoices");
        @SuppressWarnings("unchecked")
        TableView<Activity.Entry> log = lookup("#activity-log").queryAs(TableView.class);
        interact(() -> log.getSelectionModel().select(push));
        clickOn("#undo-push-button");
        waitUntil(() -> lookup("#undo-confirm").tryQuery().isPresent());
        push(KeyCode.ENTER);
        waitUntil(() -> lookup("#undo-confirm").tryQuery().isEmpty());
        assertThat(ids(demo.liveDb(), "SELECT id FROM invoices ORDER BY id")).as("Enter undid the push")
                .hasSize(before.size() + 2);
        clickOn("#undo-push-button");
        waitUntil(() -> lookup("#undo-confirm").tryQuery().isPresent());
        clickOn("#undo-confirm");
        waitUntil(() -> lookup("#undo-done").tryQuery().isPresent());
        assertThat(((javafx.stage.Stage) lookup("#undo-done").query().getScene().getWindow()).getTitle())
                .isEqualTo("Push undone");
        assertThat(ids(demo.liveDb(), "SELECT id FROM invoices ORDER BY id")).isEqualTo(before);
        waitUntil(() -> missingInvoices() == missing); // and after the undo: it does not show the pushed rows as back
        Activity.Entry undone = pushEntry();
        waitUntil(() -> undone.push.undone());
        assertThat(undone.outcome.get().name()).isEqualTo("UNDONE");
        assertThat(Files.readString(tmp.resolve("data/litestream-console/audit.log"))).contains("\"action\":\"undo\"");

        // a restart: a new window over the same data directory reads the history back
        FxToolkit.setupStage(s -> {
            window.close();
            window = ConsoleApp.create(s, vars::get, tmp.resolve("config/settings.json"), tmp.resolve("console.log"));
        });
        Activity.Entry again = pushEntry();
        assertThat(again.push.undone()).isTrue();
        assertThat(again.detail.get()).startsWith("undone at ").contains("2 rows");
        assertThat(again.outcome.get().name()).as("the Outcome column says the push was undone").isEqualTo("UNDONE");
        interact(() -> lookup("#activity-log").queryAs(TableView.class).getSelectionModel().select(again));
        assertThat(lookup("#undo-push-button").queryAs(Button.class).isDisabled()).isTrue();
    }

    /** The diff's count of invoices missing in live (-1 while it compares). */
    private long missingInvoices() {
        @SuppressWarnings("unchecked")
        TableView<dev.lsconsole.diff.TableDiff> t = lookup("#diff-tables").queryAs(TableView.class);
        return t.getItems().stream().filter(d -> d.table().equals("invoices")).mapToLong(d -> d.missingInLive())
                .findFirst().orElse(-1);
    }

    private Activity.Entry pushEntry() throws Exception {
        @SuppressWarnings("unchecked")
        TableView<Activity.Entry> log = lookup("#activity-log").queryAs(TableView.class);
        waitUntil(() -> log.getItems().stream().anyMatch(e -> e.push != null));
        return log.getItems().stream().filter(e -> e.push != null).findFirst().orElseThrow();
    }
}
