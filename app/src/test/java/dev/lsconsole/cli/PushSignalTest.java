package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.live.LocalShell;
import dev.lsconsole.live.SqliteShell;
import dev.lsconsole.testing.BigReplica;
import dev.lsconsole.testing.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT to the whole process group, as a terminal sends it: sqlite3 gets it too) and SIGTERM (to
 * the JVM alone) during a real push of a 16 MB blob with the real sqlite3, at several moments after the
 * push started (read from its audit log, never guessed from a sleep before it). Whatever the moment, the
 * CLI says in one line whether live was written, that matches live, and the audit log records the same.
 */
class PushSignalTest {
    private static final int BLOB = 16_000_000;

    @TempDir
    Path tmp;
    Path restored;
    Path live;

    @BeforeEach
    void dbs() {
        restored = tmp.resolve("restored.db");
        live = tmp.resolve("live.db");
        sqlite(restored, "CREATE TABLE blobs(id INTEGER PRIMARY KEY, b BLOB);"
                + "INSERT INTO blobs VALUES (1, randomblob(" + BLOB + ")), (2, x'00');");
        sqlite(live, "CREATE TABLE blobs(id INTEGER PRIMARY KEY, b BLOB); INSERT INTO blobs VALUES (2, x'00');");
    }

    @ParameterizedTest(name = "{0} {1} ms after the push started")
    @CsvSource({"INT, 0", "INT, 150", "INT, 300", "INT, 500", "TERM, 0", "TERM, 400"})
    void signalDuringPushSaysWhetherLiveWasWritten(String signal, int delayMs) throws Exception {
        Path state = tmp.resolve("state");
        Path audit = state.resolve("audit.log");
        Path stderr = tmp.resolve("stderr.txt");
        Path stdout = tmp.resolve("stdout.txt");
        Process p = startPush(state, stderr, ProcessBuilder.Redirect.to(stdout.toFile()),
                Files.createDirectories(tmp.resolve("t")));
        try {
            BigReplica.waitFor("the push to start", 120, () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("the push ended before it started: " + ForkedJvm.read(stderr));
                }
                return ForkedJvm.read(audit).contains("\"outcome\":\"started\"");
            });
            Thread.sleep(delayMs);
            String target = signal.equals("INT") ? "-" + p.pid() : Long.toString(p.pid()); // INT: the group
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", target).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(25, TimeUnit.SECONDS)).as("exits in bounded time").isTrue();
            if (p.exitValue() == 0) { // a fast machine: the whole push ended before the signal reached it
                assertThat(Files.readAllLines(audit)).hasSize(2).last().asString().contains("\"outcome\":\"ok\"");
                assertThat(sqlite(live, "SELECT count(*) FROM blobs WHERE id = 1 AND length(b) = " + BLOB + ";"))
                        .isEqualTo("1");
                System.out.println(signal + " at +" + delayMs + " ms: the push had ended");
                return;
            }
            assertThat(p.exitValue()).isEqualTo(signal.equals("INT") ? 130 : 143);

