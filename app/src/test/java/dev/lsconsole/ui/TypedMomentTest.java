package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.ui.browse.TimelineView;
import dev.lsconsole.ui.common.Fmt;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * A moment typed in the window means the restore point whose displayed time it is: times are shown to
 * the millisecond but the demo's points carry nanoseconds (07:32:15.822855164), so typing what the window
 * shows (07:32:15.822) must pick that point, not the one before it; typed to the second, the whole second.
 */
class TypedMomentTest extends ConsoleHarness {
    @Test
    void typingTheLatestPointsShownTimeChoosesTheLatestPoint() throws Exception {
        openDemo();
        List<Instant> points = pointTimes();
        Instant latest = points.get(points.size() - 1);
        assertThat(latest.getNano() % 1_000_000).as("the demo's points are finer than shown").isNotZero();

        type(Fmt.CLOCK.format(latest));
        waitUntil(() -> snap().startsWith("Uses the restore point of " + Fmt.time(latest) + ":"));
        assertThat(snap()).startsWith("Uses the restore point of " + Fmt.time(latest) + ":");
        // the table shows which object that is: its row selected, and the field keeps what was typed
        assertThat(selectedRowTime()).isEqualTo(latest);
        assertThat(lookup("#restore-time").queryAs(TextField.class).getText()).isEqualTo(Fmt.CLOCK.format(latest));

        // typed to the second: the whole second is meant, so its last point (14.274..., not 12.538...)
        Instant inSecond = points.stream().filter(t -> t.getEpochSecond() == latest.getEpochSecond() - 1)
                .max(Comparator.naturalOrder()).orElseThrow();
        type(DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault()).format(inSecond));
        waitUntil(() -> snap().startsWith("Uses the restore point of " + Fmt.time(inSecond) + ":"));
        assertThat(snap()).startsWith("Uses the restore point of " + Fmt.time(inSecond) + ":");
        assertThat(selectedRowTime()).isEqualTo(inSecond);
    }

    @Test
    void changesBetweenTypedMomentsComparesThePointsShownAtThoseTimes() throws Exception {
        openDemo();
        List<Instant> points = pointTimes();
        Instant to = points.get(points.size() - 1);
        Instant from = points.get(points.size() - 3);
        assertThat(from.getNano() % 1_000_000).isNotZero();

        clickOn("#changes-button");
        waitUntil(() -> lookup("#changes-dialog").tryQuery().isPresent());
        interact(() -> lookup("#changes-from").queryAs(TextField.class).setText(Fmt.time(from)));
        interact(() -> lookup("#changes-to").queryAs(TextField.class).setText(Fmt.time(to)));
        assertThat(lookup("#changes-why").queryAs(Label.class).getText()).isEmpty();
        interact(() -> ((Button) lookup("#changes-dialog").queryAs(DialogPane.class).lookupButton(ButtonType.OK)).fire());
        waitUntil(() -> window.activityDetails().stream().anyMatch(d -> d.startsWith("changes: states at ")));
        assertThat(window.activityDetails()).contains("changes: states at " + Fmt.time(from) + " and " + Fmt.time(to));
        assertThat(window.timeline().chart().range()).containsExactly(from, to);
    }

    @Test
    void theDateIsShownAsIsoAndTheLocalesOwnFormIsReadToo() throws Exception {
        openDemo();
        List<Instant> points = pointTimes();
        Instant latest = points.get(points.size() - 1);
        java.time.LocalDate day = latest.atZone(java.time.ZoneId.systemDefault()).toLocalDate();
        TextField editor = lookup("#restore-date").lookup(".text-field").queryAs(TextField.class);
        assertThat(editor.getText()).isEqualTo(day.toString());

        Instant earlier = points.get(points.size() - 3);
        type(Fmt.CLOCK.format(earlier));
        waitUntil(() -> snap().startsWith("Uses the restore point of " + Fmt.time(earlier) + ":"));
        String[] localeForm = new String[1];
        interact(() -> localeForm[0] = new javafx.scene.control.DatePicker().getConverter().toString(day));
        clickOn(editor).push(KeyCode.SHORTCUT, KeyCode.A).write(localeForm[0]);
        waitUntil(() -> snap().startsWith("Uses the restore point of " + Fmt.time(earlier) + ":"));
        clickOn(editor).push(KeyCode.SHORTCUT, KeyCode.A).write(day.toString());
        waitUntil(() -> snap().startsWith("Uses the restore point of " + Fmt.time(earlier) + ":"));
        assertThat(snap()).startsWith("Uses the restore point of " + Fmt.time(earlier) + ":");
    }

    private Instant selectedRowTime() {
        javafx.scene.control.TableView<TimelineView.Point> t = lookup("#restore-points").queryTableView();
        TimelineView.Point p = t.getSelectionModel().getSelectedItem();
        return p == null ? null : p.time();
    }

    private List<Instant> pointTimes() {
        javafx.scene.control.TableView<TimelineView.Point> t = lookup("#restore-points").queryTableView();
        return t.getItems().stream().map(TimelineView.Point::time).sorted().toList();
    }

    private void type(String clock) {
        clickOn(lookup("#restore-time").queryAs(TextField.class)).push(KeyCode.SHORTCUT, KeyCode.A).write(clock);
    }

    private String snap() {
        return lookup("#restore-snap").queryAs(Label.class).getText();
    }
}
