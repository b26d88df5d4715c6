package dev.lsconsole.cli;

import dev.lsconsole.live.LiveSnapshot;
import dev.lsconsole.live.LiveTarget;
import dev.lsconsole.live.LiveTargets;
import dev.lsconsole.live.SqliteInstaller;
import dev.lsconsole.live.SqliteLiveTarget;
import dev.lsconsole.TempFolders;
import java.io.IOException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** What diff and push share: the restored file, the live address, and a local snapshot of live. */
abstract class LiveCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(index = "0", paramLabel = "RESTORED_DB", description = "A restored database file.")
    Path restored;

    @Parameters(index = "1", paramLabel = "LIVE", description = "The live database: a path, or "
            + "k8s://[CONTEXT@]NAMESPACE/POD[:CONTAINER]/PATH.")
    String live;

    @Option(names = "--where", paramLabel = "SQL", description = "Only rows matching this condition (both sides).")
    String where;

    @Option(names = {"-v", "--verbose"}, description = "Verbose output.")
    boolean verbose;

    @Option(names = "--install-sqlite3", description = "If sqlite3 is missing where the live database is, offer to "
            + "install it (apk add sqlite / apt-get install sqlite3), after a confirmation.")
    boolean installSqlite3;

    @Option(names = "--yes", description = "Confirm writes (and an sqlite3 install) without asking.")
    boolean yes;

    /** Reads live once into a local temp file (deleted afterwards) and runs {@code work} on it. */
    <T> T withSnapshot(LiveTarget target, SnapshotWork<T> work) throws Exception {
        Cli.setVerbose(verbose);
        if (!Files.isRegularFile(restored)) {
            throw new CliException("restored database not found: " + restored);
        }
        if (!dev.lsconsole.LocalFiles.isSqliteDatabase(restored)) {
            throw new CliException("cannot open " + restored + ": not a SQLite database");
        }
        if (where != null && (dev.lsconsole.sql.Statements.hasMoreThanOne(where) || where.strip().endsWith(";"))) {
            throw new CliException("refused: --where must be one condition, not statements: " + where.strip()
                    .replaceAll("\\s+", " "));
        }
        TempFolders temps = new TempFolders(cli.tempRoot());
        List<Path> swept = temps.sweep();
        if (!swept.isEmpty()) {
            cli.err.println("deleted " + swept.size() + " temp folders that killed runs left in " + temps.root());
        }
        try (LiveSnapshot snap = snapshot(target, temps)) {
            return work.run(snap.file());
        }
    }

    private LiveSnapshot snapshot(LiveTarget target, TempFolders temps) {
        try {
            return LiveSnapshot.take(target, temps);
        } catch (dev.lsconsole.live.LiveException e) {
            if (!installSqlite3 || !SqliteInstaller.isMissing(e) || !(target instanceof SqliteLiveTarget t)) {
                throw e;
            }
            if (!yes && !confirm("sqlite3 is missing in " + t.shell().where() + ". Install it there? Type yes: ")) {
                throw new CliException("not confirmed; nothing was installed in " + t.shell().where());
            }
            cli.err.println("installed sqlite3 with: " + SqliteInstaller.install(t.shell()));
            return LiveSnapshot.take(target, temps);
        }
    }

    /** Asks on the terminal; without one, refuses (use --yes). */
    boolean confirm(String question) {
        return ask(question);
    }

    /** Asks on the terminal whether to go on ("yes"); without a terminal, refuses (use --yes). */
    static boolean ask(String question) {
        java.io.Console console = System.console();
        if (console == null) {
            throw new CliException("no terminal to ask \"" + question.replace(" Type yes: ", "")
                    + "\"; nothing was done (add --yes to confirm)");
        }
        String answer = console.readLine("%s", question);
        return answer != null && answer.strip().equals("yes");
    }

    LiveTarget target() {
        return LiveTargets.open(live, cli.env);
    }

    /** Refuses a local live path that is the restored file itself (a copy of it, or a link to it). */
    void refuseSameFile(LiveTarget target) {
        if (live.startsWith("k8s://")) {
            return;
        }
        try {
            if (Files.isSameFile(restored, Path.of(target.dbPath()))) {
                throw new CliException("restored and live are the same file: " + Path.of(target.dbPath())
                        + "; give the restored copy and the live database");
            }
        } catch (IOException e) {
            // one of them cannot be looked at: the steps that read them say why
        }
    }

    interface SnapshotWork<T> {
        T run(Path snapshot) throws IOException, Exception;
    }
}
