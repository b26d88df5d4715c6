package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.live.LocalShell;
import dev.lsconsole.live.SqliteShell;
import dev.lsconsole.testing.BigReplica;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.ForkedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI's copy of live ($TMPDIR/lsc-live-…, a full copy of production data) never stays behind: a
 * real SIGINT or SIGTERM to a forked diff deletes it; after a SIGKILL the next diff or push sweeps it.
 */
class LiveCopyCleanupTest {
    @TempDir
    Path tmp;
    Path restored;
    Path live;
    Path tmpdir;

    @BeforeEach
    void dbs() throws IOException {
        restored = tmp.resolve("restored.db");
        live = tmp.resolve("live.db");
        tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
        String rows = "CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                + "SELECT x + 1 FROM c WHERE x < 400000) INSERT INTO t SELECT x, randomblob(200) FROM c;";
        sqlite(restored, rows);
        sqlite(live, rows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "KILL"})
    void theCopyOfLiveIsDeletedOnASignalOrSweptAfterAKill(String signal) throws Exception {
        Path stderr = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", ForkedJvm.classpath(),
                "dev.lsconsole.Main", "diff", restored.toString(), live.toString())
                .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TMPDIR", tmpdir.toString());
        Process p = pb.start();
        try {
            BigReplica.waitFor("the copy of live", 120, () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("the diff ended first: " + ForkedJvm.read(stderr));
                }
                return !copies().isEmpty() && Files.exists(copies().get(0).resolve("live.db"));
            });
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("interrupted, not finished").isEqualTo(Map.of("INT", 130, "TERM", 143,
                    "KILL", 137).get(signal));
            if (!signal.equals("KILL")) {
                assertThat(copies()).as("deleted on " + signal).isEmpty();
                return;
            }
            assertThat(copies()).as("a SIGKILL leaves it").hasSize(1);
            CliRun.Result next = CliRun.run(Map.of("TMPDIR", tmpdir.toString()), "diff", "--table", "t",
                    restored.toString(), live.toString());
            assertThat(next.exit()).as(next.stderr()).isZero();
            assertThat(next.stderr()).isEqualTo("deleted 1 temp folders that killed runs left in " + tmpdir + "\n");
            assertThat(copies()).as("swept by the next run").isEmpty();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private List<Path> copies() {
        try (var s = Files.list(tmpdir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("lsc-live-")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sqlite(Path db, String sql) {
        SqliteShell.Result r = new LocalShell().run(List.of("sqlite3", db.toString()), ".bail on\n" + sql + "\n.quit\n",
                120);
        if (!r.ok() || !r.stderr().isBlank()) {
            throw new AssertionError("sqlite3 failed: " + r.stderr());
        }
    }
}
