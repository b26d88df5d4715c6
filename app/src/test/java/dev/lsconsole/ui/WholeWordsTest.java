package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.testing.V05Fixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the window shows in a laptop's (1024x700) and the smallest window, read from the text the labels
 * actually lay out (not their text property, nor a tooltip): the counts of a comparison, the times of the
 * timeline's summary, a bisect's two moments, and the restore points' times stay whole.
 */
class WholeWordsTest extends ConsoleHarness {

    @Test
    void theTimelineSummaryKeepsItsTimesAt1024x700() throws Exception {
        size(1024, 700);
        openDemo();
        settle();
        String summary = lookup("#timeline-summary").queryLabeled().getText();
        String times = summary.substring(0, summary.indexOf(" · "));
        assertThat(times).startsWith("Restorable from ");
        assertThat(shown(lookup("#timeline-summary").queryLabeled())).as("the timeline's summary as shown")
                .startsWith(times);
    }

    @Test
    void theDiffSummaryKeepsItsCountsAt1024x700() throws Exception {
        size(1024, 700);
        DemoWorkspace demo = openDemo();
        restoreBeforeAccidentAndCompare(demo);
        settle();
        Labeled status = lookup("#diff-status").queryLabeled();
        assertThat(status.getText()).contains("48 rows missing in live");
        assertThat(shown(status)).as("the compare summary as shown")
                .contains("48 rows missing in live, 0 changed, 1 only in live; 1 table with schema drift")
                .contains("live.db");
        assertThat(status.getTooltip().getText()).as("the whole address in the tooltip")
                .contains(demo.liveDb().toString());
        for (String id : List.of("#push-all-tables", "#with-parents")) {
            Labeled box = lookup(id).queryLabeled();
            assertThat(shown(box)).as(id + " as shown").isEqualTo(box.getText());
        }
    }

