package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.testing.V05Fixture;
import dev.lsconsole.ui.browse.TimelineView;
import dev.lsconsole.ui.common.Fmt;
import java.nio.file.Path;
import java.time.Instant;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import org.junit.jupiter.api.Test;

/**
 * Health on a v0.5 replica made by the real litestream (the committed v0.5.15 fixture, an old backup): the
 * header's oldest restorable moment is the chain's first point, as the timeline and verify's window say
 * (not the oldest level-9 snapshot, which came later), and the tree's fail badge says why.
 */
class V05HealthTest extends ConsoleHarness {

    private String status() {
        return lookup("#health-status").queryAs(Label.class).getText();
    }

    @Test
    void theHeaderTheTimelineAndTheWindowAgreeOnTheFirstRestorableMoment() throws Exception {
        Path replica = V05Fixture.materialize(V05Fixture.V0515, tmp.resolve("v05"));
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + replica)));
        @SuppressWarnings("unchecked")
        TableView<TimelineView.Point> points = lookup("#restore-points").queryAs(TableView.class);
        waitUntil(() -> window.timeline().chosen() != null && points.getItems().size() > 3);
        Instant first = points.getItems().stream().map(TimelineView.Point::time).min(Instant::compareTo).orElseThrow();

        clickOn("#health-button");
        waitUntil(() -> lookup("#health-status").tryQuery().isPresent() && !status().endsWith("…")
                && !status().startsWith("Not"));
        assertThat(lookup("#health-figures").queryAs(Label.class).getText())
                .contains("restorable from " + Fmt.time(first));
        clickOn("#health-verify");
        waitUntil(() -> !lookup("#health-windows").queryAs(Label.class).getText().isEmpty() && !status().endsWith("…"));
        assertThat(lookup("#health-windows").queryAs(Label.class).getText()).contains(Fmt.time(first) + " – ");
        assertThat(lookup("#health-figures").queryAs(Label.class).getText())
                .contains("restorable from " + Fmt.time(first));
    }

    @Test
    void theFailBadgeOfAnOldBackupSaysWhy() throws Exception {
        Path replica = V05Fixture.materialize(V05Fixture.V0515, tmp.resolve("v05"));
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + replica)));
        waitUntil(() -> lookup(".health-badge").tryQuery().isPresent());
        Label badge = lookup(".health-badge").queryAs(Label.class);
        assertThat(badge.getText()).startsWith("fail");
        TreeCell<?> cell = (TreeCell<?>) badge.getParent().getParent();
        assertThat(cell.getTooltip()).as("the reason on hover").isNotNull();
        assertThat(cell.getTooltip().getText()).startsWith("lag").contains("newest object is");
        assertThat(badge.getTooltip()).as("the badge itself says why").isNotNull();
        assertThat(badge.getTooltip().getText()).startsWith("lag");
        assertThat(lookup(".health-reason").queryAs(Label.class).getText()).as("the reason in the tree's text")
                .isEqualTo("lag");
    }

    /** A run that could not run judged nothing: it must not say that no problems were found (finding 7). */
    @Test
    void aDeletedReplicaCouldNotRunAndFoundNothing() throws Exception {
        Path replica = V05Fixture.materialize(V05Fixture.V0515, tmp.resolve("v05"));
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + replica)));
        waitUntil(() -> window.timeline().chosen() != null);
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(replica)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        clickOn("#health-button");
        waitUntil(() -> lookup("#health-status").tryQuery().isPresent() && status().equals("Could not run"));
        TableView<?> problems = lookup("#health-problems").queryAs(TableView.class);
        assertThat(problems.getItems()).isEmpty();
        String placeholder = ((Label) problems.getPlaceholder()).getText();
        assertThat(placeholder).doesNotContain("No problems").contains("nothing was judged");
        assertThat(lookup("#health-figures").queryAs(Label.class).getText()).isEmpty();
    }
}
