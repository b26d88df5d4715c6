package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.sql.Value;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.timetravel.Bisect;
import dev.lsconsole.timetravel.QueryProbe;
import dev.lsconsole.timetravel.Row;
import dev.lsconsole.timetravel.RowHistory;
import dev.lsconsole.timetravel.RowProbe;
import dev.lsconsole.timetravel.Walk;
import dev.lsconsole.ui.browse.TimelineChart;
import dev.lsconsole.ui.common.Fmt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;

/**
 * Time travel in the window, on the demo replica made by the real litestream (a cleanup job deleted the
 * invoices of team customers at a recorded moment): "When did this change?" and "History" on a row of the
 * restored grid, the same on a query (a write is refused), "Changes between" by dragging on the timeline,
 * Cancel, and the marks on the chart. What the window shows is checked against the engine and against
 * restores made by the real litestream at the shown moments.
 */
class TimeTravelViewTest extends ConsoleHarness {
    /** Invoice 7 belongs to customer 3, a "team" customer: the accident deleted it. */
    private static final long INVOICE = 7;

    @Test
    void whenDidThisRowChangeShowsTheBoundaryLitestreamAgreesWithAndRestoresIt() throws Exception {
        DemoWorkspace demo = openDemo();
        restoreBeforeAccident(demo);
        selectInvoice(INVOICE);
        clickOn(from(selectedTabContent()).lookup("#tt-when-row").queryAs(Button.class));
        waitUntil(() -> lookup("#tt-last-good").tryQuery().isPresent());
        String lastGood = lookup("#tt-last-good").queryAs(Label.class).getText();
        String firstChanged = lookup("#tt-first-changed").queryAs(Label.class).getText();

        Bisect.Result<Row> core = withWalk(demo, w -> Bisect.of(w, db -> new RowProbe("invoices",
                List.of(Long.toString(INVOICE))).read(db).row(), demo.beforeAccident()));
        assertThat(core.changed()).isTrue();
        assertThat(lastGood).isEqualTo(Fmt.time(core.lastGood().time()));
        assertThat(firstChanged).isEqualTo(Fmt.time(core.firstChanged().time()));
        assertThat(core.lastGood().time()).isBefore(demo.accident());
        assertThat(core.firstChanged().time()).isAfter(demo.accident());
        // the real litestream at the two moments shown: the invoice is there, then it is gone
        assertThat(litestreamIds(demo, core.lastGood().time())).contains(INVOICE);
        assertThat(litestreamIds(demo, core.firstChanged().time())).doesNotContain(INVOICE);
        // the side-by-side view: every column changed from the row to no row
        TableView<?> compare = lookup("#tt-compare").queryTableView();
        assertThat(compare.getItems()).hasSize(5);
        assertThat(compare.getItems().toString()).contains("(no row)");

        List<Instant> marked = window.timeline().chart().marks().stream().map(TimelineChart.Mark::time).toList();
        assertThat(marked).containsExactly(core.lastGood().time(), core.firstChanged().time());

        clickOn("#tt-restore-here");
        String title = "Restored " + Fmt.time(core.lastGood().time());
        waitUntil(() -> window.tabTitles().stream().anyMatch(t -> t.startsWith(title)));
        waitUntil(() -> lookup("#restored-path").queryAllAs(Label.class).size() == 2);
        Path restoredHere = lookup("#restored-path").queryAllAs(Label.class).stream()
                .map(l -> Path.of(l.getText())).filter(p -> p.getFileName().toString().contains(
                        DateTimeFormatter.ofPattern("HHmmss.SSS").withZone(java.time.ZoneId.systemDefault())
                                .format(core.lastGood().time()))).findFirst().orElseThrow();
        assertThat(ids(restoredHere, "SELECT id FROM invoices")).contains(INVOICE);

        // Cancel right after the start: the tab says so, and no working copy is left in the temp directory
        interact(() -> lookupTab("Restored"));
        selectInvoice(INVOICE);
        interact(() -> {
            from(selectedTabContent()).lookup("#tt-when-row").queryAs(Button.class).fire();
            ((Button) selectedTabContent().lookup("#tt-cancel")).fire();
        });
        waitUntil(() -> ((Label) selectedTabContent().lookup("#tt-status")).getText().startsWith("Cancelled"));
        waitUntil(() -> workCopies(tmp.resolve("tmp")) == 0);
        assertThat(selectedTabContent().lookup("#tt-last-good")).isNull();

        // another generation on the timeline clears the marks (the demo has one: clear() does it)
        interact(() -> window.timeline().clear());
        assertThat(window.timeline().chart().marks()).isEmpty();
    }

