package dev.lsconsole.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EnvExpander against Go's os.Expand itself: vectors.json holds about 1,800 inputs (every printable
 * ASCII character and a few non-ASCII ones, in each position a name can take) with the result Go
 * gives; goexpand/main.go made them (see GoVectors).
 */
class EnvExpanderTest {
    @Test
    void matchesGoOnEveryCommittedVector() throws IOException {
        String[][] vectors;
        try (InputStream in = EnvExpanderTest.class.getResourceAsStream("/goexpand/vectors.json")) {
            vectors = new ObjectMapper().readValue(in, String[][].class);
        }
        assertThat(vectors.length).isGreaterThan(1500);
        List<String> wrong = new ArrayList<>();
        for (String[] v : vectors) {
            String ours = EnvExpander.expand(v[0], name -> "<" + name + ">");
            if (!ours.equals(v[1])) {
                wrong.add(v[0] + " -> " + ours + " (Go: " + v[1] + ")");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void namesWithDigitsExpandFromTheEnvironmentAndUnknownOnesVanish() {
        var env = java.util.Map.of("S3_ENDPOINT", "minio:9000", "BACKUP_DIR_2", "/b2", "R2_ENDPOINT", "r2");
        assertThat(EnvExpander.expand("https://${S3_ENDPOINT}/${R2_ENDPOINT}$BACKUP_DIR_2/${NOPE}x", env::get))
                .isEqualTo("https://minio:9000/r2/b2/x");
    }

    @Test
    void committedVectorsAreWhatGoPrintsToday() throws Exception {
        dev.lsconsole.testing.GoVectors.assertGeneratorStillAgrees("goexpand");
    }
}
