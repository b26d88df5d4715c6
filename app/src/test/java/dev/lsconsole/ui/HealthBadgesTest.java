package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.testing.SnapshotsReplica;
import dev.lsconsole.testing.TwoWriters;
import dev.lsconsole.ui.health.HealthView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import org.junit.jupiter.api.Test;

/**
 * Health in the main window, from the background check a workspace gets when it opens: a badge per
 * replica in the tree (the demo is ok), a flag on the timeline's lane of each generation another writer
 * interleaved with (two real litestream processes on one path), and verify's restorable windows in the
 * Health view (a real replica split by a deleted segment, with a later snapshot).
 */
class HealthBadgesTest extends ConsoleHarness {

    private String badge() {
        return lookup(".health-badge").tryQuery().map(n -> ((Label) n).getText()).orElse(null);
    }

    private String badgeTooltip() {
        TreeCell<?> cell = (TreeCell<?>) lookup(".health-badge").query().getParent().getParent();
        return cell.getTooltip() == null ? null : cell.getTooltip().getText();
    }

    @Test
    void theDemoWorkspaceIsOk() throws Exception {
        openDemo();
        waitUntil(() -> badge() != null);
        assertThat(badge()).isEqualTo("ok");
        assertThat(badgeTooltip()).contains("no problems");
    }

    @Test
    void twoWritersFailTheBadgeAndFlagBothLanes() throws Exception {
        Path replica = TwoWriters.replica(tmp);
        List<String> gens = TwoWriters.generations(replica);
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + replica)));
        waitUntil(() -> badge() != null && window.timeline().chosen() != null);
        assertThat(badge()).isEqualTo("fail");
        assertThat(badgeTooltip()).startsWith("concurrent-writers");
        waitUntil(() -> window.timeline().lanes().flag(gens.get(0)) != null);
        assertThat(window.timeline().lanes().flag(gens.get(0))).contains(gens.get(1));
        assertThat(window.timeline().lanes().flag(gens.get(1))).contains(gens.get(0));
    }

    @Test
    void verifyShowsEveryRestorableWindow() throws Exception {
        Path copy = SnapshotsReplica.get().copy(tmp.resolve("replica"));
        List<Path> snaps = SnapshotsReplica.snapshots(copy);
        List<Path> segs = SnapshotsReplica.walSegments(copy);
        int last = SnapshotsReplica.index(snaps.get(snaps.size() - 1));
        int i = 1;
        while (!(SnapshotsReplica.index(segs.get(i)) < last
                && SnapshotsReplica.index(segs.get(i - 1)) == SnapshotsReplica.index(segs.get(i))
                && SnapshotsReplica.index(segs.get(i + 1)) == SnapshotsReplica.index(segs.get(i)))) {
            i++;
        }
        Files.delete(segs.get(i));
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + copy)));
        waitUntil(() -> window.timeline().chosen() != null);
        clickOn("#health-button");
        waitUntil(() -> lookup("#health-status").tryQuery().isPresent()
                && !lookup("#health-status").queryAs(Label.class).getText().endsWith("…"));
        clickOn("#health-verify");
        HealthView view = lookup("#health-view").queryAs(HealthView.class);
        waitUntil(() -> lookup("#health-status").queryAs(Label.class).getText().equals("FAIL"));
        String gen = copy.relativize(segs.get(i)).getName(1).toString();
        assertThat(view.windowsText().lines().filter(l -> l.contains("generation " + gen)).count())
                .as(view.windowsText()).isEqualTo(2);
        assertThat(view.windowsText()).contains("ends before");
    }
}
