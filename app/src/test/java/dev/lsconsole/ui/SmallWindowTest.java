package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A laptop-sized window (1024x700) still shows a useful part of the timeline's restore-point table (eight
 * rows or more): the activity log folds into the status bar there, one click from opening, and opens again
 * in a taller window unless the user folded it by hand.
 */
class SmallWindowTest extends ConsoleHarness {

    @Test
    void restorePointTableShowsAtLeastEightRowsAt1024x700() throws Exception {
        interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        openDemo();
        TableView<?> points = lookup("#restore-points").queryTableView();
        waitUntil(() -> points.getItems().size() >= 8 && flow(points) != null && flow(points).getFirstVisibleCell() != null);
        shot("small-window-1024x700");
        assertThat(stage.getScene().getHeight()).isLessThanOrEqualTo(700);
        VirtualFlow<?> flow = flow(points);
        IndexedCell<?> row = flow.getFirstVisibleCell();
        double rows = flow.getHeight() / row.getHeight();
        assertThat(rows).as("rows of the restore-point table that fit (%.0f px flow, %.0f px rows)",
                flow.getHeight(), row.getHeight()).isGreaterThanOrEqualTo(8);

        // the folded activity log is one click away in the status bar, and opens and folds by hand
        assertThat(lookup("#activity-log").tryQuery().map(javafx.scene.Node::isVisible)).isEmpty();
        clickOn("#activity-open");
        waitUntil(() -> lookup("#activity-log").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertThat(lookup("#activity-open").query().isVisible()).isFalse();
        clickOn("#activity-fold");
        waitUntil(() -> lookup("#activity-log").tryQuery().isEmpty() && lookup("#activity-open").query().isVisible());

        // folded, its button names the newest entry: a restore finishing is seen without opening the log
        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        waitUntil(() -> lookup("#activity-open").queryButton().getText().matches("Activity · [0-9:.]+ restore ok"));
        interact(() -> stage.setHeight(800));
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(lookup("#activity-log").tryQuery()).as("folded by hand: stays folded when the window grows").isEmpty();
    }

    /**
     * A window that grows (a window manager maximizing it after it was first laid out small, or the user): the
     * log, unfolded as the window grows, keeps its share of the workspace, with rows in sight, instead of the
     * height it had in the small window or its minimum.
     */
    @Test
    void theActivityLogKeepsItsShareWhenTheWindowGrows() throws Exception {
        interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        openDemo();
        clickOn("#restore-button"); // an entry in the log
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        for (double h : new double[] {760, 820, 900, 1000}) { // grown in steps, as a window manager resizes
            interact(() -> {
                stage.setWidth(1600);
                stage.setHeight(h);
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node dock = lookup("#activity-dock").query();
        javafx.scene.control.SplitPane split = (javafx.scene.control.SplitPane) dock.getParent().getParent();
        assertThat(dock.getLayoutBounds().getHeight()).as("the log's share of the %.0f px workspace",
                split.getHeight()).isGreaterThanOrEqualTo(0.15 * split.getHeight());
        VirtualFlow<?> flow = flow(lookup("#activity-log").queryTableView());
        assertThat(flow.getFirstVisibleCell()).as("a row of the log in sight").isNotNull();
    }

    @Test
    void theActivityLogOpenedByHandInAShortWindowGetsAUsableHeight() throws Exception {
        interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        openDemo();
        clickOn("#restore-button"); // an entry or two in the log
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        clickOn("#activity-open");
        waitUntil(() -> lookup("#activity-log").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        shot("small-window-activity-opened-1024x700");
        javafx.scene.Node dock = lookup("#activity-dock").query();
        javafx.scene.control.SplitPane split = (javafx.scene.control.SplitPane) dock.getParent().getParent();
        TableView<?> log = lookup("#activity-log").queryTableView();
        double logHeight = log.getHeight();
        assertThat(dock.getLayoutBounds().getHeight()).as("the opened log's share of the %.0f px workspace",
                split.getHeight()).isGreaterThanOrEqualTo(0.3 * split.getHeight());
        VirtualFlow<?> flow = flow(log);
        assertThat(flow.getFirstVisibleCell()).isNotNull();
        assertThat(flow.getHeight() / flow.getFirstVisibleCell().getHeight()).as("log rows in sight (%.0f px log)",
                logHeight).isGreaterThanOrEqualTo(3);
        TableView<?> points = lookup("#restore-points").queryTableView();
        assertThat(flow(points).getHeight() / flow(points).getFirstVisibleCell().getHeight())
                .as("the restore points stay in sight").isGreaterThanOrEqualTo(1);
    }

    @Test
    void activityLogIsOpenInATallerWindowAndFoldsWhenItShrinks() throws Exception {
        interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        openDemo();
        waitUntil(() -> lookup("#activity-log").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        interact(() -> stage.setHeight(700));
        waitUntil(() -> lookup("#activity-log").tryQuery().isEmpty() && lookup("#activity-open").query().isVisible());
        interact(() -> stage.setHeight(800));
        waitUntil(() -> lookup("#activity-log").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
    }

    @Test
    void diffAndPushShowRowsAndTheWholePushBarAt1024x700() throws Exception {
        interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        dev.lsconsole.demo.DemoWorkspace demo = openDemo();
        restoreBeforeAccidentAndCompare(demo);
        TableView<?> rows = lookup("#diff-rows").queryTableView();
        waitUntil(() -> flow(rows) != null && flow(rows).getFirstVisibleCell() != null);
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        shot("small-window-diff-1024x700");
        VirtualFlow<?> flow = flow(rows);
        double shown = flow.getHeight() / flow.getFirstVisibleCell().getHeight();
        assertThat(shown).as("differing rows that fit (%.0f px flow)", flow.getHeight()).isGreaterThanOrEqualTo(4);
        TableView<?> tables = lookup("#diff-tables").queryTableView();
        double tablesShown = flow(tables).getHeight() / flow(tables).getFirstVisibleCell().getHeight();
        assertThat(tablesShown).as("tables that fit").isGreaterThanOrEqualTo(2);
        for (String id : List.of("#push-button", "#push-mode")) {
            javafx.geometry.Bounds b = lookup(id).query().localToScene(lookup(id).query().getBoundsInLocal());
            assertThat(b.getMaxY()).as(id + " whole in the window").isLessThanOrEqualTo(stage.getScene().getHeight());
            assertThat(b.getMaxX()).as(id + " whole in the window").isLessThanOrEqualTo(stage.getScene().getWidth());
        }
    }

    private static VirtualFlow<?> flow(TableView<?> t) {
        return (VirtualFlow<?>) t.lookup(".virtual-flow");
    }
}
