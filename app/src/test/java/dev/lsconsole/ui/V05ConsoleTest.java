package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Replica;
import dev.lsconsole.ui.browse.GenerationLanes;
import dev.lsconsole.ui.browse.TimelineView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

/**
 * The window on an upgraded prefix (litestream v0.3.13 first, then v0.5.16 on the same path, both made
 * by the real binaries): the v0.3 generation and the v0.5 chain on one axis, the chain chosen as the
 * latest, its restore points listed by TXID with how far apart they are, and a point restored through the
 * usual Restore button equal byte for byte to what litestream v0.5.16 restores for that TXID.
 */
class V05ConsoleTest extends ConsoleHarness {

    @Test
    void mixedPrefixShowsBothOnOneAxisAndRestoresAChainPointByTxid() throws Exception {
        Litestream05.assumeAvailable();
        Path made = Files.createDirectories(tmp.resolve("made"));
        try (V05Replica r = V05Replica.mixed(made, V05Replica.Target.FILE)) {
            interact(() -> window.openReplica(ReplicaConfig.ofUrl(r.replicaUrl())));
            GenerationLanes lanes = lookup("#generation-lanes").queryAs(GenerationLanes.class);
            Label title = lookup(".title-4").queryAs(Label.class);
            waitUntil(() -> lanes.lanes().size() == 2 && window.timeline().chosen() != null
                    && title.getText().startsWith("v0.5 LTX chain"));
            List<GenerationBounds> gens = lanes.lanes();
            assertThat(gens).extracting(GenerationBounds::generation).contains("ltx");
            GenerationBounds v03 = gens.stream().filter(g -> !g.generation().equals("ltx")).findFirst().orElseThrow();
            GenerationBounds v05 = gens.stream().filter(g -> g.generation().equals("ltx")).findFirst().orElseThrow();
            assertThat(v03.updatedAt()).as("v0.3 ran first").isBefore(v05.updatedAt());

            @SuppressWarnings("unchecked")
            TableView<TimelineView.Point> points = lookup("#restore-points").queryAs(TableView.class);
            waitUntil(() -> points.getItems().size() > 3);
            assertThat(points.getColumns()).extracting(c -> c.getText()).contains("TXID");
            assertThat(lookup("#timeline-summary").queryAs(Label.class).getText()).contains("thin out with age");
            assertThat(window.timeline().chart().bands()).as("spacing bands on the chart").isNotEmpty()
                    .allSatisfy(b -> assertThat(b.label()).startsWith("L"));
            shot("v05-timeline");

            TimelineView.Point middle = points.getItems().get(points.getItems().size() / 2);
            interact(() -> points.getSelectionModel().select(middle));
            waitUntil(() -> lookup("#restore-snap").queryAs(Label.class).getText()
                    .contains("TXID " + LtxNames.txid(middle.offset())));
            clickOn("#restore-button");
            waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
            assertThat(lookup("#verify-badge").queryAs(Label.class).getText()).isEqualTo("Verified");
            Path restored = Path.of(lookup("#restored-path").queryAs(Label.class).getText());
            Path theirs = made.resolve("theirs.db");
            assertThat(r.restoreWithLitestream(theirs, "-txid", LtxNames.txid(middle.offset())).exit()).isZero();
            assertThat(Files.mismatch(restored, theirs)).isEqualTo(-1L);

            clickOn("Timeline");
            waitUntil(lanes::isVisible);
            clickOn(lanes.screenPointOf(v03.generation()));
            waitUntil(() -> title.getText().contains(v03.generation()) && window.timeline().chosen() != null);
            assertThat(points.getColumns()).extracting(c -> c.getText()).contains("WAL index");
            assertThat(window.timeline().chart().bands()).as("a v0.3 generation has no bands").isEmpty();
        }
    }
}
