package dev.lsconsole.timetravel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time travel on a litestream v0.5 replica: the one working copy, at every restore point of the chain,
 * holds exactly what the real litestream v0.5.16 restores with {@code -txid} of that point (L0 retention
 * short, so the chain crosses L9, L2, L1 and L0 files); and history/bisect name the TXID at which a row
 * appeared, as the workload recorded it.
 */
class LtxWalkTest {
    private static final V05Replica.Settings SETTINGS = new V05Replica.Settings(Litestream05.VERSION, 24, 120, "1s",
            "3s", "4s", "1h", "2s");

    @Test
    void everyPointEqualsLitestreamsRestoreAndRowEventsNameTheirTxid(@TempDir Path dir) throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica r = V05Replica.make(dir, V05Replica.Target.FILE, SETTINGS, false);
             Catalog cat = Catalog.ofConfig(r.config.toString(), true, n -> r.env.getOrDefault(n, System.getenv(n)))) {
            Replica rep = cat.databases().get(0).replicas().get(0);
            LtxChain chain = LtxChain.of(rep);
            assertThat(chain.steps().stream().map(s -> s.file().level()).distinct()).as("levels used").hasSizeGreaterThan(1);
            Path tmp = Files.createDirectories(dir.resolve("walk"));
            List<Long> txids = new ArrayList<>();
            Walk.ofLtx(rep, chain, tmp, new Cancellation()).run((p, db) -> {
                Path theirs = dir.resolve("lit-" + p.txid() + ".db");
                assertThat(r.restoreWithLitestream(theirs, "-txid", LtxNames.txid(p.txid())).exit()).isZero();
                try {
                    assertThat(Files.mismatch(db, theirs)).as("state at TXID " + p.txid()).isEqualTo(-1L);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                txids.add(p.txid());
                return true;
            });
            assertThat(txids).isSorted().doesNotHaveDuplicates().hasSizeGreaterThan(5);
            assertThat(txids.get(txids.size() - 1)).isEqualTo(r.commits().get(r.commits().size() - 1).txid());
            assertThat(tmp).isEmptyDirectory();

            Cancellation cancel = new Cancellation();
            int[] visits = {0};
            assertThatThrownBy(() -> Walk.ofLtx(rep, chain, tmp, cancel).run((p, db) -> {
                if (++visits[0] == 2) {
                    cancel.cancel();
                }
                return true;
            })).isInstanceOf(CancellationException.class);
            assertThat(tmp).as("nothing left after a cancel").isEmptyDirectory();

            // reading a row only where its pages changed gives the answers of reading it at every point
            Walk walk = Walk.ofLtx(rep, chain, tmp, new Cancellation());
            for (int key : new int[] {1, r.commits().get(r.commits().size() / 2).rows(), r.commits().get(r.commits().size() - 1).rows()}) {
                RowProbe row = new RowProbe("items", List.of(Integer.toString(key)));
                RowHistory.Result skip = RowHistory.of(walk, row);
                RowHistory.Result every = RowHistory.of(walk.everyPoint(), row);
                assertThat(skip.events()).as("history of items " + key).isEqualTo(every.events());
                assertThat(skip.everExisted()).isTrue();
                assertThat(skip.initial()).isEqualTo(every.initial());
                assertThat(skip.points()).isEqualTo(every.points()).isEqualTo(every.probed());
                assertThat(skip.probed()).isLessThanOrEqualTo(every.probed());
            }

            // the row whose insert is the last commit appears at that commit's TXID, the newest restore point
            V05Replica.Commit last = r.commits().get(r.commits().size() - 1);
            String cfg = r.config.toString();
            CliRun.Result h = CliRun.run(r.env, "history", "-config", cfg, r.db.toString(), "--table", "items", "--key",
                    Integer.toString(last.rows()), "--json");
            assertThat(h.exit()).as(h.stderr()).isZero();
            JsonNode j = new ObjectMapper().readTree(h.stdout());
            assertThat(j.get("format").asText()).isEqualTo("v0.5");
            JsonNode appeared = j.get("events").get(0);
            assertThat(appeared.get("kind").asText()).isEqualTo("appeared");
            assertThat(appeared.get("at").get("txid").asText()).isEqualTo(last.txidHex());
            CliRun.Result b = CliRun.run(r.env, "bisect", "-config", cfg, r.db.toString(), "--table", "items", "--key",
                    Integer.toString(last.rows()));
            assertThat(b.exit()).as(b.stderr()).isZero();
            assertThat(b.stdout()).contains("the v0.5 LTX chain").contains("-txid ");

            // timeline: every restore point of the walk, and the bands saying how far apart they are
            CliRun.Result t = CliRun.run(r.env, "timeline", "-config", cfg, r.db.toString());
            assertThat(t.exit()).as(t.stderr()).isZero();
            for (long x : txids) {
                assertThat(t.stdout()).contains("txid " + LtxNames.txid(x) + "  level ");
            }
            assertThat(t.stdout()).contains("restore points thin out with age").containsPattern("level 0 +\\d+ restore points, each sync");
        }
    }
}
