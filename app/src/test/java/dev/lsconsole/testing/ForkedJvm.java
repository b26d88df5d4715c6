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

    /**
     * Starts {@code main} in a JVM of its own on the test class path, with {@code args}; its stdout is read by
     * the test (one line saying what it holds, typically), its stderr discarded.
     */
    public static Process start(Class<?> main, String... args) throws IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath(), main.getName()));
        cmd.addAll(java.util.List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The first line {@code p} printed (null when it ended without one). */
    public static String firstLine(Process p) throws IOException {
        return new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
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
