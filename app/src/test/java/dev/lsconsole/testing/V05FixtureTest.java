package dev.lsconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed v0.5 fixtures still say what the real litestream says: the materialized copy has levels 0, 1, 2
 * and 9 with mtimes equal to the LTX header times (no Go needed), and, when the binary is at hand, each recorded
 * restore case gives the same sha256 or the same error line and exit code again.
 */
class V05FixtureTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {V05Fixture.V0516, V05Fixture.V0515})
    void materializedFixtureHasAllLevelsAndItsTimes(String name) throws Exception {
        JsonNode expected = V05Fixture.expected(name);
        Path replica = V05Fixture.materialize(name, tmp);
        Set<Integer> levels = new HashSet<>();
        long bytes = 0;
        for (JsonNode f : expected.get("files")) {
            Path p = replica.resolve(f.get("path").asText());
            levels.add(f.get("level").asInt());
            assertThat(V05Fixture.headerTimestamp(p)).isEqualTo(f.get("timestamp_ms").asLong());
            assertThat(Files.getLastModifiedTime(p).toMillis()).isEqualTo(f.get("mtime_ms").asLong())
                    .isEqualTo(f.get("timestamp_ms").asLong());
            bytes += Files.size(p);
        }
        assertThat(levels).contains(0, 1, 2, 9);
        assertThat(expected.get("ltx")).hasSameSizeAs(expected.get("files"));
        assertThat(bytes).isLessThan(2 << 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {V05Fixture.V0516, V05Fixture.V0515})
    void realLitestreamStillGivesTheRecordedResults(String name) throws Exception {
        JsonNode expected = V05Fixture.expected(name);
        String version = expected.get("litestream").asText();
        Assumptions.assumeTrue(Litestream05.available(version), "litestream " + version
                + " is not cached and `go` is not on the PATH to build it");
        String url = V05Fixture.materialize(name, tmp).toUri().toString();
        for (JsonNode c : expected.get("cases")) {
            List<String> args = new ArrayList<>();
            c.get("args").forEach(a -> args.add(a.asText()));
            assertThat(V05Fixture.runCase(version, tmp, url, args)).as(name + " " + args).isEqualTo(c);
        }
        Litestream.Result ls = Litestream05.exec(version, tmp, java.util.Map.of(), "ltx", "-level", "all", "-json", url);
        assertThat(V05Fixture.JSON.readTree(ls.stdout())).isEqualTo(expected.get("ltx"));
    }
}
