package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.BigReplica;
import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.ForkedJvm;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.V05Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local fault is never blamed on the replica: verify runs in a JVM of its own whose temp folder is a
 * real, tiny tmpfs (mounted as RestoreFaultsTest does; skipped where mounting is not allowed), on a sound
 * replica the real litestream v0.3.13 made with one WAL index larger than what a WAL index may hold in
 * memory, so checking it writes pages to the temp folder. The full temp folder stops verify with exit 2 and
 * one line naming the folder and the reason; no object is called corrupt and no report is printed.
 */
class VerifyLocalFaultsTest {
    static Path work;
    static Path replica;

    @TempDir
    Path tmp;

    @BeforeAll
    static void replicaWithALargeWalIndex() throws Exception {
        work = Files.createTempDirectory("lsc-verify-local-");
        Path db = work.resolve("app.db");
        replica = work.resolve("replica");
        Dbs.exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB)", "INSERT INTO t(v) VALUES (randomblob(100))");
        Path config = Files.writeString(work.resolve("litestream.yml"),
                Litestream.fileReplicaConfig(db, replica, 100_000)); // no checkpoint splits the big transaction
        Litestream.replicateWhile(work, Map.of(), config, () -> Dbs.exec(db,
                "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000) "
                        + "INSERT INTO t(v) SELECT randomblob(4000) FROM c")); // ~12 MB of WAL in one index
        assertThat(BigReplica.count(replica, ".wal.lz4")).as("WAL segments replicated").isPositive();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        Litestream.deleteTree(work);
    }

    @Test
    void aFullTempFolderIsExit2NamingTheFolderNeverACorruptObject() throws Exception {
        Path sound = run(tmp.resolve("ok-tmp"), "verify", "--json");
        assertThat(ForkedJvm.read(sound.resolve("exit"))).as(ForkedJvm.read(sound.resolve("stderr"))).isEqualTo("0");
        Path tiny = Files.createDirectories(tmp.resolve("tiny"));
        Litestream.Result m = Litestream.run(tmp, Map.of(), 30, "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs",
                tiny.toString());
        Assumptions.assumeTrue(m.exit() == 0, "cannot mount a tmpfs here: " + m.stderr());
        try {
            for (String[] args : new String[][] {{"verify"}, {"verify", "--json"}, {"verify", "--deep"}}) {
                Path out = run(tiny, args);
                String stderr = ForkedJvm.read(out.resolve("stderr"));
                String what = String.join(" ", args) + ": " + stderr + ForkedJvm.read(out.resolve("stdout"));
                assertThat(ForkedJvm.read(out.resolve("exit"))).as(what).isEqualTo("2");
                assertThat(ForkedJvm.read(out.resolve("stdout"))).as(what).isEmpty();
                assertThat(stderr.strip().lines().count()).as(what).isEqualTo(1);
                assertThat(stderr).as(what).startsWith("error: ").contains(tiny.toString())
                        .contains("No space left on device").doesNotContain("corrupt");
                try (var s = Files.list(tiny)) {
                    assertThat(s.toList()).as("nothing left in the temp folder").isEmpty();
                }
            }
        } finally {
            Litestream.run(tmp, Map.of(), 30, "umount", tiny.toString());
        }
    }

    /**
     * verify --deep of the v0.5 fixture (made by the real litestream v0.5.16) with a temp folder too small for
     * the restored copy and for SQLite's native library, which sqlite-jdbc copies there before the check: was
     * an {@code integrity} problem of the chain ("restored database failed integrity_check: Error opening
     * connection"), exit 1.
     */
    @Test
    void aFullTempFolderDuringTheV05DeepCheckIsExit2() throws Exception {
        Path v05 = V05Fixture.materialize(Files.createDirectories(tmp.resolve("v05")));
        Path tiny = Files.createDirectories(tmp.resolve("tiny"));
        Litestream.Result m = Litestream.run(tmp, Map.of(), 30, "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs",
                tiny.toString());
        Assumptions.assumeTrue(m.exit() == 0, "cannot mount a tmpfs here: " + m.stderr());
        try {
            Path out = runOn(tiny, v05.toUri().toString(), "verify", "--deep");
            String stderr = ForkedJvm.read(out.resolve("stderr"));
            String what = stderr + ForkedJvm.read(out.resolve("stdout"));
            assertThat(ForkedJvm.read(out.resolve("exit"))).as(what).isEqualTo("2");
            assertThat(ForkedJvm.read(out.resolve("stdout"))).as(what).isEmpty();
            assertThat(stderr.strip().lines().count()).as(what).isEqualTo(1);
            assertThat(stderr).as(what).startsWith("error: ").contains(tiny.toString())
                    .doesNotContain("integrity").doesNotContain("corrupt");
        } finally {
            Litestream.run(tmp, Map.of(), 30, "umount", tiny.toString());
        }
    }

    private Path run(Path tempDir, String... args) throws Exception {
        return runOn(tempDir, "file://" + replica, args);
    }

    /** Runs the CLI with {@code tempDir} as its temp folder; returns the folder holding stdout, stderr and exit. */
    private Path runOn(Path tempDir, String url, String... args) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("run-" + System.nanoTime()));
        Files.createDirectories(tempDir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ForkedJvm.classpath(), "-Djava.io.tmpdir=" + tempDir, "dev.lsconsole.Main"));
        cmd.addAll(List.of(args));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.resolve("stdout").toFile())
                .redirectError(out.resolve("stderr").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("verify ended").isTrue();
        Files.writeString(out.resolve("exit"), Integer.toString(p.exitValue()));
        return out;
    }
}
