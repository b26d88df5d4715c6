package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.testing.StandInApiServer;
import dev.lsconsole.ui.common.Fmt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;

/**
 * The console driven like a person would (headless, Monocle): open the demo, pick a moment before the
 * accident, restore, diff against the demo's live database, tick rows, push, and find them in live;
 * the pod picker over the stand-in API server (a diff through exec); and the error window for a bad
 * config and an unreachable endpoint.
 */
class ConsoleFlowTest extends ConsoleHarness {
    @Test
    void recoversTheDemoRowsThroughTheUi() throws Exception {
        clickOn("#open-demo");
        waitUntil(() -> window.timeline().chosen() != null && !lookup("#restore-points").queryTableView()
                .getItems().isEmpty());
        DemoWorkspace demo = window.demo();
        Path live = demo.liveDb();
        List<Long> missingBefore = ids(live, "SELECT id FROM invoices ORDER BY id");

        var local = demo.beforeAccident().atZone(ZoneId.systemDefault());
        TextField time = lookup("#restore-time").queryAs(TextField.class);
        clickOn(time).push(KeyCode.SHORTCUT, KeyCode.A)
                .write(local.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")));
        waitUntil(() -> window.timeline().chosen().isBefore(demo.accident()));
        shot("timeline");
        String snap = lookup("#restore-snap").queryAs(Label.class).getText();
        assertThat(snap).startsWith("Uses the restore point of");
        assertThat(snap).doesNotContain(Fmt.time(demo.accident()));

        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        assertThat(window.tabTitles()).as("one restore, one tab").hasSize(2);
        assertThat(lookup("#verify-badge").queryAs(Label.class).getText()).isEqualTo("Verified");
        waitUntil(() -> !lookup("#table-list").queryListView().getItems().isEmpty());
        waitUntil(() -> !lookup("#data-grid").queryTableView().getItems().isEmpty());
        shot("restored-data");

        clickOn("SQL");
        clickOn("#sql-editor").push(KeyCode.SHORTCUT, KeyCode.A).write("SELECT plan, count(*) AS invoices, "
                + "sum(amount) FROM invoices JOIN customers ON customers.id = customer_id GROUP BY plan;")
                .push(KeyCode.SHORTCUT, KeyCode.ENTER);
        waitUntil(() -> lookup("#sql-results").queryTableView().getItems().size() >= 2);
        assertThat(lookup("#sql-status").queryAs(Label.class).getText()).contains("rows");
        shot("sql-console");
        clickOn("#sql-editor").push(KeyCode.SHORTCUT, KeyCode.A).write("DELETE FROM invoices")
                .push(KeyCode.SHORTCUT, KeyCode.ENTER);
        waitUntil(() -> lookup("#sql-status").queryAs(Label.class).getText().contains("is opened read-only"));

        clickOn("Diff & push");
        assertThat(lookup("#live-address").queryAs(TextField.class).getText()).isEqualTo(live.toString());
        clickOn("#compare-button");
        waitUntil(() -> !lookup("#diff-tables").queryTableView().getItems().isEmpty()
                && !lookup("#diff-rows").queryTableView().getItems().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<TableDiff> tables = lookup("#diff-tables").queryAs(TableView.class);
        TableDiff invoices = tables.getItems().stream().filter(d -> d.table().equals("invoices")).findFirst()
                .orElseThrow();
        assertThat(invoices.missingInLive()).isGreaterThan(2);
        TableDiff customers = tables.getItems().stream().filter(d -> d.table().equals("customers")).findFirst()
                .orElseThrow();
        assertThat(customers.onlyLiveColumns()).isNotEmpty();
        assertThat(tables.getSelectionModel().getSelectedItem().table()).isEqualTo("invoices");

        List<CheckBox> boxes = new ArrayList<>(from(lookup("#diff-rows")).lookup(".table-row-cell .check-box")
                .queryAllAs(CheckBox.class));
        assertThat(boxes).hasSizeGreaterThan(2);
        clickOn(boxes.get(0));
        clickOn(boxes.get(1));
        shot("diff");
        clickOn("#push-button");
        waitUntil(() -> lookup("#push-confirm").tryQuery().isPresent());
        shot("push-confirm", lookup("#push-confirm").query());
        assertThat(lookup("#push-sql").queryAs(CodeArea.class).getText()).contains("INSERT OR IGNORE")
                .contains("BEGIN IMMEDIATE");
        assertThat(ids(live, "SELECT id FROM invoices ORDER BY id")).isEqualTo(missingBefore);
        clickOn("#push-confirm");
        waitUntil(() -> lookup("#push-done").tryQuery().isPresent());

        List<Long> after = ids(live, "SELECT id FROM invoices ORDER BY id");
        assertThat(after).hasSize(missingBefore.size() + 2).containsAll(missingBefore);
        Path undo = Files.list(tmp.resolve("data/litestream-console/undo")).findFirst().orElseThrow();
        assertThat(Files.readString(undo)).contains("DELETE FROM");
        assertThat(Files.readString(tmp.resolve("data/litestream-console/audit.log"))).contains("ok");
        DialogPane done = lookup("#push-done").queryAs(DialogPane.class);
        assertThat(((Label) done.lookup("#push-result")).getText()).startsWith("Done: 2 inserts");
        shot("push-done", done);
        interact(() -> done.getScene().getWindow().hide());
        waitUntil(() -> window.activityOutcomes().containsAll(List.of("restore OK", "diff OK", "push OK")));
        shot("after-push");
        System.out.println("longest FX-thread stall during the demo flow: " + window.maxFxStallMs() + " ms");

        Path restored = Path.of(lookup("#restored-path").queryAs(Label.class).getText());
        assertThat(restored).exists();
        clickOn("#live-address").push(KeyCode.SHORTCUT, KeyCode.W);
        waitUntil(() -> lookup("#restored-view").tryQuery().isEmpty());
        assertThat(restored).doesNotExist();
        assertThat(restored.getParent()).doesNotExist();
    }

    @Test
    void diffsAgainstAPodChosenInThePodPicker() throws Exception {
        try (StandInApiServer api = new StandInApiServer("prod", "app-0", "app")) {
            vars.put("KUBECONFIG", api.writeKubeconfig(tmp.resolve("kubeconfig")).toString());
            clickOn("#open-demo");
            waitUntil(() -> window.timeline().chosen() != null);
            Path podDb = Files.createDirectories(tmp.resolve("pod")).resolve("app.db");
            Files.copy(window.demo().liveDb(), podDb);
            clickOn("#restore-button");
            waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
            clickOn("Diff & push");
            clickOn("#pick-pod");
            waitUntil(() -> lookup("#pod-namespace").queryComboBox().getItems().contains("prod"));
            assertThat(lookup("#pod-context").queryComboBox().getValue()).isEqualTo("standin");
            interact(() -> lookup("#pod-namespace").queryComboBox().getSelectionModel().select("prod"));
            waitUntil(() -> !lookup("#pod-pod").queryComboBox().getItems().isEmpty());
            interact(() -> lookup("#pod-pod").queryComboBox().getSelectionModel().select(0));
            assertThat(lookup("#pod-container").queryComboBox().getValue()).isEqualTo("app");
            waitUntil(() -> !lookup("#pod-note").queryAs(Label.class).getText().startsWith("Looking"));
            interact(() -> lookup("#pod-db").queryAs(javafx.scene.control.ComboBox.class).getEditor()
                    .setText(podDb.toString()));
            clickOn("#pod-ok");
            waitUntil(() -> lookup("#diff-status").queryAs(Label.class).getText().contains(". Live: "));
            assertThat(lookup("#diff-status").queryAs(Label.class).getText()).contains("rows missing in live")
                    .endsWith(". Live: app-0:app …/" + podDb.getFileName());
            assertThat(lookup("#diff-status").queryAs(Label.class).getTooltip().getText())
                    .startsWith("Compared with k8s://standin@prod/app-0:app" + podDb + ": ")
                    .contains("rows missing in live");
            assertThat(api.execs).isNotEmpty();
        }
    }

    @Test
    void aBadConfigShowsTheErrorWindow() throws Exception {
        Path bad = tmp.resolve("litestream.yml");
        Files.writeString(bad, "dbs:\n  - path: /data/app.db\n    replicas: [ {type: s3, bucket: b\n");
        interact(() -> window.openConfig(bad.toString()));
        DialogPane d = errorDialog();
        assertThat(d.getHeaderText()).contains(bad.toString());
        assertThat(d.getContentText()).contains("configuration");
        interact(() -> d.setExpanded(true));
        shot("error", d);
    }

    @Test
    void anUnreachableEndpointShowsTheErrorWindow() throws Exception {
        int port = freePort();
        ReplicaConfig rc = unreachableReplica(port);
        interact(() -> window.openReplica(rc));
        DialogPane d = errorDialog();
        assertThat(d.getHeaderText()).contains("127.0.0.1:" + port);
        assertThat(d.getContentText()).contains("endpoint");
        assertThat(d.getHeaderText() + d.getContentText()).doesNotContain("not-a-real-secret");
    }
}
