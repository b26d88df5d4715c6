package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.ui.common.Activity;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.WindowEvent;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;

/**
 * The dialogs that write to live, read as a person reads them: the push preview and the undo
 * confirmation open at the first line of their SQL (line numbers, highlighting), a row's values in sight
 * without scrolling sideways; the write button shows its label whole on one line, a long path cut in the
 * middle (start and file name kept) and whole in the tooltip. The quit dialog's buttons show their labels whole.
 */
class WriteDialogsTest extends ConsoleHarness {

    @Test
    void pushPreviewAndUndoConfirmationOpenAtTheTopWithTheWholeButtonLabel() throws Exception {
        DemoWorkspace demo = openDemo();
        restoreBeforeAccidentAndCompare(demo);
        String live = demo.liveDb().toString();
        assertThat(live.length()).as("the demo's live path is long enough to be cut").isGreaterThan(44);
        clickOn("#select-all"); // every missing row: a long script, as a real recovery
        clickOn("#push-button");
        waitUntil(() -> lookup("#push-confirm").tryQuery().isPresent());
        CodeArea sql = lookup("#push-sql").queryAs(CodeArea.class);
        waitUntil(() -> sql.getHeight() > 0 && sql.firstVisibleParToAllParIndex() == 0);
        WaitForFx.settle();
        assertThat(sql.firstVisibleParToAllParIndex()).as("the preview shows its first line").isZero();
        assertThat(sql.getParagraphGraphicFactory()).as("line numbers").isNotNull();
        int insert = firstParagraphStartingWith(sql, "INSERT");
        assertThat(insert).as(sql.getText()).isGreaterThanOrEqualTo(0);
        assertCharInSight(sql, sql.getAbsolutePosition(insert, sql.getParagraphLength(insert) - 1));
        assertCenteredOnTheMainWindow(lookup("#push-confirm").query().getScene().getWindow());
        assertWholeOneLineLabel(lookup("#push-confirm").queryButton());
        Button write = lookup("#push-confirm").queryButton();
        assertThat(write.getText()).doesNotContain(live).contains("…").endsWith("/live.db").startsWith("Write ");
        assertThat(write.getTooltip().getText()).endsWith(live);
        clickOn("#write-cancel");
        waitUntil(() -> lookup("#push-confirm").tryQuery().isEmpty());

        // push two rows, then look at the undo confirmation
        clickOn("#select-all");
        pushFirstTwoRows();
        @SuppressWarnings("unchecked")
        TableView<Activity.Entry> log = lookup("#activity-log").queryAs(TableView.class);
        waitUntil(() -> log.getItems().stream().anyMatch(e -> e.push != null));
        interact(() -> log.getSelectionModel().select(log.getItems().stream().filter(e -> e.push != null)
                .findFirst().orElseThrow()));
        clickOn("#undo-push-button");
        waitUntil(() -> lookup("#undo-confirm").tryQuery().isPresent());
        CodeArea undo = lookup("#undo-sql").queryAs(CodeArea.class);
        waitUntil(() -> undo.getHeight() > 0 && undo.firstVisibleParToAllParIndex() == 0);
        WaitForFx.settle();
        assertThat(undo.firstVisibleParToAllParIndex()).isZero();
        assertThat(undo.getParagraphGraphicFactory()).as("line numbers, as the push preview").isNotNull();
        Bounds area = undo.localToScreen(undo.getBoundsInLocal());
        Bounds first = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> undo.getVisibleParagraphBoundsOnScreen(0)).get();
        assertThat(first.getMinY()).as("the top line is whole").isGreaterThanOrEqualTo(area.getMinY() - 0.5);
        assertCenteredOnTheMainWindow(lookup("#undo-confirm").query().getScene().getWindow());
        assertWholeOneLineLabel(lookup("#undo-confirm").queryButton());
        assertThat(lookup("#undo-confirm").queryButton().getText()).contains("…").endsWith("/live.db");
        clickOn("#write-cancel");
        waitUntil(() -> lookup("#undo-confirm").tryQuery().isEmpty());
    }

    @Test
    void theQuitDialogShowsItsButtonsWholeAt1024x700() throws Exception {
        interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        openDemo();
        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(() -> lookup("#close-confirm").tryQuery().isPresent());
        WaitForFx.settle();
        DialogPane d = lookup("#close-confirm").queryAs(DialogPane.class);
        List<Button> buttons = from(d).lookup(".button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText() != null && !b.getText().isEmpty()).toList();
        assertThat(buttons).extracting(Labeled::getText).anyMatch(t -> t.startsWith("Delete 1 copy and quit"));
        for (Button b : buttons) {
            assertWholeOneLineLabel(b);
        }
        clickOn(buttons.stream().filter(b -> b.getText().equals("Cancel")).findFirst().orElseThrow());
        waitUntil(() -> lookup("#close-confirm").tryQuery().isEmpty());
    }

    private static int firstParagraphStartingWith(CodeArea a, String prefix) {
        for (int i = 0; i < a.getParagraphs().size(); i++) {
            if (a.getText(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The character at {@code pos} is drawn inside the area's viewport (no sideways scrolling needed). */
    private static void assertCharInSight(CodeArea a, int pos) throws Exception {
        Bounds area = a.localToScreen(a.getBoundsInLocal());
        Bounds c = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> a.getCharacterBoundsOnScreen(pos, pos + 1)).get()
                .orElseThrow(() -> new AssertionError("not laid out"));
        assertThat(c.getMaxX()).as("the end of the row's values, in sight").isLessThanOrEqualTo(area.getMaxX());
        assertThat(c.getMaxY()).isLessThanOrEqualTo(area.getMaxY());
    }

    /** The label the skin draws is the whole text, on one line (never cut, never broken mid-word). */
    private static void assertWholeOneLineLabel(Labeled b) {
        List<String> drawn = new ArrayList<>();
        for (Node n : b.lookupAll(".text")) {
            if (n instanceof javafx.scene.text.Text t) {
                drawn.add(t.getText());
            }
        }
        assertThat(drawn).as("what %s shows", b.getText()).containsExactly(b.getText());
        Node t = b.lookup(".text");
        assertThat(t.getLayoutBounds().getHeight()).as("one line").isLessThan(b.getFont().getSize() * 2);
        Bounds inScene = b.localToScene(b.getBoundsInLocal());
        assertThat(inScene.getMaxX()).as("%s inside its dialog, with a margin", b.getText())
                .isLessThanOrEqualTo(b.getScene().getWidth() - 4);
    }

    /** Lets layout and queued runLaters finish. */
    private static final class WaitForFx {
        static void settle() throws Exception {
            org.testfx.util.WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** The dialog's centre is the main window's (a window manager would otherwise put it in a corner). */
    private void assertCenteredOnTheMainWindow(javafx.stage.Window dialog) {
        javafx.stage.Window owner = stage.getScene().getWindow();
        assertThat(dialog.getWidth()).as("laid out").isPositive();
        assertThat(dialog.getX() + dialog.getWidth() / 2).as("dialog centre x (dialog at x=" + dialog.getX() + ")")
                .isCloseTo(owner.getX() + owner.getWidth() / 2, org.assertj.core.data.Offset.offset(2.0));
        assertThat(dialog.getY() + dialog.getHeight() / 2).as("dialog centre y (dialog at y=" + dialog.getY() + ")")
                .isCloseTo(owner.getY() + owner.getHeight() / 2, org.assertj.core.data.Offset.offset(2.0));
    }
}