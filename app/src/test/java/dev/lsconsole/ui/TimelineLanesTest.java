package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.restore.RestoreProgress;
import dev.lsconsole.testing.ReplicaFixture;
import dev.lsconsole.ui.browse.GenerationLanes;
import dev.lsconsole.ui.browse.TimelineView;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * All generations on one axis (a restart is seen, not read from tree labels), a click on a lane shows
 * that generation, and the restore's progress line says how much, how fast and how long.
 */
class TimelineLanesTest extends ConsoleHarness {

    @Test
    void everyGenerationHasALaneAndAClickShowsIt() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get(); // two generations made by the real litestream
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + fx.fileReplica)));
        GenerationLanes lanes = lookup("#generation-lanes").queryAs(GenerationLanes.class);
        waitUntil(() -> lanes.lanes().size() == 2 && lanes.isVisible() && window.timeline().chosen() != null);
        List<GenerationBounds> gens = lanes.lanes();
        assertThat(gens.get(0).updatedAt()).as("the restart: the second generation starts after the first ends")
                .isBefore(gens.get(1).createdAt());
        Label title = lookup(".title-4").queryAs(Label.class);
        assertThat(title.getText()).contains(gens.get(1).generation());

        clickOn(lanes.screenPointOf(gens.get(0).generation()));
        waitUntil(() -> title.getText().contains(gens.get(0).generation()) && window.timeline().chosen() != null
                && !window.timeline().chosen().isAfter(gens.get(0).updatedAt()));
    }

    @Test
    void restoreProgressSaysPercentBytesRateAndTimeLeft() {
        String line = TimelineView.progressLine(new RestoreProgress(RestoreProgress.Phase.WAL, 25L << 20, 100L << 20, 1, 4),
                5_000_000_000L);
        assertThat(line).isEqualTo("WAL 1/4 · 25% · 25 MiB of 100 MiB · 5.0 MiB/s · 15 s left");
    }
}
