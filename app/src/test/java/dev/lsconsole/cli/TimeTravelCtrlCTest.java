package dev.lsconsole.cli;

import dev.lsconsole.testing.ForkedJvm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.ReplicaFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a person sends it (a real SIGINT to a forked JVM running the real CLI) while history walks a
 * generation made by the real litestream: exit 130, one line, and the working copy is gone.
 */
class TimeTravelCtrlCTest {
    @TempDir
    Path tmp;

    @Test
    void ctrlCDuringTheWalkRemovesTheWorkingCopy() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        Path temp = Files.createDirectories(tmp.resolve("temp"));
        Path stderr = tmp.resolve("stderr.txt");
        Path stdout = tmp.resolve("stdout.txt");
        List<String> cmd = List.of("env", "--default-signal=INT", // a background shell ignores SIGINT
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", ForkedJvm.classpath(),
                "-Djava.io.tmpdir=" + temp, "dev.lsconsole.Main", "history", "file://" + fx.fileReplica,
                "--table", "users", "--key", "3");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!walking(temp)) {
                assertThat(p.isAlive()).as("history ended before its walk was seen: " + ForkedJvm.read(stderr)).isTrue();
                assertThat(System.nanoTime()).as("waiting for the walk to start").isLessThan(deadline);
                Thread.sleep(2);
            }
            long signalled = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("history exits after Ctrl-C").isTrue();
            long ms = (System.nanoTime() - signalled) / 1_000_000;
            assertThat(ms).as("exit after the signal, in ms").isLessThanOrEqualTo(1000);
            assertThat(p.exitValue()).as(ForkedJvm.read(stderr)).isEqualTo(130);
            assertThat(ForkedJvm.read(stderr)).isEqualTo("cancelled: the working copy was removed, nothing written\n");
            assertThat(ForkedJvm.read(stdout)).isEmpty();
            try (var s = Files.list(temp)) {
                assertThat(s.filter(f -> f.getFileName().toString().startsWith("lsc-")).toList())
                        .as("working directory removed").isEmpty();
            }
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The working copy exists and is being walked (a database file in its private directory). */
    private static boolean walking(Path temp) throws IOException {
        try (var s = Files.walk(temp)) {
            return s.anyMatch(f -> f.getFileName().toString().equals("walk.db"));
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }
}
