package dev.lsconsole.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test vectors made by Go itself (the release litestream v0.3.13 is built with, go1.21.3, fetched by
 * the go command as a toolchain): a generator under src/test/resources/NAME/main.go writes
 * NAME/vectors.json; where Go is installed, tests run it again and compare with the committed file.
 */
public final class GoVectors {
    public static final String TOOLCHAIN = "go1.21.3";

    private GoVectors() {
    }

    public static void assertGeneratorStillAgrees(String name) throws Exception {
        Assumptions.assumeTrue(goAvailable(), "go is not installed: the committed vectors are checked alone");
        Path dir = Path.of("src/test/resources", name);
        ProcessBuilder pb = new ProcessBuilder("go", "run", "main.go").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("GOTOOLCHAIN", TOOLCHAIN);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("go run finished").isTrue();
        assertThat(p.exitValue()).as("go run " + dir + "/main.go").isZero();
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(Files.readString(dir.resolve("vectors.json")));
    }

    private static boolean goAvailable() {
        try {
            Process p = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
