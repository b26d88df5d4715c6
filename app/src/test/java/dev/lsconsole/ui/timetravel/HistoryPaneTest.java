package dev.lsconsole.ui.timetravel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.timetravel.Point;
import dev.lsconsole.timetravel.Row;
import dev.lsconsole.timetravel.RowHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * A row's history with no change to list says so in words of its own (tester-4 saw JavaFX's "No content in
 * table" under "Unchanged across all 5 restore points").
 */
class HistoryPaneTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static String placeholder(RowHistory.Result r) {
        TableView<?> t = (TableView<?>) HistoryPane.of(r, null, p -> { }).lookup("#tt-history-events");
        assertThat(t.getItems()).isEmpty();
        assertThat(t.getPlaceholder()).as("a placeholder of its own").isInstanceOf(Label.class);
        return ((Label) t.getPlaceholder()).getText();
    }

    @Test
    void anUnchangedRowAndAMissingOneSayWhyTheListIsEmpty() {
        Point a = new Point(Instant.parse("2026-11-30T10:05:31.833Z"), 1, 0, 0);
        Point b = new Point(Instant.parse("2026-11-30T10:06:15.684Z"), 5, 0, 0);
        assertThat(placeholder(new RowHistory.Result(a, b, 5, true, new Row(Map.of("id", "1")), List.of(), 5)))
                .contains("No change");
        assertThat(placeholder(new RowHistory.Result(a, b, 5, true, null, List.of(), 5)))
                .contains("never existed");
    }
}
