package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.TimeTravelReplica;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bisect against the moments the workload recorded, against the real litestream restoring the two points
 * bisect names, and against our own restore run exactly as bisect prints it.
 */
class BisectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MTIME_TICK_MS = 20; // file mtimes use the kernel's coarse clock
    private static final String ITEM7 = "SELECT id || '|' || name || '|' || qty FROM items WHERE id = 7";

    @TempDir
    Path tmp;

    private final TimeTravelReplica fx = TimeTravelReplica.get();

    @Test
    void rowVanishedAfterFrom() throws Exception {
        TimeTravelReplica.State deleted = fx.item7.get(3);
        assertThat(deleted.value()).isNull();
        Instant from = deleted.since().minusMillis(100); // between the rename and the delete
        JsonNode b = bisect("--table", "items", "--key", "7", "--from", from.toString());
        assertThat(b.get("changed").asBoolean()).isTrue();
        assertThat(b.get("last_good_state").get("name").asText()).isEqualTo("'b'");
        assertThat(b.get("first_changed_state").isNull()).isTrue();
        checkBoundary(b, deleted, "7|b|2", ITEM7);
    }

    @Test
    void queryResultChangedWhenTheRowWasRenamed() throws Exception {
        TimeTravelReplica.State renamed = fx.item7.get(2);
        assertThat(renamed.value()).isEqualTo("7|b|2");
        Instant from = fx.item7.get(1).since().plusMillis(100); // after qty became 2, before the rename
        JsonNode b = bisect("--query", "SELECT id, name FROM items WHERE id = 7 ORDER BY id", "--from", from.toString());
        assertThat(b.get("changed").asBoolean()).isTrue();
        assertThat(b.get("last_good_state").get("rows").toString()).isEqualTo("[[\"7\",\"'a'\"]]");
        assertThat(b.get("first_changed_state").get("rows").toString()).isEqualTo("[[\"7\",\"'b'\"]]");
        checkBoundary(b, renamed, "7|a|2", ITEM7);
    }

    @Test
    void firstChangeFromTheStartAndCompositeKeyByUrl() throws Exception {
        CliRun.Result r = CliRun.run(Map.of(), "bisect", "file://" + fx.replica, "--table", "pairs", "--key", "7,1",
                "--json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        JsonNode b = JSON.readTree(r.stdout());
        assertThat(b.get("last_good_state").isNull()).isTrue();
        assertThat(b.get("first_changed_state").get("v").asText()).isEqualTo("'x'");
        assertThat(restored(b.get("last_good").get("time").asText(), "SELECT v FROM pairs WHERE a = 7 AND b = 1"))
                .isNull();
        assertThat(restored(b.get("first_changed").get("time").asText(), "SELECT v FROM pairs WHERE a = 7 AND b = 1"))
                .isEqualTo("x");
    }

    @Test
    void textOutputAndAResultThatNeverChanged() {
        CliRun.Result r = CliRun.run(Map.of(), "bisect", "-config", fx.config.toString(), fx.db.toString(),
                "--table", "items", "--key", "7");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("last good:     ", "  (absent)", "first changed: ", "id=7 name='a' qty=1",
                "restore the last good state: litestream-console restore -config ");
        CliRun.Result same = CliRun.run(Map.of(), "bisect", "-config", fx.config.toString(), fx.db.toString(),
                "--query", "SELECT count(*) FROM sqlite_master WHERE name = 'items' OR name = 'a;b'; -- one statement;");
        assertThat(same.exit()).as(same.stderr()).isZero();
        assertThat(same.stdout()).contains("unchanged from the first to the last restore point");
    }

    @Test
    void badInputIsOneLineExitOneAndNothingOnDisk() {
        int before = TimeTravelReplica.workingDirs();
        String[][] cases = {
            {"--query", "DELETE FROM items", "refused: the query is not read-only"},
            {"--query", "WITH x AS (SELECT 99) INSERT INTO items(id) SELECT * FROM x", "refused: the query is not read-only"},
            {"--query", "PRAGMA user_version = 3", "refused: the query is not read-only"},
            {"--query", "SELECT 1; DELETE FROM items", "refused: --query must be one statement"},
            {"--query", "SELECT 1 /* ; */; -- done\n SELECT 2", "refused: --query must be one statement"},
            {"--query", "PRAGMA writable_schema=1", "refused: the query returns no rows, so it is not a read-only query"},
            {"--query", "SELECT nope FROM items", "query failed: "},
            {"--query", "SELECT * FROM nope", "query failed: "},
            {"--table", "nope", "--key", "1", "no table nope in generation "},
            {"--table", "pairs", "--key", "7,1,2", "table pairs has a key of 2 column(s) (a, b), but --key gives 3 part(s)"},
            {"--table", "items", "--key", "7", "--from", "2001-01-01T00:00:00Z", "--from 2001-01-01T00:00:00Z is outside "
                    + "generation "},
            {"--table", "items", "--key", "7", "--from", "yesterday", "invalid --from \"yesterday\""},
        };
        fx.assertEachRefused("bisect", cases);
        assertThat(TimeTravelReplica.workingDirs()).isEqualTo(before);
        assertThat(liveHasRow99()).as("the refused INSERT ran nowhere").isFalse();
    }

    private JsonNode bisect(String... probe) throws Exception {
        List<String> args = new ArrayList<>(List.of("bisect", "-config", fx.config.toString(), fx.db.toString()));
        args.addAll(List.of(probe));
        args.add("--json");
        CliRun.Result r = CliRun.run(Map.of(), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.stderr()).isZero();
        return JSON.readTree(r.stdout());
    }

    /**
     * The first changed point comes after the recorded change began, the real litestream restores the old
     * state at last_good and the new one at first_changed, and the printed restore command gives the old one.
     */
    private void checkBoundary(JsonNode b, TimeTravelReplica.State change, String old, String query) throws Exception {
        Instant first = Instant.parse(b.get("first_changed").get("time").asText());
        assertThat(first).isAfterOrEqualTo(change.since().minusMillis(MTIME_TICK_MS));
        assertThat(restored(b.get("last_good").get("time").asText(), query)).isEqualTo(old);
        assertThat(restored(b.get("first_changed").get("time").asText(), query)).isEqualTo(change.value());
        Path ours = tmp.resolve("ours-" + System.nanoTime() + ".db");
        List<String> cmd = new ArrayList<>(List.of(b.get("restore_last_good").asText().split(" ")));
        assertThat(cmd.remove(0)).isEqualTo("litestream-console");
        cmd.set(cmd.indexOf("RESTORED.db"), ours.toString());
        CliRun.Result r = CliRun.run(Map.of(), cmd.toArray(String[]::new));
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(value(ours, query)).isEqualTo(old);
    }

    private String restored(String timestamp, String query) throws Exception {
        return fx.litestreamValueAt(timestamp, query, tmp);
    }

    private boolean liveHasRow99() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + fx.db + "?mode=ro");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM items WHERE id = 99")) {
            return rs.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(Path db, String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
