package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.ReplicaFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two generations made by the real litestream (a pod restart): time travel searches the latest by default,
 * says which generation covers a moment outside it, and searches that one with -generation; the points it
 * names restore with litestream to the results it reports.
 */
class TimeTravelGenerationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE = "SELECT count(*) FROM users";

    @TempDir
    Path tmp;

    @Test
    void aMomentInTheOlderGenerationIsNamedAndSearchedThere() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        String url = "file://" + fx.fileReplica;
        JsonNode timeline = JSON.readTree(CliRun.run(Map.of(), "timeline", url, "--json").stdout());
        JsonNode older = null;
        JsonNode latest = null;
        for (JsonNode g : timeline.get("generations")) {
            if (latest == null || Instant.parse(g.get("end").asText()).isAfter(Instant.parse(latest.get("end").asText()))) {
                older = latest == null ? older : latest;
                latest = g;
            } else {
                older = g;
            }
        }
        assertThat(older).as("two generations").isNotNull();
        Instant start = Instant.parse(older.get("start").asText());
        Instant mid = start.plus(Duration.between(start, Instant.parse(older.get("end").asText())).dividedBy(2));
        String old = older.get("generation").asText();

        CliRun.Result outside = CliRun.run(Map.of(), "bisect", url, "--query", PROBE, "--from", mid.toString());
        assertThat(outside.exit()).isEqualTo(1);
        assertThat(outside.stderr().strip()).doesNotContain("\n")
                .startsWith("error: --from " + mid + " is outside generation " + latest.get("generation").asText())
                .endsWith("; generation " + old + " covers it (" + older.get("start").asText() + " .. "
                        + older.get("end").asText() + "): add -generation " + old);

        CliRun.Result r = CliRun.run(Map.of(), "bisect", url, "-generation", old, "--query", PROBE, "--from",
                mid.toString(), "--json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        JsonNode b = JSON.readTree(r.stdout());
        assertThat(b.get("generation").asText()).isEqualTo(old);
        assertThat(b.get("changed").asBoolean()).isTrue();
        long before = b.get("last_good_state").get("rows").get(0).get(0).asLong();
        long after = b.get("first_changed_state").get("rows").get(0).get(0).asLong();
        assertThat(after).isNotEqualTo(before);
        assertThat(Instant.parse(b.get("last_good").get("time").asText())).isBeforeOrEqualTo(mid);
        assertThat(count(fx, url, old, b.get("last_good").get("time").asText())).isEqualTo(before);
        assertThat(count(fx, url, old, b.get("first_changed").get("time").asText())).isEqualTo(after);
    }

    private long count(ReplicaFixture fx, String url, String generation, String timestamp) throws Exception {
        Path out = tmp.resolve("at-" + System.nanoTime() + ".db");
        Litestream.Result l = Litestream.exec(fx.dir, Map.of(), "restore", "-generation", generation, "-timestamp",
                timestamp, "-o", out.toString(), url);
        assertThat(l.exit()).as(l.stdout() + l.stderr()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out);
             ResultSet rs = c.createStatement().executeQuery(PROBE)) {
            return rs.getLong(1);
        }
    }
}
