package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.ForkedJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-line errors a new user met, each naming what was wrong and where, with litestream's exit code
 * (1) and nothing written. Run on the demo workspace (a file replica made by the real litestream).
 */
class CliMessagesTest {
    @TempDir
    Path tmp;
    DemoWorkspace demo;
    Path out;

    @BeforeEach
    void demo() throws Exception {
        demo = DemoWorkspace.unpack(tmp.resolve("demo"));
        out = Files.createDirectories(tmp.resolve("out")).resolve("restored.db");
    }

    @Test
    void badTimestampEchoesTheValueAndTheForm() throws Exception {
        assertOneLine(restore("-timestamp", "2026-11-25 07:32:10"),
                "error: invalid -timestamp \"2026-11-25 07:32:10\": use RFC 3339, e.g. 2006-01-02T15:04:05Z");
        CliRun.Result changes = CliRun.run(Map.of(), "changes", "-config", demo.config().toString(),
                demo.liveDb().toString(), "--from", "2026-11-25", "--to", "2026-11-26T00:00:00Z");
        assertOneLine(changes, "error: invalid --from \"2026-11-25\": use RFC 3339, e.g. 2006-01-02T15:04:05Z");
    }

    @Test
    void badIndexNamesTheFlag() throws Exception {
        assertOneLine(restore("-generation", generation(), "-index", "zz"),
                "error: invalid value \"zz\" for flag -index: invalid hexadecimal format");
    }

    @Test
    void unknownGenerationSaysItDoesNotExist() throws Exception {
        String g = generation();
        assertOneLine(restore("-generation", "deadbeefdeadbeef"), "error: no matching backups found: generation "
                + "deadbeefdeadbeef does not exist in replica file (it has 1 generation; the newest is " + g + ")");
    }

    @Test
    void badYamlNamesTheFileAndLine() throws Exception {
        Path yml = Files.writeString(tmp.resolve("typo.yml"), "dbs:\n  - path: /tmp/x.db\n  replicas:\n"
                + "      - type: file\n        path: /tmp/r\n"); // replicas: not under its database
        CliRun.Result r = CliRun.run(Map.of(), "restore", "-config", yml.toString(), "-o", out.toString(), "/tmp/x.db");
        assertOneLine(r, "error: invalid YAML in " + yml + " at line 3, column 3: bad indentation "
                + "(expected <block end>, but found '?')");
    }

    @Test
    void unknownReplicaTypeNamesTheFileAndTheValidOnes() throws Exception {
        Path yml = Files.writeString(tmp.resolve("type.yml"), "dbs:\n  - path: /tmp/x.db\n    replicas:\n"
                + "      - type: fiel\n        path: /tmp/r\n");
        CliRun.Result r = CliRun.run(Map.of(), "restore", "-config", yml.toString(), "-o", out.toString(), "/tmp/x.db");
        assertOneLine(r, "error: " + yml + ": unknown replica type in config: \"fiel\" (litestream's types: file, s3, "
                + "gcs, abs, sftp)");
        // databases too: litestream v0.3.13 builds every replica before it lists, so it fails the same way
        assertOneLine(CliRun.run(Map.of(), "databases", "-config", yml.toString()), "error: " + yml
                + ": unknown replica type in config: \"fiel\" (litestream's types: file, s3, gcs, abs, sftp)");
    }

