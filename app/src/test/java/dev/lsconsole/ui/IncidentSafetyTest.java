package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.push.PushMode;
import dev.lsconsole.ui.browse.TimelineChart;
import dev.lsconsole.ui.browse.TimelineView;
import dev.lsconsole.ui.common.Fmt;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What must never happen to a tired operator in an incident (issue 9's safety list), each driven through
 * the window: a click just before the accident restores the accident; a reflex key writes to live; a
 * failed open leaves one workspace's timeline under another's tree; "Restore to…" uses another moment
 * than Restore; the push mode changes by itself; NULL reads like the text 'NULL'.
 */
class IncidentSafetyTest extends ConsoleHarness {

    @Test
    void aClickJustBeforeTheAccidentUsesThePointBeforeItAndArrowsStepPointByPoint() throws Exception {
        DemoWorkspace demo = openDemo();
        TimelineChart chart = lookup("#timeline-chart").queryAs(TimelineChart.class);
        Instant clicked = demo.accident().minusMillis(500);
        Point2D at = chart.screenPointOf(clicked);
        clickOn(at);
        waitUntil(() -> window.timeline().chosen() != null && !window.timeline().chosen().equals(chart.floor(
                demo.accident().plusSeconds(600))));
        Instant chosen = window.timeline().chosen();
        assertThat(chosen).as("a click means the state at that instant").isBeforeOrEqualTo(clicked)
                .isBefore(demo.accident()).isEqualTo(chart.floor(chosen));
        assertThat(lookup("#restore-snap").queryAs(Label.class).getText()).startsWith("Uses the restore point of");

        Instant before = chosen;
        push(KeyCode.RIGHT);
        waitUntil(() -> window.timeline().chosen().isAfter(before));
        Instant next = window.timeline().chosen();
        assertThat(chart.floor(next.minusNanos(1))).isEqualTo(before);
        push(KeyCode.LEFT);
        waitUntil(() -> window.timeline().chosen().equals(before));
    }

    @Test
    void enterAndSpaceNeverWriteAndTheWriteButtonShowsItsWholeLabel() throws Exception {
        DemoWorkspace demo = openDemo();
        restoreBeforeAccidentAndCompare(demo);
        List<Long> liveBefore = ids(demo.liveDb(), "SELECT id FROM invoices ORDER BY id");
        List<CheckBox> boxes = new ArrayList<>(from(lookup("#diff-rows")).lookup(".table-row-cell .check-box")
                .queryAllAs(CheckBox.class));
        clickOn(boxes.get(0));
        for (KeyCode reflex : new KeyCode[] {KeyCode.ENTER, KeyCode.SPACE}) {
            clickOn("#push-button");
            waitUntil(() -> lookup("#push-confirm").tryQuery().isPresent());
            Button write = lookup("#push-confirm").queryAs(Button.class);
            Button cancel = lookup("#write-cancel").queryAs(Button.class);
            assertThat(cancel.isDefaultButton()).isTrue();
            assertThat(write.isDefaultButton()).isFalse();
            Text shown = (Text) write.lookup(".text");
            String live = demo.liveDb().toString();
            assertThat(shown.getText()).as("the label is shown whole, on one line, naming the target")
                    .isEqualTo(write.getText()).startsWith("Write 1 rows to ").endsWith("/" + demo.liveDb()
                            .getFileName());
            assertThat(write.getTooltip().getText()).as("the target in full").endsWith(live);
            assertThat(lookup("#push-confirm").query().getScene().getRoot().lookup(".dialog-pane"))
                    .extracting(n -> ((javafx.scene.control.DialogPane) n).getHeaderText()).asString().contains(live);
            push(reflex);
            waitUntil(() -> lookup("#push-confirm").tryQuery().isEmpty());
            assertThat(ids(demo.liveDb(), "SELECT id FROM invoices ORDER BY id")).as(reflex + " wrote to live")
                    .isEqualTo(liveBefore);
            assertThat(lookup("#diff-status").queryAs(Label.class).getText()).contains("nothing was written");
        }
    }

    @Test
    void aFailedOpenNeverLeavesTheOldTimelineUnderAnotherTree() throws Exception {
        // a failed open leaves the workspace whole (README): the tree, and the timeline of the replica chosen in it
        openDemo();
        assertThat(lookup("#restore-button").queryAs(Button.class).isDisabled()).isFalse();
        java.time.Instant chosen = window.timeline().chosen();
        javafx.scene.control.TreeView<dev.lsconsole.ui.browse.ReplicaTree.Node> tree = lookup("#replica-tree")
                .queryAs(javafx.scene.control.TreeView.class);
        var root = tree.getRoot();
        int port = freePort();
        ReplicaConfig rc = unreachableReplica(port);
        interact(() -> window.openReplica(rc));
        errorDialog();
        assertThat(tree.getRoot()).as("the demo's tree").isSameAs(root);
        assertThat(tree.getSelectionModel().getSelectedItem().getValue()).isInstanceOfSatisfying(
                dev.lsconsole.ui.browse.ReplicaTree.Gen.class,
                g -> assertThat(g.replica()).as("the timeline's replica is the tree's").isSameAs(window.timeline().replica()));
        assertThat(window.timeline().chosen()).isEqualTo(chosen);
        assertThat(lookup("#restore-button").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void restoringTheSamePointTwiceGivesTwoTabsThatSayWhereTheyCameFrom() throws Exception {
        openDemo();
        for (int i = 0; i < 2; i++) {
            clickOn("#tab-timeline");
            clickOn("#restore-button");
            int n = i + 1;
            waitUntil(() -> window.tabTitles().size() == n + 1);
        }
        List<String> titles = window.tabTitles();
        assertThat(titles).doesNotHaveDuplicates().hasSize(3);
        assertThat(titles.get(2)).endsWith("(2)");
    }

    @Test
    void aPointAfterTheMarkedAccidentIsSaidToBeAfterIt() throws Exception {
        DemoWorkspace demo = openDemo();
        TextField time = lookup("#restore-time").queryAs(TextField.class);
        Label snap = lookup("#restore-snap").queryAs(Label.class);
        DateTimeFormatter seconds = DateTimeFormatter.ofPattern("HH:mm:ss");
        // the accident's own second: a typed second means its last point, which the demo has after the accident
        clickOn(time).push(KeyCode.SHORTCUT, KeyCode.A).write(demo.accident().atZone(ZoneId.systemDefault())
                .toLocalTime().format(seconds));
        waitUntil(() -> snap.getText().startsWith("Uses the restore point"));
        assertThat(window.timeline().chosen()).isAfter(demo.accident());
        assertThat(snap.getText()).endsWith("It is after the accident (" + Fmt.time(demo.accident()) + ").");
        clickOn(time).push(KeyCode.SHORTCUT, KeyCode.A).write(demo.accident().minusSeconds(1)
                .atZone(ZoneId.systemDefault()).toLocalTime().format(seconds));
        waitUntil(() -> snap.getText().startsWith("Uses the restore point") && !snap.getText().contains("accident"));
    }

    @Test
    void enterInTheTimeFieldRestoresAndCtrlQAsksAboutTheCopyBeforeQuitting() throws Exception {
        DemoWorkspace demo = openDemo();
        TextField time = lookup("#restore-time").queryAs(TextField.class);
        String typed = demo.accident().minusSeconds(2).atZone(ZoneId.systemDefault()).toLocalTime()
                .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        clickOn(time).push(KeyCode.SHORTCUT, KeyCode.A).write(typed).push(KeyCode.ENTER);
        waitUntil(() -> window.tabTitles().size() == 2);
        push(KeyCode.SHORTCUT, KeyCode.Q);
        waitUntil(() -> lookup("#close-confirm").tryQuery().isPresent());
        clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).as("Cancel stays").isTrue();
        assertThat(window.tabTitles()).hasSize(2);
    }

    @Test
    void oneValidatedMomentForRestoreAndRestoreTo() throws Exception {
        DemoWorkspace demo = openDemo();
        TextField time = lookup("#restore-time").queryAs(TextField.class);
        clickOn(time).push(KeyCode.SHORTCUT, KeyCode.A).write("25:99");
        waitUntil(() -> lookup("#restore-snap").queryAs(Label.class).getText().startsWith("Not a time"));
        assertThat(lookup("#restore-button").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(lookup("#restore-to-button").queryAs(Button.class).isDisabled()).as("Restore to… uses the same moment")
                .isTrue();

        Instant tenths = demo.accident().minusMillis(1500);
        tenths = tenths.minusNanos(tenths.getNano() % 100_000_000L);
        String typed = tenths.atZone(ZoneId.systemDefault()).toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm:ss.S"));
        clickOn(time).push(KeyCode.SHORTCUT, KeyCode.A).write(typed);
        // a typed tenth means the whole tenth as shown: its last instant (TypedMoment), planned at once
        Instant want = tenths.plusMillis(100).minusNanos(1);
        waitUntil(() -> want.equals(window.timeline().chosen()));
        assertThat(lookup("#restore-to-button").queryAs(Button.class).isDisabled()).isFalse();

        // before the first restore point: named as typed (not as the end of its second), with the first point
        @SuppressWarnings("unchecked")
        TableView<TimelineView.Point> points = lookup("#restore-points").queryAs(TableView.class);
        Instant first = points.getItems().stream().map(TimelineView.Point::time).min(Instant::compareTo).orElseThrow();
        String early = first.minusSeconds(2).atZone(ZoneId.systemDefault()).toLocalTime()
                .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        clickOn(time).push(KeyCode.SHORTCUT, KeyCode.A).write(early);
        waitUntil(() -> lookup("#restore-snap").queryAs(Label.class).getText().startsWith("No restore point"));
        assertThat(lookup("#restore-snap").queryAs(Label.class).getText())
                .matches("No restore point at or before \\d{4}-\\d\\d-\\d\\d " + early
                        + ": the first is at .*" + Fmt.CLOCK.format(first) + "\\.");
        assertThat(lookup("#restore-to-button").queryAs(Button.class).isDisabled()).isTrue();

        TextField day = lookup("#restore-date").lookup(".text-field").queryAs(TextField.class);
        clickOn(day).push(KeyCode.SHORTCUT, KeyCode.A).write("2026-13-45");
        waitUntil(() -> lookup("#restore-snap").queryAs(Label.class).getText().startsWith("Not a date"));
        assertThat(lookup("#restore-to-button").queryAs(Button.class).isDisabled()).isTrue();

        // leaving the field changes nothing; a date typed later is used without a note about this one
        push(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        String kept = lookup("#restore-snap").queryAs(Label.class).getText();
        assertThat(kept).as("what the field shows is what the sentence judges").startsWith("Not a date: " + day.getText());
        assertThat(lookup("#restore-button").queryAs(Button.class).isDisabled()).isTrue();
        String next = demo.accident().atZone(ZoneId.systemDefault()).toLocalDate().plusDays(1).toString();
        clickOn(day).push(KeyCode.SHORTCUT, KeyCode.A).write(next);
        waitUntil(() -> lookup("#restore-snap").queryAs(Label.class).getText().contains("Uses the restore point"));
        assertThat(lookup("#restore-snap").queryAs(Label.class).getText()).startsWith("Uses the restore point");
    }

    @Test
    void thePushModeNeverChangesByItselfAndNullNeverReadsLikeText() throws Exception {
        DemoWorkspace demo = openDemo();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + demo.liveDb())) {
            // restored has NULL here; live gets the text 'NULL': a changed row that must not look unchanged
            c.createStatement().executeUpdate("UPDATE invoices SET note = 'NULL' WHERE id = 2 AND note IS NULL");
        }
        restoreBeforeAccidentAndCompare(demo);
        @SuppressWarnings("unchecked")
        ChoiceBox<PushMode> mode = lookup("#push-mode").queryAs(ChoiceBox.class);
        @SuppressWarnings("unchecked")
        ChoiceBox<RowDiff.Kind> kind = lookup("#row-kind").queryAs(ChoiceBox.class);
        assertThat(mode.getValue()).isEqualTo(PushMode.INSERT_MISSING);
        interact(() -> kind.setValue(RowDiff.Kind.CHANGED));
        waitUntil(() -> !lookup("#diff-rows").queryTableView().getItems().isEmpty());
        assertThat(mode.getValue()).as("viewing changed rows is not a choice to overwrite them")
                .isEqualTo(PushMode.INSERT_MISSING);
        assertThat(lookup("#push-button").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(lookup("#mode-hint").queryAs(Label.class).getText()).contains("Upsert");

        TableCell<?, ?> changed = from(lookup("#diff-rows")).lookup(".changed-cell").queryAs(TableCell.class);
        assertThat(changed.getStyleClass()).contains("null-value");
        assertThat(changed.getTooltip().getText()).contains("restored: NULL (no value)").contains("live: 'NULL' (text)");
    }

    @Test
    void theOpenReplicaDialogExplainsWebAddressesAndRemembersItsValuesTheSecretOnlyInMemory() throws Exception {
        clickOn("#open-url");
        waitUntil(() -> lookup("#replica-url").tryQuery().isPresent());
        TextField url = lookup("#replica-url").queryAs(TextField.class);
        waitUntil(url::isFocused);
        clickOn(url).write("https://acct.r2.cloudflarestorage.com/backups");
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = lookup("#replica-url-problem").queryAs(Label.class);
        assertThat(problem.getText()).as(url.getText()).contains("Endpoint");
        assertThat(lookup("OK").queryAs(Button.class).isDisabled()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problem.getHeight()).as("the whole reason shows, not its first line")
                .isGreaterThanOrEqualTo(problem.prefHeight(problem.getWidth()) - 1);
        for (String[] bad : new String[][] {{"ftp://host/x", "no replica type"}, {"s3://", "Give the bucket"},
                {"s3:///app.db", "Give the bucket"}, {"gcs://bucket/db", "not supported yet"}}) {
            clickOn(url).push(KeyCode.SHORTCUT, KeyCode.A).write(bad[0]);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(problem.getText()).as(bad[0]).contains(bad[1]);
            assertThat(lookup("OK").queryAs(Button.class).isDisabled()).as(bad[0]).isTrue();
        }
        clickOn(url).push(KeyCode.SHORTCUT, KeyCode.A).write("s3://backups/app.db");
        clickOn("#replica-endpoint").write("http://127.0.0.1:9");
        clickOn(lookup(".password-field").queryAs(TextField.class)).write("s3cr3t-never-saved");
        clickOn("OK");
        errorDialog();
        interact(() -> lookup("#error-dialog").queryAs(javafx.scene.control.DialogPane.class).getScene().getWindow()
                .hide());
        clickOn("#open-url");
        waitUntil(() -> lookup("#replica-url").tryQuery().isPresent());
        assertThat(lookup("#replica-url").queryAs(TextField.class).getText()).isEqualTo("s3://backups/app.db");
        assertThat(lookup("#replica-endpoint").queryAs(TextField.class).getText()).isEqualTo("http://127.0.0.1:9");
        // the secret comes back for the retry (kept in memory for the session), but is never written to disk
        assertThat(lookup(".password-field").queryAs(TextField.class).getText()).isEqualTo("s3cr3t-never-saved");
        clickOn("Cancel");
        Thread.sleep(700); // the settings file is written 0.5 s after the last change
        java.nio.file.Path settings = tmp.resolve("config/settings.json");
        assertThat(java.nio.file.Files.readString(settings)).contains("s3://backups/app.db").doesNotContain("s3cr3t");
    }
}
