package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.ForkedJvm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** What a new user types first: --help's command list, -h on every command, and --version of an installed package. */
class HelpAndVersionTest {

    @Test
    void commandListShowsWholeSentences() {
        CliRun.Result h = CliRun.run(Map.of(), "--help");
        assertThat(h.exit()).isZero();
        List<String> rows = commandRows(h.stdout());
        assertThat(rows).hasSize(Cli.COMMANDS.size());
        for (String row : rows) {
            assertThat(row).as("a whole first sentence in the command list").matches(".*[.)]$");
        }
        for (String line : h.stdout().lines().toList()) {
            assertThat(line.length()).as("fits 80 columns: " + line).isLessThanOrEqualTo(80);
        }
    }

    @Test
    void everyCommandFirstDescriptionLineIsASentence() {
        for (Class<?> c : Cli.COMMANDS) {
            String first = c.getAnnotation(Command.class).description()[0];
            assertThat(first).as(c.getSimpleName()).matches("[A-Z].*[.)]$");
        }
    }

    @Test
    void dashHWorksOnEveryCommand() {
        for (Class<?> c : Cli.COMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            for (String flag : List.of("-h", "--help")) {
                CliRun.Result r = CliRun.run(Map.of(), name, flag);
                assertThat(r.exit()).as(name + " " + flag + ": " + r.stderr()).isZero();
                assertThat(r.stdout()).as(name + " " + flag).startsWith("Usage: litestream-console " + name);
            }
        }
    }

    @Test
    void helpIsACommandAsInLitestream() {
        CliRun.Result all = CliRun.run(Map.of(), "help");
        assertThat(all.exit()).as(all.stderr()).isZero();
        assertThat(all.stdout()).isEqualTo(CliRun.run(Map.of(), "--help").stdout());
        CliRun.Result one = CliRun.run(Map.of(), "help", "restore");
        assertThat(one.exit()).as(one.stderr()).isZero();
        assertThat(one.stdout()).startsWith("Usage: litestream-console restore")
                .isEqualTo(CliRun.run(Map.of(), "restore", "--help").stdout());
    }

    @Test
    void helpOfAnUnknownCommandFailsLikeTheCommand() {
        CliRun.Result r = CliRun.run(Map.of(), "help", "nope");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("error: unknown command 'nope'\n");
        CliRun.Result typo = CliRun.run(Map.of(), "help", "restor");
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.stderr()).isEqualTo("error: unknown command 'restor': did you mean restore?\n");
    }

    @Test
    void dashVPrintsTheVersionOnEveryCommand() {
        String version = CliRun.run(Map.of(), "--version").stdout();
        assertThat(version).startsWith("litestream-console ").contains("v0.3.13", "v0.5");
        for (Class<?> c : Cli.COMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            for (String flag : List.of("-V", "--version")) {
                CliRun.Result r = CliRun.run(Map.of(), name, flag);
                assertThat(r.exit()).as(name + " " + flag + ": " + r.stderr()).isZero();
                assertThat(r.stdout()).as(name + " " + flag).isEqualTo(version);
            }
        }
    }

    @Test
    void topHelpNamesBothReplicaFormats() {
        String help = CliRun.run(Map.of(), "--help").stdout();
        String summary = help.lines().skip(1).findFirst().orElse(""); // the line under "Usage:"
        assertThat(summary).contains("v0.3", "v0.5 LTX");
    }

    @Test
    void installedPackageSaysItsOwnVersion() throws Exception {
        for (String arg : List.of("--version", "version")) {
            Process p = new ProcessBuilder(java(), "-Djpackage.app-version=0.1.0", "-cp", ForkedJvm.classpath(),
                    "dev.lsconsole.Main", arg).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).as(arg).doesNotContain("SNAPSHOT").contains("0.1.0");
        }
    }

    @Test
    void aDevelopmentBuildSaysSnapshotAsThePomDoes() {
        assertThat(Cli.version(null, "0.2.0-SNAPSHOT")).isEqualTo("0.2.0-SNAPSHOT");
        assertThat(Cli.version("0.2.0", "0.2.0-SNAPSHOT")).isEqualTo("0.2.0");
        assertThat(Cli.version("", "0.2.0")).isEqualTo("0.2.0");
    }

    private static String java() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The "Commands:" section, each entry's wrapped lines joined. */
    private static List<String> commandRows(String help) {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                in = true;
            } else if (in && line.matches("  \\S.*")) {
                rows.add(line.strip());
            } else if (in && line.startsWith("    ") && !rows.isEmpty()) {
                rows.set(rows.size() - 1, rows.get(rows.size() - 1) + " " + line.strip());
            } else if (in) {
                break;
            }
        }
        return rows;
    }
}
