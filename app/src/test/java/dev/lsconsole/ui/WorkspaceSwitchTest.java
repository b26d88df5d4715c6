package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * Opening another workspace closes the tabs of the previous one (restored copies, "Changes between…"),
 * asking first, as quitting does, when a restored copy lives in a temporary folder: Cancel keeps
 * everything as it was, "Delete … and open" removes the copy once the new workspace is open.
 */
class WorkspaceSwitchTest extends ConsoleHarness {
    @Test
    void openingAnotherWorkspaceClosesThePreviousTabsAfterAskingAboutTemporaryCopies() throws Exception {
        openDemo();
        clickOn("#changes-button");
        waitUntil(() -> lookup("#changes-dialog").tryQuery().isPresent());
        interact(() -> ((Button) lookup("#changes-dialog").queryAs(DialogPane.class).lookupButton(ButtonType.OK)).fire());
        waitUntil(() -> window.tabTitles().stream().anyMatch(t -> t.startsWith("Changes")));
        clickOn("#tab-timeline .tab-label");
        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        Path restored = Path.of(lookup("#restored-path").queryAs(Label.class).getText());
        List<String> before = window.tabTitles();
        assertThat(before).hasSize(3);
        Path firstDemo = window.demo().dir();

        // a temporary copy is open: opening the demo again asks; Cancel leaves the workspace as it was
        clickOn("#open-demo");
        waitUntil(() -> lookup("#open-confirm").tryQuery().isPresent());
        assertThat(lookup("#open-confirm").queryAs(DialogPane.class).getContentText()).contains(restored.toString());
        interact(() -> ((Button) lookup("#open-confirm").queryAs(DialogPane.class).lookupButton(ButtonType.CANCEL))
                .fire());
        waitUntil(() -> lookup("#open-confirm").tryQuery().isEmpty());
        assertThat(window.tabTitles()).isEqualTo(before);
        assertThat(window.demo().dir()).isEqualTo(firstDemo);
        assertThat(restored).exists();

        // deleting and opening: the new workspace shows only its timeline, the copy is gone
        clickOn("#open-demo");
        waitUntil(() -> lookup("#open-confirm").tryQuery().isPresent());
        clickOn("#open-delete");
        waitUntil(() -> window.demo() != null && !window.demo().dir().equals(firstDemo));
        waitUntil(() -> window.tabTitles().equals(List.of("Timeline")));
        assertThat(restored).doesNotExist();

        // without temporary copies nothing is asked: a Changes tab just closes with its workspace
        clickOn("#changes-button");
        waitUntil(() -> lookup("#changes-dialog").tryQuery().isPresent());
        interact(() -> ((Button) lookup("#changes-dialog").queryAs(DialogPane.class).lookupButton(ButtonType.OK)).fire());
        waitUntil(() -> window.tabTitles().size() == 2);
        Path secondDemo = window.demo().dir();
        clickOn("#open-demo");
        waitUntil(() -> !window.demo().dir().equals(secondDemo));
        waitUntil(() -> window.tabTitles().equals(List.of("Timeline")));
        assertThat(lookup("#open-confirm").tryQuery()).isEmpty();
    }

    /** A restore running as its workspace goes is cancelled: it never opens in the next workspace. */
    @Test
    void aRestoreRunningWhenTheWorkspaceGoesNeverOpensInTheNextOne() throws Exception {
        openDemo();
        // in one FX event: the restore starts, then the workspace's timeline is cleared, as a switch does;
        // the restore's result can only arrive after
        interact(() -> {
            lookup("#restore-button").queryAs(Button.class).fire();
            window.timeline().clear();
        });
        Thread.sleep(1500);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.tabTitles()).containsExactly("Timeline");
        try (var s = java.nio.file.Files.list(tmp.resolve("tmp"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lsc-restore-")).toList())
                    .as("its temporary folder is gone").isEmpty();
        }
    }
}
