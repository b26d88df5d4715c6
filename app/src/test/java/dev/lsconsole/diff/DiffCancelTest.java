package dev.lsconsole.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.testing.Dbs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long comparison as the window sees it: it reports table by table, and is stopped inside SQLite when
 * cancelled, not left to finish its scan in the background.
 */
class DiffCancelTest {
    @TempDir
    Path tmp;

    @Test
    void interruptStopsARunningComparisonAndTheEngineStaysUsable() throws Exception {
        Path restored = tmp.resolve("restored.db");
        Path live = tmp.resolve("live.db");
        for (Path p : List.of(restored, live)) {
            Dbs.exec(p, "CREATE TABLE t(a INTEGER, b TEXT)",
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600000) "
                            + "INSERT INTO t SELECT i, hex(randomblob(16)) FROM n");
        }
        try (DiffEngine d = new DiffEngine(restored, live)) {
            long t0 = System.nanoTime();
            CompletableFuture<TableDiff> run = CompletableFuture.supplyAsync(() -> d.compare("t", null));
            Thread.sleep(300);
            assertThat(run).as("the rowid-table comparison of 600k random rows is still running").isNotDone();
            d.interrupt();
            assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS)).hasMessageContaining("interrupt");
            assertThat((System.nanoTime() - t0) / 1e9).as("seconds until it stopped").isLessThan(5);
            assertThat(d.compare(List.of(), "1 = 0")).hasSize(1);
        }
    }

    @Test
    void aComparisonReportsEachTableAsItStarts() throws Exception {
        Path restored = tmp.resolve("r.db");
        Path live = tmp.resolve("l.db");
        for (Path p : List.of(restored, live)) {
            Dbs.exec(p, "CREATE TABLE a(x)", "CREATE TABLE b(y)");
        }
        List<String> seen = new java.util.ArrayList<>();
        try (DiffEngine d = new DiffEngine(restored, live)) {
            d.compare(List.of(), null, (done, total, table) -> seen.add(done + "/" + total + " " + table));
        }
        assertThat(seen).containsExactly("0/2 a", "1/2 b", "2/2 null");
    }
}