    @Test
    void parallelismZeroIsRefused() throws Exception {
        assertOneLine(restore("-parallelism", "0"), "error: invalid -parallelism 0: download at least 1 WAL index at a time");
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRun.Result r = CliRun.run(Map.of(), "restor", "-o", out.toString(), "file://" + demo.replica());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().lines().findFirst().orElse(""))
                .isEqualTo("error: unknown command 'restor': did you mean restore?");
        assertThat(out).doesNotExist();
        assertThat(CliRun.run(Map.of(), "histroy").stderr()).startsWith("error: unknown command 'histroy': did you mean history?\n");
        assertThat(CliRun.run(Map.of(), "restore", "-timestmp", "x").stderr())
                .startsWith("error: unknown option '-timestmp': did you mean -timestamp?\n");
        assertThat(CliRun.run(Map.of(), "frobnicate").stderr()).startsWith("error: unknown command 'frobnicate'\n");
    }

    @Test
    void argumentErrorsAreOneLineWithoutPicocliPrefix() throws Exception {
        CliRun.Result r = CliRun.run(Map.of(), "bisect", "-config", demo.config().toString(), demo.liveDb().toString());
        assertOneLine(r, "error: Missing required argument (specify one of these): (-query=SQL | [-table=TABLE "
                + "-key=K[,K2…]]) (run 'litestream-console bisect -h' for usage)");
    }

    @Test
    void anUnknownOptionIsNamedAloneNotTheArgumentsAfterIt() {
        String url = "file://" + demo.replica();
        CliRun.Result r = CliRun.run(Map.of(), "check", "-timestamp", "2026-11-25T07:32:10Z", url);
        assertThat(r.exit()).isEqualTo(2); // check's "cannot run" code, for monitors
        assertThat(r.stderr()).isEqualTo("error: unknown option '-timestamp' (check has no such option; "
                + "run 'litestream-console check -h' for usage)\n");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void anHttpsUrlArgumentIsNotBlamedOnAConfig() throws Exception {
        CliRun.Result r = CliRun.run(Map.of(), "generations", "https://b.s3.amazonaws.com/app.db");
        assertOneLine(r, "error: unknown replica URL scheme \"https\" in the argument https://b.s3.amazonaws.com/app.db "
                + "(litestream's: file, s3, gcs, abs, sftp); for S3 write s3://BUCKET/PATH, and for another "
                + "S3-compatible endpoint give -config with a replica that sets endpoint: and the database path "
                + "instead of a URL");
    }

    @Test
    void aMissingKubeconfigSaysNoSuchFile() throws Exception {
        Path kubeconfig = tmp.resolve("no-kubeconfig");
        CliRun.Result r = CliRun.run(Map.of("KUBECONFIG", kubeconfig.toString()), "diff", demo.liveDb().toString(),
                "k8s://shop/shop-0/data/live.db");
        assertOneLine(r, "error: cannot read kubeconfig " + kubeconfig + ": no such file or directory");
    }

    @Test
    void diffOfAFileThatIsNotADatabaseNamesThatFile() throws Exception {
        Path notDb = Files.writeString(tmp.resolve("notdb.txt"), "hello, not a database\n".repeat(20));
        assertOneLine(CliRun.run(Map.of(), "diff", notDb.toString(), demo.liveDb().toString()),
                "error: cannot open " + notDb + ": not a SQLite database");
        assertOneLine(CliRun.run(Map.of(), "diff", demo.liveDb().toString(), notDb.toString()),
                "error: cannot open live database " + notDb + ": not a SQLite database");
    }

    /**
     * Ctrl-C in a restore's first moments, before anything was listed: here while it reads its config
     * from a named pipe nobody writes to yet. The same line as later in a restore, exit 130, nothing written.
     */
    @Test
    void ctrlCBeforeTheListingSaysNothingWasWritten() throws Exception {
        Path fifo = tmp.resolve("litestream.yml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path stderr = tmp.resolve("stderr.txt");
        List<String> cmd = List.of("env", "--default-signal=INT", // a background shell ignores SIGINT
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", ForkedJvm.classpath(),
                "dev.lsconsole.Main", "restore", "-config", fifo.toString(), "-o", out.toString(), "/data/app.db");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        AtomicReference<OutputStream> writer = new AtomicReference<>();
        Thread opener = new Thread(() -> {
            try {
                writer.set(Files.newOutputStream(fifo)); // returns once the restore opened the pipe to read
            } catch (IOException ignored) {
                // the assertion below says it
            }
        });
        opener.setDaemon(true);
        opener.start();
        try {
            opener.join(60_000);
            assertThat(writer.get()).as("the restore is reading its config: " + ForkedJvm.read(stderr)).isNotNull();
            Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the restore exits after Ctrl-C").isTrue();
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(ForkedJvm.read(stderr)).isEqualTo("restore cancelled: nothing written to " + out + "\n");
            assertThat(out.getParent()).isEmptyDirectory();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (writer.get() != null) {
                writer.get().close();
            } else { // unblock the opener
                new java.io.FileInputStream(fifo.toFile()).close();
            }
        }
    }

    private CliRun.Result restore(String... flags) {
        List<String> args = new ArrayList<>(List.of("restore", "-config", demo.config().toString(), "-o", out.toString()));
        args.addAll(List.of(flags));
        args.add(demo.liveDb().toString());
        return CliRun.run(Map.of(), args.toArray(String[]::new));
    }

    private String generation() throws Exception {
        try (var s = Files.list(demo.replica().resolve("generations"))) {
            return s.map(p -> p.getFileName().toString()).findFirst().orElseThrow();
        }
    }

    private void assertOneLine(CliRun.Result r, String expected) throws Exception {
        assertThat(r.exit()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo(expected + "\n");
        assertThat(r.stdout()).isEmpty();
        try (var s = Files.list(out.getParent())) {
            assertThat(s.toList()).as("nothing written").isEmpty();
        }
    }
}