    @Test
    void historyOfARowAndAQueryBisectAndAWriteIsRefused() throws Exception {
        DemoWorkspace demo = openDemo();
        restoreBeforeAccident(demo);
        selectInvoice(INVOICE);
        clickOn(from(selectedTabContent()).lookup("#tt-history-row").queryAs(Button.class));
        waitUntil(() -> lookup("#tt-history-events").tryQuery().isPresent()
                && !lookup("#tt-history-events").queryTableView().getItems().isEmpty());
        RowHistory.Result core = withWalk(demo, w -> RowHistory.of(w, new RowProbe("invoices",
                List.of(Long.toString(INVOICE)))));
        TableView<?> events = lookup("#tt-history-events").queryTableView();
        assertThat(events.getItems()).hasSameSizeAs(core.events());
        assertThat(core.events()).extracting(RowHistory.Event::kind)
                .containsExactly(RowHistory.Kind.APPEARED, RowHistory.Kind.VANISHED);
        for (int i = 0; i < core.events().size(); i++) {
            assertThat(cell(events, i, 0)).isEqualTo(Fmt.time(core.events().get(i).at().time()));
        }
        assertThat(litestreamIds(demo, core.events().get(0).before().time())).doesNotContain(INVOICE);
        assertThat(litestreamIds(demo, core.events().get(0).at().time())).contains(INVOICE);
        assertThat(window.timeline().chart().marks()).extracting(TimelineChart.Mark::time)
                .containsExactlyElementsOf(core.events().stream().map(e -> e.at().time()).toList());

        // the SQL console of the restored view: a write is refused in one line, and opens nothing
        int tabs = window.tabTitles().size();
        interact(() -> lookupTab("Restored"));
        clickOn("SQL");
        setSql("DELETE FROM invoices WHERE id = 7");
        clickOn("#tt-when-query");
        waitUntil(() -> lookup("#sql-status").queryAs(Label.class).getText().startsWith("Refused: the query is not read-only"));
        assertThat(lookup("#sql-status").queryAs(Label.class).getText()).doesNotContain("\n");
        assertThat(window.tabTitles()).hasSize(tabs);

        String sql = "SELECT count(*) FROM invoices";
        setSql(sql);
        clickOn("#tt-when-query");
        waitUntil(() -> lookup("#tt-last-good").tryQuery().isPresent());
        Bisect.Result<QueryProbe.Result> q = withWalk(demo, w -> Bisect.of(w, new QueryProbe(sql), demo.beforeAccident()));
        assertThat(lookup("#tt-last-good").queryAs(Label.class).getText()).isEqualTo(Fmt.time(q.lastGood().time()));
        assertThat(lookup("#tt-first-changed").queryAs(Label.class).getText())
                .isEqualTo(Fmt.time(q.firstChanged().time()));
        assertThat(litestreamCount(demo, q.lastGood().time())).isEqualTo(q.before().rows().get(0).get(0));
        assertThat(litestreamCount(demo, q.firstChanged().time())).isEqualTo(q.after().rows().get(0).get(0))
                .isNotEqualTo(q.before().rows().get(0).get(0));
    }

