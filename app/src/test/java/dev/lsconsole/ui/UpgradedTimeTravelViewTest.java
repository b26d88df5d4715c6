package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.sql.Value;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Replica;
import dev.lsconsole.timetravel.RowHistory;
import dev.lsconsole.timetravel.RowProbe;
import dev.lsconsole.timetravel.Span;
import dev.lsconsole.ui.browse.GenerationLanes;
import dev.lsconsole.ui.common.Fmt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

/**
 * Time travel in the window on a path upgraded in place (the real litestream v0.3.13, then v0.5.16): a
 * view restored from the v0.3 generation asks about a row that changed before and after the upgrade; the
 * history lists both changes, each labelled with the history it is in, as the engine finds them, and
 * "When did this change?" from that view finds the change in the v0.5 chain.
 */
class UpgradedTimeTravelViewTest extends ConsoleHarness {
    @Test
    void aViewRestoredBeforeTheUpgradeSeesChangesOnBothSides() throws Exception {
        Litestream05.assumeAvailable();
        Path made = Files.createDirectories(tmp.resolve("made"));
        V05Replica.Extra touch = (c, n, v05) -> {
            if (n == 4 || n == 20) {
                try (var st = c.createStatement()) {
                    st.executeUpdate("UPDATE items SET txn = " + (v05 ? 2000 : 1000) + " WHERE id = 1");
                }
            }
        };
        try (V05Replica r = V05Replica.mixed(made, V05Replica.Target.FILE, touch)) {
            interact(() -> window.openReplica(ReplicaConfig.ofUrl(r.replicaUrl())));
            GenerationLanes lanes = lookup("#generation-lanes").queryAs(GenerationLanes.class);
            Label title = lookup(".title-4").queryAs(Label.class);
            waitUntil(() -> lanes.lanes().size() == 2 && window.timeline().chosen() != null
                    && title.getText().startsWith("v0.5 LTX chain"));
            GenerationBounds v03 = lanes.lanes().stream().filter(g -> !g.generation().equals("ltx")).findFirst()
                    .orElseThrow();
            clickOn(lanes.screenPointOf(v03.generation()));
            waitUntil(() -> title.getText().contains(v03.generation()) && window.timeline().chosen() != null);
            clickOn("#restore-button");
            waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
            selectRow1();

            clickOn(from(selectedTabContent()).lookup("#tt-history-row").queryAs(Button.class));
            waitUntil(() -> lookup("#tt-history-events").tryQuery().isPresent()
                    && !lookup("#tt-history-events").queryTableView().getItems().isEmpty());
            RowHistory.Result core;
            try (Replica rep = new ReplicaFactory(System::getenv, 2).open(ReplicaConfig.ofUrl(r.replicaUrl()))) {
                Span span = Span.of(rep, v03.generation());
                assertThat(span.crossesUpgrade()).isTrue();
                core = RowHistory.of(span.walk(tmp.resolve("walk"), new Cancellation()),
                        new RowProbe("items", List.of("1")));
            }
            TableView<?> events = lookup("#tt-history-events").queryTableView();
            assertThat(events.getItems()).hasSameSizeAs(core.events());
            for (int i = 0; i < core.events().size(); i++) {
                var e = core.events().get(i);
                assertThat(String.valueOf(events.getColumns().get(0).getCellData(i))).isEqualTo(Fmt.time(e.at().time())
                        + " · " + (e.at().isLtx() ? "the v0.5 LTX chain" : "generation " + v03.generation()));
            }
            assertThat(core.events()).anySatisfy(e -> assertThat(e.at().isLtx()).isFalse())
                    .anySatisfy(e -> assertThat(e.at().isLtx()).isTrue());
            assertThat(window.tabTitles()).anySatisfy(t -> assertThat(t).startsWith("History items"));

            // from the restored moment (the generation's end, txn 1000) the next change is in the v0.5 chain
            interact(() -> {
                var tp = mainTabs();
                tp.getSelectionModel().select(tp.getTabs().stream().filter(t -> t.getText().startsWith("Restored"))
                        .findFirst().orElseThrow());
            });
            selectRow1();
            clickOn(from(selectedTabContent()).lookup("#tt-when-row").queryAs(Button.class));
            waitUntil(() -> lookup("#tt-first-changed").tryQuery().isPresent());
            var change = core.events().stream().filter(e -> e.at().isLtx() && e.newRow() != null
                    && "2000".equals(e.newRow().columns().get("txn"))).findFirst().orElseThrow();
            assertThat(lookup("#tt-first-changed").queryAs(Label.class).getText())
                    .isEqualTo(Fmt.time(change.at().time()) + " · the v0.5 LTX chain");
            assertThat(lookup("#tt-last-good").queryAs(Label.class).getText())
                    .isEqualTo(Fmt.time(change.before().time()) + " · the v0.5 LTX chain");
        }
    }

    @SuppressWarnings("unchecked")
    private void selectRow1() throws Exception {
        javafx.scene.Parent view = selectedTabContent();
        ListView<dev.lsconsole.inspect.DbBrowser.Table> list = from(view).lookup("#table-list").queryListView();
        waitUntil(() -> !list.getItems().isEmpty());
        interact(() -> list.getSelectionModel().select(list.getItems().stream()
                .filter(t -> t.name().equals("items")).findFirst().orElseThrow()));
        TableView<List<Value>> grid = from(view).lookup("#data-grid").queryTableView();
        waitUntil(() -> grid.getColumns().size() >= 3 && !grid.getItems().isEmpty());
        int row = -1;
        for (int i = 0; i < grid.getItems().size(); i++) {
            if (grid.getItems().get(i).get(0).integer() == 1) {
                row = i;
            }
        }
        int at = row;
        assertThat(at).isNotNegative();
        interact(() -> grid.getSelectionModel().clearAndSelect(at, grid.getColumns().get(1)));
    }

    private javafx.scene.Parent selectedTabContent() {
        return (javafx.scene.Parent) mainTabs().getSelectionModel().getSelectedItem().getContent();
    }

    private javafx.scene.control.TabPane mainTabs() {
        return lookup(".tab-pane").queryAllAs(javafx.scene.control.TabPane.class).stream()
                .filter(tp -> tp.getTabs().stream().anyMatch(t -> "tab-timeline".equals(t.getId()))).findFirst()
                .orElseThrow();
    }
}
