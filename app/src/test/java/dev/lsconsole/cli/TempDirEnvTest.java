package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.TimeTravelReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's temp work goes under $TMPDIR, as the window's does (a big database on a RAM-backed /tmp
 * would fill memory). A $TMPDIR below a regular file cannot hold a folder, so a command that uses it
 * fails naming it, where one that ignores it would succeed in the JVM's temp directory.
 */
class TempDirEnvTest {
    @TempDir
    Path tmp;

    private Map<String, String> unusableTmpdir() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        return Map.of("TMPDIR", file.resolve("tmp").toString());
    }

    @Test
    void historyWorksUnderTmpdir() throws Exception {
        TimeTravelReplica fx = TimeTravelReplica.get();
        Map<String, String> env = unusableTmpdir();
        CliRun.Result r = CliRun.run(env, "history", "file://" + fx.replica, "--table", "items", "--key", "7");
        assertThat(r.exit()).as(r.stdout()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: cannot create a working directory in " + env.get("TMPDIR"));
        assertThat(r.stderr().lines()).hasSize(1);
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void verifyAndDiffWorkUnderTmpdir() throws Exception {
        DemoWorkspace demo = DemoWorkspace.unpack(tmp.resolve("demo"));
        Map<String, String> env = unusableTmpdir();
        CliRun.Result v = CliRun.run(env, "verify", "file://" + demo.replica());
        assertThat(v.exit()).as(v.stdout()).isEqualTo(2);
        assertThat(v.stderr()).startsWith("error: cannot create a temp folder in " + env.get("TMPDIR") + ": ");
        CliRun.Result d = CliRun.run(env, "diff", demo.liveDb().toString(), demo.liveDb().toString());
        assertThat(d.exit()).as(d.stdout()).isEqualTo(1);
        assertThat(d.stderr()).startsWith("error: cannot create a temp directory in " + env.get("TMPDIR")
                + " for a copy of ");
    }

    @Test
    void demoUnpacksUnderTmpdir() throws Exception {
        Path root = tmp.resolve("my-tmp");
        CliRun.Result r = CliRun.run(Map.of("TMPDIR", root.toString()), "demo");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("Demo workspace: " + root.resolve("litestream-console-demo-"));
        try (var s = Files.list(root)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .startsWith("litestream-console-demo-");
        }
    }
}