    @Test
    void changesBetweenADraggedRangeShowTheDeletedRowsAndCancelLeavesNothing() throws Exception {
        DemoWorkspace demo = openDemo();
        TimelineChart chart = window.timeline().chart();
        Instant from = demo.accident().minusMillis(1500);
        Instant to = demo.accident().plusMillis(1500);
        Point2D a = chart.screenPointOf(from);
        Point2D b = chart.screenPointOf(to);
        moveTo(a).press(MouseButton.PRIMARY).moveTo(a.add(10, 0)).moveTo(b).release(MouseButton.PRIMARY);
        waitUntil(() -> lookup("#tt-changes-diff").tryQuery().isPresent()
                && !lookup("#tt-changes-diff #diff-tables").queryTableView().getItems().isEmpty());
        Instant[] range = chart.range();
        assertThat(range).isNotNull();
        // the grid: invoices deleted in the window are exactly what the real litestream shows at both ends
        RestorePlanner.Listing l = listing(demo);
        Instant fromPoint = floor(l, range[0]);
        Instant toPoint = floor(l, range[1]);
        List<Long> atFrom = litestreamIds(demo, fromPoint);
        List<Long> atTo = litestreamIds(demo, toPoint);
        long deleted = atFrom.stream().filter(x -> !atTo.contains(x)).count();
        assertThat(deleted).isPositive();
        TableView<dev.lsconsole.diff.TableDiff> diff = lookup("#tt-changes-diff #diff-tables").queryTableView();
        dev.lsconsole.diff.TableDiff inv = diff.getItems().stream().filter(d -> d.table().equals("invoices")).findFirst()
                .orElseThrow();
        assertThat(inv.missingInLive()).isEqualTo(deleted);
        assertThat(inv.onlyInLive()).isEqualTo(atTo.stream().filter(x -> !atFrom.contains(x)).count());
        // FROM and TO are both copies: the view and the activity log speak of them, never of "live"
        waitUntil(() -> window.activityDetails().stream().anyMatch(o -> o.startsWith("changes: ") && o.contains("deleted")));
        assertThat(window.activityDetails()).filteredOn(o -> o.startsWith("changes: "))
                .allSatisfy(o -> assertThat(o).doesNotContain("live"))
                .anySatisfy(o -> assertThat(o).contains(deleted + " rows deleted"));
        assertThat(dev.lsconsole.ui.diff.DiffPane.atFromAndTo("table only in live; columns only in restored: note"))
                .isEqualTo("table only at TO; columns only at FROM: note");
        // the revert side compares FROM with the live database: the deleted invoices are missing there
        clickOn("#tab-tt-revert .tab-label");
        waitUntil(() -> !lookup("#tt-revert-diff #diff-tables").queryTableView().getItems().isEmpty());
        assertThat(lookup("#tt-revert-diff #live-address").queryAs(TextField.class).getText())
                .isEqualTo(demo.liveDb().toString());

        // closing the tab removes the two kept states (quitting closes it the same way)
        Path temp = tmp.resolve("tmp");
        assertThat(workCopies(temp)).isEqualTo(1);
        interact(() -> {
            javafx.scene.control.Tab t = mainTabs().getTabs().stream().filter(x -> x.getText().startsWith("Changes"))
                    .findFirst().orElseThrow();
            mainTabs().getTabs().remove(t);
            t.getOnClosed().handle(null);
        });
        waitUntil(() -> workCopies(temp) == 0);

        // the keyboard path refuses a reversed range, then Cancel of a started walk leaves no working copy
        interact(() -> lookupTab("Timeline"));
        clickOn("#changes-button");
        waitUntil(() -> lookup("#changes-dialog").tryQuery().isPresent());
        interact(() -> lookup("#changes-from").queryAs(TextField.class).setText(Fmt.time(to)));
        interact(() -> lookup("#changes-to").queryAs(TextField.class).setText(Fmt.time(from)));
        assertThat(lookup("#changes-why").queryAs(Label.class).getText()).isEqualTo("From is after To.");
        interact(() -> lookup("#changes-to").queryAs(TextField.class).setText("25 Nov"));
        assertThat(lookup("#changes-why").queryAs(Label.class).getText()).startsWith("To: not a moment");
        interact(() -> lookup("#changes-from").queryAs(TextField.class).setText(Fmt.time(from)));
        interact(() -> lookup("#changes-to").queryAs(TextField.class).setText(Fmt.time(to)));
        assertThat(lookup("#changes-why").queryAs(Label.class).getText()).isEmpty();
        interact(() -> ((Button) lookup("#changes-dialog").queryAs(javafx.scene.control.DialogPane.class)
                .lookupButton(javafx.scene.control.ButtonType.CANCEL)).fire());
    }

    /** Working copies and kept states of time travel in the console's temp directory. */
    private static long workCopies(Path temp) throws Exception {
        if (!Files.isDirectory(temp)) {
            return 0;
        }
        try (var s = Files.list(temp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("lsc-timetravel-")
                    || p.getFileName().toString().startsWith("lsc-changes-")).count();
        }
    }

    private void restoreBeforeAccident(DemoWorkspace demo) throws Exception {
        var local = demo.beforeAccident().atZone(java.time.ZoneId.systemDefault());
        clickOn(lookup("#restore-time").queryAs(TextField.class))
                .push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.A)
                .write(local.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")));
        waitUntil(() -> window.timeline().chosen().isBefore(demo.accident()));
        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
    }

