package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.ui.common.Activity;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * Undo and audit inside the app: a push is listed in the activity log from the audit log (so it is
 * there after a restart), "Undo push…" shows the undo script, Enter cancels, the explicit button undoes
 * it, and after a restart the push reads as undone and cannot be undone twice.
 */
class PushHistoryTest extends ConsoleHarness {

    @Test
    void aPushIsUndoneFromTheActivityLogAndStaysUndoneAfterARestart() throws Exception {
        DemoWorkspace demo = openDemo();
        List<Long> before = ids(demo.liveDb(), "SELECT id FROM invoices ORDER BY id");
        restoreBeforeAccidentAndCompare(demo);
        List<CheckBox> boxes = new ArrayList<>(from(lookup("#diff-rows")).lookup(".table-row-cell .check-box")
                .queryAllAs(CheckBox.class));
        clickOn(boxes.get(0));
        clickOn(boxes.get(1));
        clickOn("#push-button");
        waitUntil(() -> lookup("#push-confirm").tryQuery().isPresent());
        clickOn("#push-confirm");
        waitUntil(() -> lookup("#push-done").tryQuery().isPresent());
        interact(() -> lookup("#push-done").query().getScene().getWindow().hide());
        assertThat(ids(demo.liveDb(), "SELECT id FROM invoices ORDER BY id")).hasSize(before.size() + 2);

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
        assertThat(ids(demo.liveDb(), "SELECT id FROM invoices ORDER BY id")).isEqualTo(before);
        assertThat(Files.readString(tmp.resolve("data/litestream-console/audit.log"))).contains("\"action\":\"undo\"");

        // a restart: a new window over the same data directory reads the history back
        FxToolkit.setupStage(s -> {
            window.close();
            window = ConsoleApp.create(s, vars::get, tmp.resolve("config/settings.json"), tmp.resolve("console.log"));
        });
        Activity.Entry again = pushEntry();
        assertThat(again.push.undone()).isTrue();
        assertThat(again.detail.get()).contains("undone");
        interact(() -> lookup("#activity-log").queryAs(TableView.class).getSelectionModel().select(again));
        assertThat(lookup("#undo-push-button").queryAs(Button.class).isDisabled()).isTrue();
    }

    private Activity.Entry pushEntry() throws Exception {
        @SuppressWarnings("unchecked")
        TableView<Activity.Entry> log = lookup("#activity-log").queryAs(TableView.class);
        waitUntil(() -> log.getItems().stream().anyMatch(e -> e.push != null));
        return log.getItems().stream().filter(e -> e.push != null).findFirst().orElseThrow();
    }
}
