package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.ui.browse.ReplicaTree;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A node deep in the tree (a WAL index of a generation) still belongs to its replica and database: Health…
 * checks that replica, and a restore made with it selected compares with the database's live file; the
 * first things a new user does before any push (the audit log, the activity button on the welcome screen)
 * show something sensible.
 */
class InsideAReplicaTest extends ConsoleHarness {

    @Test
    void healthWithAWalIndexSelectedChecksItsReplicaAndTheLagFieldIsWide() throws Exception {
        openDemo();
        selectAWalIndex();
        clickOn("#health-button");
        waitUntil(() -> lookup("#health-view").tryQuery().isPresent());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#status-line").queryLabeled().getText()).doesNotContain("Choose a replica");
        TextField lag = lookup("#health-max-lag").queryAs(TextField.class);
        assertThat(lag.getWidth()).as("the empty lag limit field's width").isGreaterThanOrEqualTo(60);
    }

    @Test
    void aRestoreMadeWithAWalIndexSelectedComparesWithTheDemosLiveDatabase() throws Exception {
        DemoWorkspace demo = openDemo();
        selectAWalIndex();
        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        clickOn("Diff & push");
        assertThat(lookup("#live-address").queryAs(TextField.class).getText()).isEqualTo(demo.liveDb().toString());
    }

    @Test
    void theAuditLogBeforeAnyPushSaysSoAndWhereItWillBe() throws Exception {
        interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        openDemo();
        waitUntil(() -> lookup("#audit-log-button").tryQuery().map(Node::isVisible).orElse(false));
        clickOn("#audit-log-button");
        waitUntil(() -> lookup("#text-viewer").tryQuery().isPresent() || lookup("#error-dialog").tryQuery().isPresent());
        assertThat(lookup("#error-dialog").tryQuery()).isEmpty();
        String text = lookup("#text-viewer").queryAs(CodeArea.class).getText();
        assertThat(text).contains("No push has been made yet")
                .contains(tmp.resolve("data").resolve("litestream-console").resolve("audit.log").toString());
        interact(() -> lookup("#text-viewer").query().getScene().getWindow().hide());
    }

    @Test
    void theActivityButtonOnTheWelcomeScreenKeepsTheStatusBarAndShowsTheLog() throws Exception {
        interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        waitUntil(() -> lookup("#activity-open").query().isVisible());
        clickOn("#activity-open");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Node status = lookup("#status-line").query();
        javafx.geometry.Bounds b = status.localToScene(status.getLayoutBounds());
        double h = stage.getScene().getHeight();
        assertThat(b.getMinY()).as("the status line's top in a %.0f px scene", h).isLessThan(h);
        assertThat(b.getMaxY()).as("the status line's bottom in a %.0f px scene", h).isLessThanOrEqualTo(h + 1);
        Node log = lookup("#activity-log").query();
        assertThat(treeVisible(log)).as("the activity log is shown").isTrue();
        javafx.geometry.Bounds lb = log.localToScene(log.getLayoutBounds());
        assertThat(lb.getHeight()).as("the log's height").isGreaterThan(40);
        assertThat(lb.getMaxY()).isLessThanOrEqualTo(h + 1);

        // the workspace takes the welcome screen's place; the log opened there does not crowd the timeline
        openDemo();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#empty-state").tryQuery()).isEmpty();
        javafx.scene.control.TableView<?> points = lookup("#restore-points").queryTableView();
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) points.lookup(".virtual-flow");
        waitUntil(() -> flow.getFirstVisibleCell() != null);
        assertThat(flow.getHeight() / flow.getFirstVisibleCell().getHeight()).as("restore points in sight")
                .isGreaterThanOrEqualTo(8);
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void selectAWalIndex() throws Exception {
        TreeView<ReplicaTree.Node> tree = lookup("#replica-tree").queryAs(TreeView.class);
        TreeItem<ReplicaTree.Node>[] gen = new TreeItem[1];
        waitUntil(() -> (gen[0] = find(tree.getRoot(), ReplicaTree.Gen.class)) != null);
        interact(() -> gen[0].setExpanded(true));
        TreeItem<ReplicaTree.Node>[] wal = new TreeItem[1];
        waitUntil(() -> {
            for (TreeItem<ReplicaTree.Node> c : gen[0].getChildren()) {
                if (c.getValue() instanceof ReplicaTree.Group g && !g.snapshots()) {
                    wal[0] = c;
                }
            }
            return wal[0] != null;
        });
        interact(() -> wal[0].setExpanded(true));
        waitUntil(() -> !wal[0].getChildren().isEmpty() && wal[0].getChildren().get(0).getValue()
                instanceof ReplicaTree.Leaf);
        TreeItem<ReplicaTree.Node> leaf = wal[0].getChildren().get(wal[0].getChildren().size() - 1);
        interact(() -> tree.getSelectionModel().select(leaf));
        assertThat(tree.getSelectionModel().getSelectedItem().getValue()).isInstanceOf(ReplicaTree.Leaf.class);
    }

    private static TreeItem<ReplicaTree.Node> find(TreeItem<ReplicaTree.Node> item, Class<?> kind) {
        if (item == null) {
            return null;
        }
        if (kind.isInstance(item.getValue())) {
            return item;
        }
        for (TreeItem<ReplicaTree.Node> c : item.getChildren()) {
            TreeItem<ReplicaTree.Node> f = find(c, kind);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
