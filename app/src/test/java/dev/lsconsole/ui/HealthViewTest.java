package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.health.Problem;
import dev.lsconsole.testing.ReplicaFixture;
import dev.lsconsole.ui.health.HealthView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * The Health window on a replica made by the real litestream: a check of a sound replica is OK, and
 * "Verify now" names a deleted WAL segment as a gap, by the key of the segment after the hole.
 */
class HealthViewTest extends ConsoleHarness {

    @Test
    void checkIsOkAndVerifyNamesTheGapByItsKey() throws Exception {
        Path copy = ReplicaFixture.get().copyFileReplica(tmp.resolve("replica"));
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + copy)));
        waitUntil(() -> window.timeline().chosen() != null);
        clickOn("#health-button");
        waitUntil(() -> lookup("#health-status").tryQuery().isPresent()
                && lookup("#health-status").queryAs(Label.class).getText().equals("OK"));
        assertThat(lookup("#health-figures").queryAs(Label.class).getText()).contains("2 generations");

        List<Path> segs = new ArrayList<>();
        for (Path gen : list(copy.resolve("generations"))) {
            List<Path> s = list(gen.resolve("wal"));
            segs = s.size() > segs.size() ? s : segs;
        }
        int i = segs.size() / 2;
        while (!segs.get(i).getFileName().toString().substring(0, 8)
                .equals(segs.get(i + 1).getFileName().toString().substring(0, 8))) {
            i++;
        }
        Files.delete(segs.get(i));
        String next = copy.relativize(segs.get(i + 1)).toString();

        clickOn("#health-verify");
        HealthView view = lookup("#health-view").queryAs(HealthView.class);
        waitUntil(() -> lookup("#health-status").queryAs(Label.class).getText().equals("FAIL"));
        assertThat(view.problems()).extracting(Problem::kind).extracting(k -> k.label()).containsExactly("gap");
        assertThat(view.problems().get(0).object()).endsWith(next);
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
