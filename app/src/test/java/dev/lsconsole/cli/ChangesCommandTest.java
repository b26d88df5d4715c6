package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.TimeTravelReplica;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** changes between two moments against what the workload did in between, and litestream's restores at both. */
class ChangesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final TimeTravelReplica fx = TimeTravelReplica.get();

    @Test
    void rowsDeletedAndChangedInTheWindow() throws Exception {
        // after qty became 2 (and before the rename); before item 7 came back
        Instant from = fx.item7.get(1).since().plusMillis(100);
        Instant to = fx.item7.get(4).since().minusMillis(100);
        assertThat(fx.pair71.get(2).since()).isBetween(from, to);
        CliRun.Result r = CliRun.run(Map.of(), "changes", "-config", fx.config.toString(), fx.db.toString(),
                "--from", from.toString(), "--to", to.toString(), "--table", "items", "--table", "pairs", "--json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        JsonNode c = JSON.readTree(r.stdout());
        List<String> rows = new ArrayList<>();
        for (JsonNode t : c.get("tables")) {
            for (JsonNode row : t.get("rows")) {
                rows.add(t.get("table").asText() + " " + row.get("kind").asText() + " " + row.get("key") + " " + row.get("restored") + " "
                        + row.get("live"));
            }
        }
        assertThat(rows).containsExactlyInAnyOrder(
                "items missing_in_live [\"7\"] [\"'a'\",\"2\"] null",
                "items changed [\"8\"] [\"'other'\",\"0\"] [\"'other'\",\"2\"]",
                "pairs missing_in_live [\"7\",\"1\"] [\"'x'\"] null");
        String fromTime = c.get("from").get("time").asText();
        String toTime = c.get("to").get("time").asText();
        assertThat(Instant.parse(fromTime)).isBeforeOrEqualTo(from);
        assertThat(Instant.parse(toTime)).isBeforeOrEqualTo(to).isAfter(Instant.parse(fromTime));
        String q = "SELECT group_concat(id || '|' || name || '|' || qty, ',') FROM (SELECT * FROM items ORDER BY id)";
        assertThat(restored(fromTime, q)).isEqualTo("7|a|2,8|other|0");
        assertThat(restored(toTime, q)).isEqualTo("8|other|2");
    }

    @Test
    void textOutputCountsEachKind() {
        Instant from = fx.item7.get(1).since().plusMillis(100);
        Instant to = fx.item7.get(4).since().minusMillis(100);
        CliRun.Result r = CliRun.run(Map.of(), "changes", "file://" + fx.replica, "--from", from.toString(),
                "--to", to.toString(), "--table", "items");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("items: 1 deleted", "  id=7  name='a' qty=2\n", "items: 1 changed",
                "  id=8  qty=0 -> 2\n");
    }

    @Test
    void badInputIsOneLineExitOneAndNothingOnDisk() {
        int before = TimeTravelReplica.workingDirs();
        Instant mid = fx.item7.get(2).since();
        String[][] cases = {
            {"--from", mid.toString(), "--to", mid.minusSeconds(1).toString(), "--from " + mid + " is after --to "},
            {"--from", mid.toString(), "--to", "2099-01-01T00:00:00Z", "--to 2099-01-01T00:00:00Z is outside generation "},
            {"--from", "2001-01-01T00:00:00Z", "--to", mid.toString(), "--from 2001-01-01T00:00:00Z is outside generation "},
            {"--from", "noon", "--to", mid.toString(), "invalid --from \"noon\""},
            {"--from", mid.minusSeconds(1).toString(), "--to", mid.toString(), "--table", "nope", "no table nope at --from or --to"},
        };
        fx.assertEachRefused("changes", cases);
        assertThat(TimeTravelReplica.workingDirs()).isEqualTo(before);
    }

    private String restored(String timestamp, String query) throws Exception {
        return fx.litestreamValueAt(timestamp, query, tmp);
    }
}