            boolean written = sqlite(live, "SELECT count(*) FROM blobs WHERE id = 1 AND length(b) = " + BLOB + ";").equals("1");
            String said = written ? "interrupted: written, verified" : "interrupted: not written";
            assertThat(ForkedJvm.read(stderr)).as("one line saying whether live was written")
                    .isEqualTo("push " + said + "; audit log " + audit + "\n");
            List<String> lines = Files.readAllLines(audit);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).contains("\"outcome\":\"" + said + "\"");
            dev.lsconsole.push.AuditLog.Pushes read = dev.lsconsole.push.AuditLog.read(audit); // as the window lists it
            assertThat(read.unreadableLines()).isZero();
            assertThat(read.pushes()).singleElement().satisfies(x -> {
                assertThat(x.outcome()).isEqualTo(said);
                assertThat(x.undoable()).as("undo offered only if written").isEqualTo(written);
            });
            assertThat(ForkedJvm.read(stdout).lines().toList()).as("the plan line only").singleElement()
                    .satisfies(l -> assertThat(l).startsWith("push 1 rows of blobs"));
            System.out.println(signal + " at +" + delayMs + " ms: " + said);
            try (var s = Files.list(state.resolve("undo"))) {
                assertThat(s.map(f -> f.getFileName().toString()).toList()).as("one whole undo script, no .part")
                        .singleElement().satisfies(n -> assertThat(n).endsWith(".sql"));
            }
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Ctrl-C while the push still reads live (its copy exists, nothing is planned yet): says nothing was written. */
    @org.junit.jupiter.api.Test
    void ctrlCBeforeThePushBeganSaysNothingWasWritten() throws Exception {
        Path state = tmp.resolve("state");
        Path stderr = tmp.resolve("stderr.txt");
        Path tmpdir = Files.createDirectories(tmp.resolve("t"));
        Process p = startPush(state, stderr, ProcessBuilder.Redirect.DISCARD, tmpdir);
        try {
            BigReplica.waitFor("the copy of live", 120, () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("the push ended first: " + ForkedJvm.read(stderr));
                }
                try (var s = Files.list(tmpdir)) {
                    return s.anyMatch(f -> f.getFileName().toString().startsWith("lsc-live-"));
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            Process kill = new ProcessBuilder("kill", "-s", "INT", "--", "-" + p.pid()).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(25, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(ForkedJvm.read(stderr)).isEqualTo("push interrupted before writing: nothing was written to "
                    + live + "\n");
            assertThat(sqlite(live, "SELECT count(*) FROM blobs WHERE id = 1;")).isEqualTo("0");
            assertThat(state.resolve("audit.log")).doesNotExist();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Ctrl-C while the undo script (written before live is touched) is being written: no truncated file. */
    @org.junit.jupiter.api.Test
    void ctrlCWhileWritingTheUndoScriptLeavesNoPartialFile() throws Exception {
        Path state = tmp.resolve("state");
        Path undoDir = state.resolve("undo");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = startPush(state, stderr, ProcessBuilder.Redirect.DISCARD, Files.createDirectories(tmp.resolve("t")));
        try {
            BigReplica.waitFor("the undo script to be written", 120, () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("the push ended first: " + ForkedJvm.read(stderr));
                }
                try (var s = Files.list(undoDir)) {
                    return s.findAny().isPresent();
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            Process kill = new ProcessBuilder("kill", "-s", "INT", "--", "-" + p.pid()).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(25, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(130);
            String said = ForkedJvm.read(stderr);
            if (!said.startsWith("push interrupted before writing")) {
                // a loaded machine: the script was whole and the push under way when the signal came; then it
                // is the one whole undo script, never a partial one, and the line says what happened to live
                assertThat(said).startsWith("push interrupted: ").doesNotContain("\n" + "push");
                try (var s = Files.list(undoDir)) {
                    assertThat(s.map(f -> f.getFileName().toString()).toList()).singleElement()
                            .satisfies(n -> assertThat(n).endsWith(".sql"));
                }
                return;
            }
            assertThat(sqlite(live, "SELECT count(*) FROM blobs WHERE id = 1;")).as("live not touched").isEqualTo("0");
            try (var s = Files.list(undoDir)) {
                assertThat(s.toList()).as("no undo script, whole or partial").isEmpty();
            }
            assertThat(said).isEqualTo("push interrupted before writing: nothing was written to " + live + "\n");
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code push restored live --keys 1 --yes} in a JVM of its own, in a session of its own (setsid: a signal
     * to its group reaches it and its sqlite3, as a terminal's Ctrl-C does), with SIGINT not ignored.
     */
    private Process startPush(Path state, Path stderr, ProcessBuilder.Redirect stdout, Path tmpdir)
            throws java.io.IOException {
        List<String> cmd = List.of("setsid", "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", ForkedJvm.classpath(),
                "dev.lsconsole.Main", "push", restored.toString(), live.toString(), "--table", "blobs", "--keys", "1",
                "--yes", "--state-dir", state.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile()).redirectOutput(stdout);
        pb.environment().put("TMPDIR", tmpdir.toString());
        return pb.start();
    }

    private static String sqlite(Path db, String sql) {
        SqliteShell.Result r = new LocalShell().run(List.of("sqlite3", db.toString()), ".bail on\n" + sql + "\n.quit\n",
                60);
        if (!r.ok() || !r.stderr().isBlank()) {
            throw new AssertionError("sqlite3 failed on " + sql + ": " + r.stderr());
        }
        return r.stdout().strip();
    }
}
