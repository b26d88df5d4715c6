package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.BigReplica;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.ForkedJvm;
import dev.lsconsole.testing.Litestream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore killed outright (SIGKILL, as the OOM killer does) runs no cleanup: its hidden, full-size
 * {@code .NAME.<hex>.restoring} file stays beside -o. The next restore to the same output removes it and says so
 * in one line, but never touches the temp file of another restore that is still running (here one held stopped
 * with SIGSTOP, so it is surely alive). Real JVMs of their own, real signals.
 */
class RestoreKilledTest {
    static Path work;
    static Path replica;

    @TempDir
    Path tmp;

    @BeforeAll
    static void bigReplica() throws Exception {
        work = Files.createTempDirectory("lsc-killed-");
        replica = BigReplica.make(work, 600_000, 8, 70_000);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Litestream.deleteTree(work);
    }

    @Test
    void nextRestoreRemovesTheKilledOnesTempFilesButNotARunningOnes() throws Exception {
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path out = outDir.resolve("restored.db");

        // the running one first: a restore sweeps too, and would remove the killed one's files itself
        Process running = startRestore(out, tmp.resolve("trace-running.txt"));
        try {
            waitForPhase(running, tmp.resolve("trace-running.txt"), "apply 0");
            signal("STOP", running);
            assertThat(ForkedJvm.read(tmp.resolve("trace-running.txt"))).doesNotContain("done");
            Set<Path> live = restoringFiles(outDir);
            assertThat(live).as("the running restore's temp file").hasSize(1);
            Path alive = live.iterator().next();
            Set<Path> aliveFiles = filesOf(outDir, alive);

            Process killed = startRestore(out, tmp.resolve("trace-killed.txt"));
            try {
                waitForPhase(killed, tmp.resolve("trace-killed.txt"), "apply 0");
                // killed once some of the snapshot is in its temp file ("apply 0" comes as the snapshot starts)
                BigReplica.waitFor("the killed restore to write 1 MiB", 120, () -> {
                    if (!killed.isAlive()) {
                        throw new AssertionError("the restore ended before it could be killed");
                    }
                    try {
                        Set<Path> mine = restoringFiles(outDir);
                        mine.removeAll(live);
                        return !mine.isEmpty() && Files.size(mine.iterator().next()) > (1 << 20);
                    } catch (IOException notYet) {
                        return false;
                    }
                });
                killed.destroyForcibly(); // SIGKILL
                assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(killed.exitValue()).isEqualTo(137);
            } finally {
                killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Set<Path> leftover = restoringFiles(outDir);
            leftover.removeAll(live);
            assertThat(leftover).as("the killed restore's temp file").hasSize(1);
            Path dead = leftover.iterator().next();
            assertThat(Files.size(dead)).as("the snapshot was written into it").isGreaterThan(1 << 20);
            assertThat(filesOf(outDir, alive)).as("the killed one left the running one's files alone")
                    .isEqualTo(aliveFiles);

            CliRun.Result next = CliRun.run(Map.of(), "restore", "-o", out.toString(), "file://" + replica);
            assertThat(next.exit()).as(next.stderr()).isZero();
            List<String> said = next.stderr().lines().filter(l -> l.contains(dead.getFileName().toString())).toList();
            assertThat(said).as(next.stderr()).hasSize(1);
            assertThat(said.get(0)).contains("removed").contains("killed");
            assertThat(dead).as("the killed restore's temp file is gone").doesNotExist();
            assertThat(filesOf(outDir, dead)).as("and everything named after it").isEmpty();
            assertThat(next.stderr()).doesNotContain(alive.getFileName().toString());
            assertThat(filesOf(outDir, alive)).as("the running restore's files are untouched").isEqualTo(aliveFiles);
            assertThat(out).exists();
        } finally {
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startRestore(Path out, Path trace) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ForkedJvm.classpath(), "-D" + PhaseTrace.PROPERTY + "=" + trace, "dev.lsconsole.Main",
                "restore", "--verify", "full", "-o", out.toString(), "file://" + replica);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void waitForPhase(Process p, Path trace, String phase) throws InterruptedException {
        BigReplica.waitFor("the restore to enter phase " + phase, 120, () -> {
            if (!p.isAlive()) {
                throw new AssertionError("the restore ended before " + phase + ": " + ForkedJvm.read(trace));
            }
            return ForkedJvm.read(trace).lines().anyMatch(phase::equals);
        });
    }

    private static void signal(String name, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(p.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static Set<Path> restoringFiles(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return new HashSet<>(s.filter(p -> p.getFileName().toString().endsWith(".restoring")).toList());
        }
    }

    /** The files whose names start with a temp file's stem ({@code .NAME.<hex>}): it, its sidecars, its lock. */
    private static Set<Path> filesOf(Path dir, Path restoring) throws IOException {
        String name = restoring.getFileName().toString();
        String stem = name.substring(0, name.length() - ".restoring".length());
        try (var s = Files.list(dir)) {
            return new HashSet<>(s.filter(p -> p.getFileName().toString().startsWith(stem + ".")
                    || p.getFileName().toString().startsWith(stem + "-")).toList());
        }
    }
}
