package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CsvRecords;
import dev.lsconsole.ui.inspect.SaveFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The restored database's data grid as a DB4S user drives it (headless): litestream's tables listed
 * last, a header click sorts in SQLite (pages after the first too, and with a filter), the cell viewer,
 * copying a row as INSERT and CSV, and exporting the table and a console query to CSV, each checked
 * against the sqlite3 CLI on the same restored file.
 */
class DataGridTest extends ConsoleHarness {
    static final int PAGE = 20;
    static final String COLS = "id, customer_id, amount, issued_at, note";

    @AfterEach
    void reset() {
        SaveFile.answerWith(null);
        System.clearProperty("lsconsole.grid.page");
    }

    @Test
    void sortsInSqliteViewsCopiesAndExports() throws Exception {
        System.setProperty("lsconsole.grid.page", String.valueOf(PAGE));
        clickOn("#open-demo");
        waitUntil(() -> window.timeline().chosen() != null && !lookup("#restore-points").queryTableView()
                .getItems().isEmpty());
        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        waitUntil(() -> !lookup("#data-grid").queryTableView().getItems().isEmpty());
        Path db = Path.of(lookup("#restored-path").queryAs(Label.class).getText());

        ListView<?> list = lookup("#table-list").queryListView();
        List<String> names = list.getItems().stream().map(t -> ((dev.lsconsole.inspect.DbBrowser.Table) t).name()).toList();
        assertThat(names).containsExactly("customers", "invoices", "_litestream_lock", "_litestream_seq");

        interact(() -> list.getSelectionModel().select(1));
        waitUntil(() -> columns().contains("amount") && !grid().getItems().isEmpty());
        for (int i = 0; i < grid().getColumns().size(); i++) {
            var c = grid().getColumns().get(i);
            double need = text(c.getText());
            for (List<dev.lsconsole.sql.Value> r : grid().getItems()) {
                need = Math.max(need, text(dev.lsconsole.ui.inspect.ValueGrid.shown(r.get(i))));
            }
            assertThat(c.getPrefWidth()).as("width of " + c.getText()).isBetween(60.0, 360.0)
                    .isGreaterThanOrEqualTo(Math.min(need, 360)).isLessThanOrEqualTo(Math.max(60, need + 40));
        }

        Node h = header("amount");
        clickOn(h);
        waitUntil(() -> firstIds().equals(sqlite(db, "SELECT id FROM invoices ORDER BY amount, rowid LIMIT " + PAGE)));
        clickOn(header("amount"));
        String desc = " ORDER BY amount DESC, rowid DESC";
        waitUntil(() -> firstIds().equals(sqlite(db, "SELECT id FROM invoices" + desc + " LIMIT " + PAGE)));
        clickOn("#page-next");
        waitUntil(() -> firstIds().equals(sqlite(db, "SELECT id FROM invoices" + desc + " LIMIT " + PAGE + " OFFSET " + PAGE)));
        assertThat(lookup("#page-position").queryAs(Label.class).getText()).startsWith("rows " + (PAGE + 1) + "–");
        clickOn("#page-prev");
        waitUntil(() -> firstIds().equals(sqlite(db, "SELECT id FROM invoices" + desc + " LIMIT " + PAGE)));

        // the cell viewer on the first row's issued_at
        String issued = sqlite(db, "SELECT issued_at FROM invoices" + desc + " LIMIT 1").get(0);
        doubleClickOn(cell(0, "issued_at"));
        waitUntil(() -> lookup("#cell-viewer").tryQuery().isPresent());
        assertThat(lookup("#cell-info").queryAs(Label.class).getText()).isEqualTo("TEXT · " + issued.length() + " bytes");
        assertThat(lookup("#cell-text").queryAs(TextArea.class).getText()).isEqualTo(issued);
        assertThat(lookup("#cell-hex").queryAs(TextArea.class).getText()).startsWith("00000000  "
                + String.format("%02x %02x", (int) issued.charAt(0), (int) issued.charAt(1)));
        Path saved = tmp.resolve("value.txt");
        SaveFile.answerWith(name -> saved);
        clickOn("#cell-save");
        waitUntil(() -> lookup("#cell-status").queryAs(Label.class).getText().startsWith("Saved"));
        assertThat(Files.readString(saved)).isEqualTo(issued);
        interact(() -> lookup("#cell-viewer").query().getScene().getWindow().hide());

        // copy the first row as INSERT and as CSV; Ctrl+C copies the cell
        String oneRow = " FROM invoices" + desc + " LIMIT 1";
        clickOn(cell(0, "amount"));
        push(KeyCode.SHORTCUT, KeyCode.C);
        waitUntil(() -> sqlite(db, "SELECT amount" + oneRow).get(0).equals(clipboard()));
        menu("Copy rows as SQL INSERT");
        String insert = sqlite(db, "SELECT 'INSERT INTO \"invoices\" (\"id\", \"customer_id\", \"amount\", \"issued_at\", "
                + "\"note\") VALUES (' || quote(id) || ', ' || quote(customer_id) || ', ' || quote(amount) || ', ' "
                + "|| quote(issued_at) || ', ' || quote(note) || ');'" + oneRow).get(0) + "\n";
        waitUntil(() -> insert.equals(clipboard()));
        menu("Copy rows as CSV");
        String csvRow = CsvRecords.sqlite3Csv(db, "SELECT " + COLS + oneRow + ";");
        waitUntil(() -> clipboard() != null && clipboard().contains("\r\n")
                && CsvRecords.parse(clipboard()).equals(CsvRecords.parse(csvRow)));

        // the whole table, sorted and filtered, to CSV: what sqlite3 -csv writes
        Path export = tmp.resolve("invoices.csv");
        SaveFile.answerWith(name -> export);
        interact(() -> lookup("#filter-column").queryComboBox().getSelectionModel().select("amount"));
        clickOn("#filter-text").write("1").push(KeyCode.ENTER);
        String where = " WHERE CAST(amount AS TEXT) LIKE '%1%'";
        String sorted = where + desc;
        waitUntil(() -> firstIds().equals(sqlite(db, "SELECT id FROM invoices" + sorted + " LIMIT " + PAGE)));
        clickOn("#export-csv");
        waitUntil(() -> lookup("#page-position").queryAs(Label.class).getText().startsWith("exported"));
        String ours = Files.readString(export, StandardCharsets.UTF_8);
        assertThat(ours).startsWith("id,customer_id,amount,issued_at,note\r\n");
        List<List<String>> expected = CsvRecords.parse(CsvRecords.sqlite3Csv(db, "SELECT " + COLS + " FROM invoices" + sorted + ";"));
        assertThat(expected).hasSizeGreaterThan(PAGE + 1);
        assertThat(CsvRecords.parse(ours)).isEqualTo(expected);

        // a console query's result to CSV
        clickOn("SQL");
        String q = "SELECT plan, count(*) AS n FROM customers GROUP BY plan ORDER BY plan";
        clickOn("#sql-editor").push(KeyCode.SHORTCUT, KeyCode.A).write(q).push(KeyCode.SHORTCUT, KeyCode.ENTER);
        waitUntil(() -> !lookup("#sql-results").queryTableView().getItems().isEmpty());
        Path result = tmp.resolve("result.csv");
        SaveFile.answerWith(name -> result);
        clickOn("#sql-export");
        waitUntil(() -> lookup("#sql-status").queryAs(Label.class).getText().startsWith("exported"));
        assertThat(CsvRecords.parse(Files.readString(result))).isEqualTo(CsvRecords.parse(CsvRecords.sqlite3Csv(db, q + ";")));
    }

