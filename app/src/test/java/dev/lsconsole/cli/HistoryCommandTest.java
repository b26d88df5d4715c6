package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.TimeTravelReplica;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * history against the ground truth the workload recorded, and against the real litestream restoring the
 * points history names: at "before" the old state, at "at" the new one.
 */
class HistoryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MTIME_TICK_MS = 20;

    @TempDir
    Path tmp;

    private final TimeTravelReplica fx = TimeTravelReplica.get();

    @Test
    void rowHistoryMatchesWhatTheWorkloadDidAndWhatLitestreamRestores() throws Exception {
        int leftBefore = TimeTravelReplica.workingDirs();
        CliRun.Result r = CliRun.run(Map.of(), "history", "-config", fx.config.toString(), fx.db.toString(),
                "--table", "items", "--key", "7", "--json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        JsonNode h = JSON.readTree(r.stdout());
        assertThat(h.get("initial").isNull()).isTrue();
        List<String> kinds = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (JsonNode e : h.get("events")) {
            kinds.add(e.get("kind").asText());
            states.add(state(e.get("new"), "id", "name", "qty"));
        }
        assertThat(kinds).containsExactly("appeared", "changed", "changed", "vanished", "appeared");
        assertThat(states).containsExactlyElementsOf(fx.item7.stream().map(TimeTravelReplica.State::value).toList());
        assertThat(h.get("events").get(1).get("changes").toString())
                .isEqualTo("[{\"column\":\"qty\",\"old\":\"1\",\"new\":\"2\"}]");
        assertThat(h.get("events").get(2).get("changes").toString())
                .isEqualTo("[{\"column\":\"name\",\"old\":\"'a'\",\"new\":\"'b'\"}]");
        checkAgainstLitestream(h, fx.item7, "SELECT id || '|' || name || '|' || qty FROM items WHERE id = 7");
        assertThat(TimeTravelReplica.workingDirs()).as("working copy removed").isEqualTo(leftBefore);
    }

    @Test
    void compositeKeyInKeyColumnOrderByReplicaUrl() throws Exception {
        String url = "file://" + fx.replica;
        CliRun.Result r = CliRun.run(Map.of(), "history", url, "--table", "pairs", "--key", "7,1", "--json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        JsonNode h = JSON.readTree(r.stdout());
        List<String> kinds = new ArrayList<>();
        for (JsonNode e : h.get("events")) {
            kinds.add(e.get("kind").asText());
        }
        assertThat(kinds).containsExactly("appeared", "changed", "vanished");
        assertThat(state(h.get("events").get(0).get("new"), "a", "b", "v")).isEqualTo("7|1|x");
        checkAgainstLitestream(h, fx.pair71, "SELECT a || '|' || b || '|' || v FROM pairs WHERE a = 7 AND b = 1");

        CliRun.Result swapped = CliRun.run(Map.of(), "history", url, "--table", "pairs", "--key", "1,7");
        assertThat(swapped.exit()).isEqualTo(1);
        assertThat(swapped.stderr().strip()).startsWith("error: no row with key 1,7 in table pairs at any restore point")
                .doesNotContain("\n");
    }

    @Test
    void textOutputNamesEachChangeAndTheRestoreBeforeIt() {
        CliRun.Result r = CliRun.run(Map.of(), "history", "-config", fx.config.toString(), fx.db.toString(),
                "--table", "items", "--key", "7");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("  changed  qty: 1 -> 2", "  changed  name: 'a' -> 'b'", "  vanished  was ",
                "  appeared  id=7 name='c' qty=9", "before it: litestream-console restore -config "
                        + fx.config + " -generation ", "present at the last restore point");
    }

    @Test
    void badInputIsOneLineExitOneAndNothingOnDisk() {
        int leftBefore = TimeTravelReplica.workingDirs();
        String[][] cases = {
            {"--table", "nope", "--key", "7", "no table nope in generation "},
            {"--table", "pairs", "--key", "7", "table pairs has a key of 2 column(s) (a, b), but --key gives 1 part(s)"},
            {"--table", "items", "--key", "7,1", "table items has a key of 1 column(s) (id), but --key gives 2 part(s)"},
            {"--table", "items", "--key", "12345", "no row with key 12345 in table items at any restore point"},
        };
        fx.assertEachRefused("history", cases);
        assertThat(TimeTravelReplica.workingDirs()).isEqualTo(leftBefore);
    }

    /**
     * Every event: it comes after the moment the workload recorded before the change, the real litestream
     * restores the old state at "before" and the new one at "at", and the changes span several WAL indexes.
     */
    private void checkAgainstLitestream(JsonNode h, List<TimeTravelReplica.State> truth, String query) throws Exception {
        Set<Integer> indexes = new HashSet<>();
        String previous = null;
        int i = 0;
        for (JsonNode e : h.get("events")) {
            Instant at = Instant.parse(e.get("at").get("time").asText());
            // file mtimes come from the kernel's coarse clock, up to a scheduler tick behind Instant.now()
            assertThat(at).as("event " + i + " after its commit began")
                    .isAfterOrEqualTo(truth.get(i).since().minusMillis(MTIME_TICK_MS));
            assertThat(restoredValue(e.get("before").get("time").asText(), query)).as("before event " + i)
                    .isEqualTo(previous);
            assertThat(restoredValue(e.get("at").get("time").asText(), query)).as("at event " + i)
                    .isEqualTo(truth.get(i).value());
            indexes.add(e.get("at").get("index").asInt());
            previous = truth.get(i).value();
            i++;
        }
        assertThat(indexes).as("WAL indexes of the changes").hasSizeGreaterThanOrEqualTo(3);
    }

    private String restoredValue(String timestamp, String query) throws Exception {
        return fx.litestreamValueAt(timestamp, query, tmp);
    }

    private static String state(JsonNode row, String... cols) {
        if (row == null || row.isNull()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String c : cols) {
            parts.add(row.get(c).asText().replaceAll("^'|'$", ""));
        }
        return String.join("|", parts);
    }
}