    @SuppressWarnings("unchecked")
    private void selectInvoice(long id) throws Exception {
        javafx.scene.Parent view = selectedTabContent();
        ListView<dev.lsconsole.inspect.DbBrowser.Table> list = from(view).lookup("#table-list").queryListView();
        waitUntil(() -> !list.getItems().isEmpty());
        interact(() -> list.getSelectionModel().select(list.getItems().stream()
                .filter(t -> t.name().equals("invoices")).findFirst().orElseThrow()));
        TableView<List<Value>> grid = from(view).lookup("#data-grid").queryTableView();
        waitUntil(() -> grid.getColumns().size() == 5 && grid.getColumns().get(2).getText().equals("amount")
                && !grid.getItems().isEmpty());
        int row = -1;
        for (int i = 0; i < grid.getItems().size(); i++) {
            if (grid.getItems().get(i).get(0).integer() == id) {
                row = i;
            }
        }
        int r = row;
        assertThat(r).isNotNegative();
        interact(() -> grid.getSelectionModel().clearAndSelect(r, grid.getColumns().get(2)));
    }

    private void lookupTab(String prefix) {
        javafx.scene.control.TabPane tp = mainTabs();
        tp.getSelectionModel().select(tp.getTabs().stream().filter(t -> t.getText().startsWith(prefix)).findFirst()
                .orElseThrow());
    }

    private javafx.scene.Parent selectedTabContent() {
        javafx.scene.control.TabPane tp = mainTabs();
        return (javafx.scene.Parent) tp.getSelectionModel().getSelectedItem().getContent();
    }

    private javafx.scene.control.TabPane mainTabs() {
        return lookup(".tab-pane").queryAllAs(javafx.scene.control.TabPane.class).stream()
                .filter(tp -> tp.getTabs().stream().anyMatch(t -> "tab-timeline".equals(t.getId()))).findFirst()
                .orElseThrow();
    }

    private void setSql(String sql) {
        interact(() -> lookup("#sql-editor").queryAs(CodeArea.class).replaceText(sql));
    }

    private static String cell(TableView<?> t, int row, int col) {
        return String.valueOf(t.getColumns().get(col).getCellData(row));
    }

    private static <T> T withWalk(DemoWorkspace demo, Function<Walk, T> f) throws Exception {
        try (Replica r = new ReplicaFactory(System::getenv, 2).open(ReplicaConfig.ofUrl("file://" + demo.replica()))) {
            String gen = r.client().generations().get(0);
            RestorePlanner.Listing l = new RestorePlanner().list(r, gen);
            return f.apply(new Walk(r, gen, l, Path.of(System.getProperty("java.io.tmpdir")), new Cancellation()));
        }
    }

    private static RestorePlanner.Listing listing(DemoWorkspace demo) throws Exception {
        try (Replica r = new ReplicaFactory(System::getenv, 2).open(ReplicaConfig.ofUrl("file://" + demo.replica()))) {
            return new RestorePlanner().list(r, r.client().generations().get(0));
        }
    }

    /** The restore point a moment uses: the newest object created at or before it. */
    private static Instant floor(RestorePlanner.Listing l, Instant t) {
        Instant best = null;
        for (var s : l.snapshots()) {
            best = !s.createdAt().isAfter(t) && (best == null || s.createdAt().isAfter(best)) ? s.createdAt() : best;
        }
        for (var s : l.segments()) {
            best = !s.createdAt().isAfter(t) && (best == null || s.createdAt().isAfter(best)) ? s.createdAt() : best;
        }
        return best;
    }

    /** The invoice ids in the real litestream's restore of the demo at {@code t}. */
    private List<Long> litestreamIds(DemoWorkspace demo, Instant t) throws Exception {
        return ids(litestreamAt(demo, t), "SELECT id FROM invoices");
    }

    private String litestreamCount(DemoWorkspace demo, Instant t) throws Exception {
        return Long.toString(ids(litestreamAt(demo, t), "SELECT count(*) FROM invoices").get(0));
    }

    private Path litestreamAt(DemoWorkspace demo, Instant t) throws Exception {
        Path out = tmp.resolve("ls-" + System.nanoTime() + ".db");
        Litestream.Result r = Litestream.exec(demo.dir(), java.util.Map.of(), "restore", "-config",
                demo.config().toString(), "-timestamp", DateTimeFormatter.ISO_INSTANT.format(t), "-o", out.toString(),
                demo.liveDb().toString());
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        return out;
    }
}
