package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.ReplicaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands litestream does not have, and the CLI's own behaviour. */
class CliTest {
    @TempDir
    Path tmp;

    @Test
    void versionAndHelp() {
        CliRun.Result v = CliRun.run(Map.of(), "--version");
        assertThat(v.exit()).isZero();
        assertThat(v.stdout()).startsWith("litestream-console ").contains("litestream v0.3.13");
        CliRun.Result h = CliRun.run(Map.of(), "restore", "-h");
        assertThat(h.exit()).isZero();
        assertThat(h.stdout()).contains("-timestamp").contains("-if-replica-exists").contains("--dry-run");
        CliRun.Result bad = CliRun.run(Map.of(), "restore", "-nope", "x");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).startsWith("error: ");
        CliRun.Result unknown = CliRun.run(Map.of(), "frobnicate");
        assertThat(unknown.exit()).isEqualTo(1);
    }

    @Test
    void missingConfigIsOneLine() {
        CliRun.Result r = CliRun.run(Map.of(), "generations", "-config", tmp.resolve("none.yml").toString(), "/data/app.db");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("error: config file not found: " + tmp.resolve("none.yml"));
        CliRun.Result u = CliRun.run(Map.of(), "generations", "-config", "x.yml", "s3://b/p");
        assertThat(u.stderr()).contains("cannot specify a replica URL and the -config flag");
    }

    @Test
    void timelineListsEveryRestorePoint() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        String url = "file://" + fx.fileReplica;
        CliRun.Result json = CliRun.run(Map.of(), "timeline", "--json", url);
        assertThat(json.exit()).as(json.stderr()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.stdout());
        long points = 0;
        for (JsonNode g : root.get("generations")) {
            assertThat(g.get("start").asText()).isLessThanOrEqualTo(g.get("end").asText());
            points += g.get("points").size();
            assertThat(g.get("points").size()).isEqualTo(g.get("snapshots").asInt() + g.get("segments").asInt());
        }
        long segments = CliRun.run(Map.of(), "wal", url).stdout().lines().count() - 1;
        long snapshots = CliRun.run(Map.of(), "snapshots", url).stdout().lines().count() - 1;
        assertThat(points).isEqualTo(segments + snapshots).isGreaterThan(100);
        CliRun.Result text = CliRun.run(Map.of(), "timeline", url);
        assertThat(text.stdout().lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(points);
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        ReplicaFixture fx = ReplicaFixture.get();
        Path out = tmp.resolve("never.db");
        CliRun.Result r = CliRun.run(Map.of(), "restore", "--dry-run", "-o", out.toString(), "file://" + fx.fileReplica);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("generation:").contains("snapshot:").contains("restores to:")
                .contains("output:      " + out);
        assertThat(r.stdout().lines().filter(l -> l.startsWith("wal ")).count()).isGreaterThan(10);
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void selfTestPasses() {
        CliRun.Result r = CliRun.run(Map.of(), "self-test");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("restore: ok").contains("integrity_check ok").contains("s3 client: ok");
    }
}
