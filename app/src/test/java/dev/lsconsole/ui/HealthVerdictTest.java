package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.health.Problem;
import dev.lsconsole.ui.common.Activity;
import dev.lsconsole.ui.health.HealthView;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/**
 * The Health window as a new user meets it on the demo: it opens at a usable size centered on the main
 * window and Esc closes it; its verdict is the tree badge's and the activity row's (the demo's writer
 * stopped on purpose, so it has no lag limit: its age is a figure, not a FAIL); a lag limit set in the
 * window fails all three together, named as the window's setting, not as a CLI flag.
 */
class HealthVerdictTest extends ConsoleHarness {

    private String badge() {
        return lookup(".health-badge").tryQuery().map(n -> ((Label) n).getText()).orElse(null);
    }

    private String status() {
        return lookup("#health-status").queryAs(Label.class).getText();
    }

    private Activity.Entry lastCheck() {
        @SuppressWarnings("unchecked")
        TableView<Activity.Entry> log = lookup("#activity-log").queryAs(TableView.class);
        return log.getItems().stream().filter(e -> e.action.equals("check")).findFirst().orElse(null);
    }

    @Test
    void theWindowOpensOverItsOwnerAgreesWithTheBadgeAndTheLogAndEscClosesIt() throws Exception {
        openDemo();
        waitUntil(() -> "ok".equals(badge()));
        clickOn("#health-button");
        waitUntil(() -> lookup("#health-status").tryQuery().isPresent() && !status().endsWith("…")
                && !status().startsWith("Not"));
        Window health = lookup("#health-view").query().getScene().getWindow();
        Window owner = stage.getScene().getWindow();
        assertThat(health.getWidth()).isGreaterThanOrEqualTo(640);
        assertThat(health.getHeight()).isGreaterThanOrEqualTo(400);
        assertThat(health.getX() + health.getWidth() / 2).isCloseTo(owner.getX() + owner.getWidth() / 2,
                org.assertj.core.data.Offset.offset(2.0));

        HealthView view = lookup("#health-view").queryAs(HealthView.class);
        assertThat(status()).as("the demo has no lag limit, as its badge").isEqualTo("OK");
        assertThat(view.problems()).isEmpty();
        assertThat(lookup("#health-figures").queryAs(Label.class).getText()).contains("old (no lag limit)");
        waitUntil(() -> lastCheck() != null && lastCheck().outcome.get() != Activity.Outcome.RUNNING);
        assertThat(lastCheck().outcome.get()).isEqualTo(Activity.Outcome.OK);
        assertThat(badge()).isEqualTo("ok");

        clickOn("#health-max-lag").write("10m").push(KeyCode.ENTER);
        waitUntil(() -> status().equals("FAIL"));
        assertThat(view.problems()).extracting(p -> p.kind().label()).containsExactly("lag");
        assertThat(view.problems().get(0).message()).contains("more than the lag limit 10m").doesNotContain("--max-lag");
        waitUntil(() -> "fail".equals(badge()));
        waitUntil(() -> lastCheck().outcome.get().name().equals("FAIL"));
        assertThat(lastCheck().detail.get()).isEqualTo("1 problem: lag");

        clickOn("#health-max-lag").push(KeyCode.SHORTCUT, KeyCode.A).push(KeyCode.BACK_SPACE).push(KeyCode.ENTER);
        waitUntil(() -> status().equals("OK") && "ok".equals(badge()));
        assertThat(view.problems()).extracting(Problem::kind).isEmpty();

        push(KeyCode.ESCAPE);
        waitUntil(() -> lookup("#health-view").tryQuery().isEmpty());
        assertThat(health.isShowing()).isFalse();
        assertThat(lookup("#health-max-lag").tryQueryAs(TextField.class)).isEmpty();
    }

    /** Verify reads objects, not the clock: it keeps the lag verdict check gave (tester-4's finding 4). */
    @Test
    void verifyNowKeepsTheLagFailOfTheCheck() throws Exception {
        openDemo();
        waitUntil(() -> "ok".equals(badge()));
        clickOn("#health-button");
        waitUntil(() -> lookup("#health-status").tryQuery().isPresent() && status().equals("OK"));
        clickOn("#health-max-lag").write("1m").push(KeyCode.ENTER);
        waitUntil(() -> status().equals("FAIL") && "fail".equals(badge()));
        HealthView view = lookup("#health-view").queryAs(HealthView.class);

        clickOn("#health-verify");
        waitUntil(() -> lastAction("verify") != null && lastAction("verify").outcome.get() != Activity.Outcome.RUNNING);
        assertThat(status()).as("the lag is unchanged").isEqualTo("FAIL");
        assertThat(view.problems()).extracting(p -> p.kind().label()).containsExactly("lag");
        assertThat(view.problems().get(0).message()).contains("more than the lag limit 1m");
        assertThat(badge()).isEqualTo("fail");
        assertThat(lastAction("verify").outcome.get()).isEqualTo(Activity.Outcome.FAIL);
        assertThat(lastAction("verify").detail.get()).isEqualTo("1 problem: lag");
    }

    private Activity.Entry lastAction(String action) {
        @SuppressWarnings("unchecked")
        TableView<Activity.Entry> log = lookup("#activity-log").queryAs(TableView.class);
        return log.getItems().stream().filter(e -> e.action.equals(action)).findFirst().orElse(null);
    }
}
