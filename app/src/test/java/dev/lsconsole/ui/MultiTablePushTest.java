package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.diff.TableDiff;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;

/**
 * Several tables in one push from the window, on the core's cross-table plan: a child table alone is
 * refused while its parent rows are missing in live; ticking every table pushes parents first in one
 * transaction, with one preview, one undo script and one audit entry.
 */
class MultiTablePushTest extends ConsoleHarness {

    @Test
    void parentsAndChildrenGoTogetherParentsFirst() throws Exception {
        DemoWorkspace demo = openDemo();
        long lost;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + demo.liveDb())) {
            // the accident also took a team customer (its invoices went with the team invoices)
            var rs = c.createStatement().executeQuery("SELECT min(id) FROM customers WHERE plan = 'team'");
            rs.next();
            lost = rs.getLong(1);
            c.createStatement().executeUpdate("DELETE FROM customers WHERE id = " + lost);
        }
        restoreBeforeAccidentAndCompare(demo);
        @SuppressWarnings("unchecked")
        TableView<TableDiff> tables = lookup("#diff-tables").queryAs(TableView.class);
        TableDiff invoices = tables.getItems().stream().filter(d -> d.table().equals("invoices")).findFirst().orElseThrow();
        assertThat(tables.getItems().stream().filter(d -> d.table().equals("customers")).findFirst().orElseThrow()
                .missingInLive()).isEqualTo(1);

        CheckBox invoicesTick = from(lookup("#diff-tables")).lookup(".table-row-cell").match(n ->
                ((javafx.scene.control.TableRow<?>) n).getItem() == invoices).lookup(".check-box").queryAs(CheckBox.class);
        interact(() -> tables.scrollTo(invoices));
        clickOn(invoicesTick);
        waitUntil(() -> lookup("#push-button").queryButton().getText().equals("Push 1 table…"));
        clickOn("#push-button");
        DialogPane refused = errorDialog();
        assertThat(refused.getHeaderText() + refused.getContentText()).contains("customers");
        interact(() -> refused.getScene().getWindow().hide());
        assertThat(ids(demo.liveDb(), "SELECT id FROM customers WHERE id = " + lost)).isEmpty();

        clickOn("#push-all-tables");
        waitUntil(() -> lookup("#push-button").queryButton().getText().equals("Push 2 tables…"));
        clickOn("#push-button");
        waitUntil(() -> lookup("#push-confirm").tryQuery().isPresent());
        String sql = lookup("#push-sql").queryAs(CodeArea.class).getText();
        assertThat(sql.indexOf("INSERT OR IGNORE INTO \"customers\"")).as("parents first").isPositive()
                .isLessThan(sql.indexOf("INSERT OR IGNORE INTO \"invoices\""));
        assertThat(sql.split("BEGIN IMMEDIATE", -1)).as("one transaction").hasSize(2);
        clickOn("#push-confirm");
        waitUntil(() -> lookup("#push-done").tryQuery().isPresent());
        assertThat(ids(demo.liveDb(), "SELECT id FROM customers WHERE id = " + lost)).containsExactly(lost);
        assertThat(ids(demo.liveDb(), "SELECT count(*) FROM invoices WHERE customer_id NOT IN (SELECT id FROM customers)"))
                .containsExactly(0L);
        List<String> audit = Files.readAllLines(tmp.resolve("data/litestream-console/audit.log"));
        assertThat(audit).hasSize(2); // started + ok, one push
        assertThat(audit.get(1)).contains("\"tables\":[\"customers\",\"invoices\"]").contains("\"outcome\":\"ok\"");
    }
}
