package dev.lsconsole.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** For tests that run the real CLI in a JVM of its own (to send it a real SIGINT or limit its heap). */
public final class ForkedJvm {
    private ForkedJvm() {
    }

    /** The test class path, for {@code java -cp … dev.lsconsole.Main}. */
    public static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isEmpty() ? System.getProperty("java.class.path") : cp;
    }

    /** What the child wrote to a redirected file so far ("" before it wrote anything). */
    public static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
