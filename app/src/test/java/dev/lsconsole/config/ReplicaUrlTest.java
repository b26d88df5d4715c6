package dev.lsconsole.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.testing.GoVectors;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ReplicaUrl against litestream v0.3.13's own ParseReplicaURL on Go's net/url: about 1,500 URLs with
 * every printable ASCII character (and escapes, non-ASCII) in each part; gourl/main.go made them.
 */
class ReplicaUrlTest {
    @Test
    void matchesLitestreamOnEveryCommittedVector() throws Exception {
        JsonNode vectors;
        try (InputStream in = ReplicaUrlTest.class.getResourceAsStream("/gourl/vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        assertThat(vectors.size()).isGreaterThan(1400);
        List<String> wrong = new ArrayList<>();
        for (JsonNode v : vectors) {
            String in = v.get("in").asText();
            String want = v.path("err").asBoolean() ? "error"
                    : v.path("scheme").asText() + "|" + v.path("host").asText() + "|" + goPath(v.path("path").asText());
            String ours;
            try {
                ReplicaUrl u = ReplicaUrl.parse(in);
                ours = u.scheme() + "|" + u.host() + "|" + u.path();
            } catch (ConfigException e) {
                ours = "error";
            }
            if (!ours.equals(want)) {
                wrong.add(in + " -> " + ours + " (litestream: " + want + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** litestream keeps "." for an empty bucket path; it joins to the same keys as our "". */
    private static String goPath(String p) {
        return p.equals(".") ? "" : p;
    }

    @Test
    void spacesAreFineAndAFileUrlNamesTheDirectoryLitestreamWrites() {
        assertThat(ReplicaUrl.parse("s3://my-bucket/path with spaces/app.db"))
                .isEqualTo(new ReplicaUrl("s3", "my-bucket", "path with spaces/app.db"));
        assertThat(ReplicaUrl.parse("file:///backups/my dir/app db").path()).isEqualTo("/backups/my%20dir/app%20db");
    }

    @Test
    void committedVectorsAreWhatLitestreamsGoPrintsToday() throws Exception {
        GoVectors.assertGeneratorStillAgrees("gourl");
    }
}