    @SuppressWarnings("unchecked")
    private TableView<List<dev.lsconsole.sql.Value>> grid() {
        return lookup("#data-grid").queryAs(TableView.class);
    }

    /** The width of {@code s} in the font the grid's cells are drawn in (the theme's, not JavaFX's default). */
    private double text(String s) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(((javafx.scene.control.Labeled) from(grid()).lookup(".table-row-cell .table-cell").query()).getFont());
        return t.getLayoutBounds().getWidth();
    }

    private List<String> columns() {
        return grid().getColumns().stream().map(c -> c.getText()).toList();
    }

    private List<String> firstIds() {
        return grid().getItems().stream().map(r -> r.get(0).toString()).toList();
    }

    private Node header(String name) {
        return from(lookup("#data-grid")).lookup(".column-header .label")
                .match(n -> name.equals(((Labeled) n).getText())).query();
    }

    private Node cell(int row, String column) {
        return from(lookup("#data-grid")).lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c
                && c.getIndex() == row && c.getTableColumn() != null && column.equals(c.getTableColumn().getText()))
                .query();
    }

    /**
     * Selects the first row's first cell and picks {@code item} in the grid's context menu (opened at the
     * cell: Monocle turns no right-click into a context-menu request).
     */
    private void menu(String item) throws Exception {
        Node at = cell(0, "id");
        clickOn(at);
        interact(() -> grid().getContextMenu().show(at, javafx.geometry.Side.BOTTOM, 0, 0));
        waitUntil(() -> grid().getContextMenu().isShowing());
        clickOn(lookup(".context-menu .menu-item").match(n -> n.lookup(".label") instanceof Labeled l
                && item.equals(l.getText())).queryAs(Node.class));
    }

    private static String clipboard() throws Exception {
        AtomicReference<String> s = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> s.set(Clipboard.getSystemClipboard().getString())).get();
        return s.get();
    }

    static List<String> sqlite(Path db, String sql) throws Exception {
        Process p = new ProcessBuilder("sqlite3", "-readonly", db.toString()).start();
        p.getOutputStream().write((sql + ";").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
    }
}
