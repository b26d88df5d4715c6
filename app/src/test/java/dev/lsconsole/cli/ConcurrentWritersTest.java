package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.TwoWriters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicas > 1 accident, made with the real litestream v0.3.13: two processes replicate two copies
 * of a database to one replica path at the same time; check must name both generations.
 */
class ConcurrentWritersTest {
    @TempDir
    Path tmp;

    @Test
    void twoWritersToOnePathAreConcurrentWritersNamingBothGenerations() throws Exception {
        Path replica = TwoWriters.replica(tmp);
        List<String> gens = TwoWriters.generations(replica);
        assertThat(gens).hasSize(2);
        CliRun.Result r = CliRun.run(Map.of(), "check", "--json", "--max-lag", "24h", "file://" + replica);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(1);
        JsonNode j = HealthCommandTest.json(r);
        assertThat(j.get("status").asText()).isEqualTo("fail");
        assertThat(j.get("problems")).hasSize(1);
        JsonNode p = j.get("problems").get(0);
        assertThat(p.get("kind").asText()).isEqualTo("concurrent-writers");
        assertThat(p.get("message").asText()).contains(gens.get(0), gens.get(1));
    }
}
