package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.testing.V05Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The small wordings a new user met (tester-4's finding 8): the chart's hover tip says a click chooses the
 * moment (it does not restore), the range error of "Changes between…" on a v0.5 chain says "chain" and
 * shows whole, and a restore from a file replica whose files were deleted points at the folder, not at an
 * endpoint or credentials a file replica does not have.
 */
class SmallWordsTest extends ConsoleHarness {

    @Test
    void theChartsHoverTipSaysAClickChoosesTheMoment() throws Exception {
        openDemo();
        Instant t = window.timeline().chosen();
        String tip = window.timeline().chart().hoverText(t);
        assertThat(tip).doesNotContain("click restores").contains("A click chooses");
    }

    @Test
    void aRangeOutsideTheV05ChainSaysChainAndShowsWhole() throws Exception {
        Path replica = V05Fixture.materialize(V05Fixture.V0515, tmp.resolve("v05"));
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + replica)));
        waitUntil(() -> window.timeline().chosen() != null
                && !lookup("#changes-button").queryAs(Button.class).isDisabled());
        clickOn("#changes-button");
        waitUntil(() -> lookup("#changes-dialog").tryQuery().isPresent());
        TextField from = lookup("#changes-from").queryAs(TextField.class);
        interact(() -> from.setText(from.getText().substring(0, 11) + "03:47:14.5"));
        Label why = lookup("#changes-why").queryAs(Label.class);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(why.getText()).contains("within the v0.5 chain").doesNotContain("generation");
        assertThat(WholeWordsTest.shown(why)).as("the reason as shown").isEqualTo(why.getText());
        interact(() -> ((Button) lookup("#changes-dialog").queryAs(DialogPane.class).lookupButton(ButtonType.CANCEL))
                .fire());
    }

    @Test
    void aRestoreFromADeletedFileReplicaPointsAtTheFolder() throws Exception {
        Path replica = V05Fixture.materialize(V05Fixture.V0515, tmp.resolve("v05"));
        interact(() -> window.openReplica(ReplicaConfig.ofUrl("file://" + replica)));
        waitUntil(() -> window.timeline().chosen() != null
                && !lookup("#restore-button").queryAs(Button.class).isDisabled());
        try (Stream<Path> s = Files.walk(replica)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        clickOn("#restore-button");
        DialogPane e = errorDialog();
        assertThat(e.getHeaderText()).contains(replica.toString());
        assertThat(e.getContentText()).doesNotContain("endpoint").doesNotContain("credentials").contains("folder");
    }
}