    @Test
    void theV05ChainSummaryKeepsItsTimesAt1024x700() throws Exception {
        size(1024, 700);
        java.nio.file.Path replica = V05Fixture.materialize(tmp.resolve("v05"));
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + replica)));
        waitUntil(() -> window.timeline().chosen() != null
                && lookup("#timeline-summary").queryLabeled().getText().contains("restore points, "));
        settle();
        String summary = lookup("#timeline-summary").queryLabeled().getText();
        String times = summary.substring(0, summary.indexOf(" · "));
        assertThat(shown(lookup("#timeline-summary").queryLabeled())).as("the chain's summary as shown")
                .startsWith(times);
    }

    @Test
    void aBisectShowsItsTwoMomentsWholeAt1024x700() throws Exception {
        size(1024, 700);
        DemoWorkspace demo = openDemo();
        restoreBeforeAccidentAndCompare(demo);
        clickOn("SQL");
        interact(() -> lookup("#sql-editor").queryAs(CodeArea.class).replaceText("SELECT count(*) FROM invoices"));
        clickOn("#tt-when-query");
        waitUntil(() -> lookup("#tt-last-good").tryQuery().isPresent());
        settle();
        for (String id : List.of("#tt-last-good", "#tt-first-changed", "#tt-restore-here")) {
            Labeled l = lookup(id).queryLabeled();
            assertThat(shown(l)).as(id + " as shown").isEqualTo(l.getText());
        }
        for (Labeled l : from(lookup("#tt-bisect").queryAs(Node.class)).lookup(".label").queryAllAs(Labeled.class)) {
            assertThat(shown(l)).as("a label of the bisect's answer").doesNotContain("…").doesNotContain("...");
        }
    }

    @Test
    void inTheSmallestWindowTheRestorePointsReadWholeAndTheTreeGivesWay() throws Exception {
        size(640, 440); // the window's minimum size applies
        openDemo();
        settle();
        assertThat(stage.getWidth()).isLessThanOrEqualTo(820);
        TableView<?> points = lookup("#restore-points").queryTableView();
        List<TableCell<?, ?>> cells = new java.util.ArrayList<>();
        for (Node n : points.lookupAll(".table-cell")) {
            TableCell<?, ?> c = (TableCell<?, ?>) n;
            if (c.getTableColumn() == points.getColumns().get(0) && c.getText() != null && !c.getText().isEmpty()
                    && c.isVisible()) {
                cells.add(c);
            }
        }
        assertThat(cells).isNotEmpty();
        for (TableCell<?, ?> c : cells) {
            assertThat(shown(c)).as("a restore point's time as shown").isEqualTo(c.getText());
        }
        Node tree = lookup(".tree-view").query();
        assertThat(tree.getLayoutBounds().getWidth()).as("the tree's width in a %.0f px window", stage.getWidth())
                .isLessThanOrEqualTo(0.3 * stage.getWidth() + 1);
        for (Labeled b : from(lookup("#timeline-view").queryAs(Node.class)).lookup(".button").queryAllAs(Labeled.class)) {
            if (treeVisible(b) && b.getText() != null && !b.getText().isEmpty()) {
                assertThat(shown(b)).as("a timeline button as shown").isEqualTo(b.getText());
            }
        }
        for (Labeled l : from(lookup("#timeline-view").queryAs(Node.class)).lookup(".label").queryAllAs(Labeled.class)) {
            if ("Restore to".equals(l.getText())) {
                assertThat(shown(l)).isEqualTo("Restore to");
            }
        }
        assertThat(lookup("#restore-date").query().getLayoutBounds().getWidth()).isGreaterThan(0);
        assertThat(lookup("#restore-time").queryAs(TextField.class).getWidth()).isGreaterThan(90);
    }

    /** The text a label lays out: its own text, or a cut version of it ending or centred on an ellipsis. */
    static String shown(Labeled l) {
        for (Node n : l.lookupAll(".text")) {
            if (n instanceof javafx.scene.text.Text t && t.getParent() == l
                    && t.getClass().getSimpleName().equals("LabeledText")) {
                return t.getText();
            }
        }
        return "";
    }

    /**
     * A restore running at 1024x700 (its first snapshot GET held back by a loopback proxy in front of S3Proxy):
     * Cancel keeps its word and the progress line its bytes and throughput (tester-4's finding 5).
     */
    @Test
    void aRunningRestoreKeepsCancelAndItsProgressWholeAt1024x700() throws Exception {
        size(1024, 700);
        dev.lsconsole.testing.ReplicaFixture fx = dev.lsconsole.testing.ReplicaFixture.get();
        try (dev.lsconsole.testing.DroppingProxy proxy = dev.lsconsole.testing.DroppingProxy.holding(fx.s3.port(),
                l -> l.startsWith("GET ") && l.contains(".snapshot.lz4"), 1)) {
            ReplicaConfig rc = new ReplicaConfig(null, null, null, "s3://" + dev.lsconsole.testing.ReplicaFixture.BUCKET
                    + "/app.db", null, null, null, null, null, dev.lsconsole.testing.S3Server.KEY,
                    dev.lsconsole.testing.S3Server.SECRET, "us-east-1", null, proxy.endpoint(), true, false,
                    null, null, null, null, null, null, List.of(), List.of());
            interact(() -> window.openReplica(rc));
            waitUntil(() -> window.timeline().chosen() != null
                    && !lookup("#restore-button").queryAs(javafx.scene.control.Button.class).isDisabled());
            clickOn("#restore-button");
            waitUntil(proxy::holds);
            Labeled cancel = lookup("#restore-cancel").queryLabeled();
            Labeled progress = lookup("#restore-progress-text").queryLabeled();
            waitUntil(() -> treeVisible(cancel) && !progress.getText().isEmpty());
            settle();
            assertThat(shown(cancel)).as("Cancel as shown").isEqualTo("Cancel");
            assertThat(progress.getText()).contains(" of ").contains("/s");
            assertThat(shown(progress)).as("the progress line as shown").isEqualTo(progress.getText());
            // the longest line a restore writes (WAL phase, time left) also fits where this one is shown
            String longest = dev.lsconsole.ui.browse.TimelineView.progressLine(new dev.lsconsole.restore.RestoreProgress(
                    dev.lsconsole.restore.RestoreProgress.Phase.WAL, 135L << 20, 386L << 20, 123, 456), 2_000_000_000L);
            interact(() -> {
                progress.textProperty().unbind();
                ((javafx.scene.control.Label) progress).setText(longest);
            });
            settle();
            assertThat(shown(progress)).as("the longest progress line as shown").isEqualTo(longest);
            assertThat(shown(cancel)).as("Cancel as shown").isEqualTo("Cancel");
            clickOn("#restore-cancel");
            proxy.release();
            waitUntil(() -> !treeVisible(cancel));
        }
    }

    /** Six tabs at 1600x1000: the Timeline tab stays in sight without the overflow menu (tester-4's finding 8). */
    @Test
    void withSixTabsAt1600TheTimelineTabStaysInSight() throws Exception {
        openDemo();
        size(1600, 1000); // the screen of Monocle is 1280x800: the window is sized after its buttons were clicked
        javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) lookup(n -> n instanceof javafx.scene.control.TabPane t
                && t.getTabs().stream().anyMatch(x -> "tab-timeline".equals(x.getId()))).query();
        for (int i = 1; i <= 5; i++) {
            int n = i + 1;
            interact(() -> tabs.getSelectionModel().select(0));
            interact(() -> lookup("#restore-button").queryAs(javafx.scene.control.Button.class).fire());
            waitUntil(() -> tabs.getTabs().size() == n && tabs.getSelectionModel().getSelectedIndex() == n - 1);
        }
        settle();
        Node header = tabs.lookup(".tab-header-area");
        Node timeline = tabs.lookupAll(".tab").stream().filter(x -> "tab-timeline".equals(x.getId())).findFirst()
                .orElseThrow();
        javafx.geometry.Bounds area = header.localToScene(header.getLayoutBounds());
        javafx.geometry.Bounds tab = timeline.localToScene(timeline.getLayoutBounds());
        assertThat(tab.getMinX()).as("the Timeline tab's left edge, in sight").isGreaterThanOrEqualTo(area.getMinX() - 1);
        Node last = tabs.lookupAll(".tab").stream().filter(x -> x.getId() == null || !x.getId().equals("tab-timeline"))
                .reduce((a, b) -> b).orElseThrow();
        javafx.geometry.Bounds l = last.localToScene(last.getLayoutBounds());
        assertThat(l.getMaxX()).as("the newest tab, in sight too").isLessThanOrEqualTo(area.getMaxX() + 1);
        Node label = last.lookup(".tab-label");
        String shown = shown((Labeled) label);
        String title = ((Labeled) label).getText();
        assertThat(shown).as("a narrowed title keeps its moment").endsWith(title.substring(title.length() - 6));
        assertThat(tabs.getTabs()).as("each narrowed tab says what it is on hover")
                .allSatisfy(t -> assertThat(t.getTooltip()).isNotNull());
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void size(double w, double h) {
        interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
    }

    private static void settle() {
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
