package dev.lsconsole.cli;

import dev.lsconsole.AppDirs;
import dev.lsconsole.live.LiveTargets;
import dev.lsconsole.push.AuditLog;
import dev.lsconsole.push.Undo;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code undo}: the window's "Undo push…" from a terminal. Without an argument it lists the pushes of the
 * audit log; with one it undoes that push with the undo script saved before it, after the same kind of
 * confirmation a push asks for, in one transaction that first checks every pushed row still reads as the
 * push wrote it (else nothing is undone), and records the undo in the audit log.
 */
@Command(name = "undo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Undo a push (without PUSH, list the pushes of the audit log).",
            "The undo script saved before the push runs in one transaction that first checks the rows are",
            "still as the push wrote them (else nothing is undone); the undo is added to the audit log."})
final class UndoCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PUSH",
            description = "The push to undo: its time as the list shows it, or 'last' (the newest push).")
    String which;

    @Option(names = "--dry-run", description = "Print the undo script; write nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Confirm the undo without asking.")
    boolean yes;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where push wrote its undo scripts and audit log "
            + "(default: the user data directory).")
    Path stateDir;

    @Override
    public Integer call() {
        Path dir = stateDir != null ? stateDir : AppDirs.data(cli.env);
        Path log = dir.resolve("audit.log");
        List<AuditLog.Push> pushes = AuditLog.read(log).pushes();
        if (which == null) {
            if (pushes.isEmpty()) {
                cli.out.println("no pushes in " + log);
            }
            for (AuditLog.Push p : pushes) {
                cli.out.println(p.time() + "  " + state(p) + "  " + p.summary());
            }
            return 0;
        }
        AuditLog.Push p = find(pushes, log);
        if (p.undone()) {
            throw new CliException("the push of " + p.time() + " was undone already, at " + p.undoneAt());
        }
        if (!p.undoable()) {
            throw new CliException("the push of " + p.time() + " wrote nothing (" + p.outcome()
                    + (p.error() != null ? ": " + p.error() : "") + "): there is nothing to undo");
        }
        Undo undo = new Undo(dir);
        String script = undo.script(p);
        if (dryRun) {
            cli.out.print(script);
            cli.out.flush();
            return 0;
        }
        if (!yes && !LiveCommand.ask("Undo the push of " + p.time() + ", " + p.summary()
                + " (only if those rows are still as it wrote them)? Type yes: ")) {
            throw new CliException("not confirmed; nothing was undone in " + p.target());
        }
        undo.run(LiveTargets.open(p.target(), cli.env), p);
        cli.out.println("undone: the push of " + p.time() + ", " + p.summary() + "; audit log " + log);
        return 0;
    }

    private static String state(AuditLog.Push p) {
        return p.undone() ? "undone at " + p.undoneAt() : p.outcome();
    }

    private AuditLog.Push find(List<AuditLog.Push> pushes, Path log) {
        if (pushes.isEmpty()) {
            throw new CliException("no pushes in " + log + ": there is nothing to undo");
        }
        if (which.equals("last")) {
            return pushes.get(pushes.size() - 1);
        }
        Instant t;
        try {
            t = Instant.parse(which);
        } catch (DateTimeParseException e) {
            throw new CliException("invalid PUSH \"" + which + "\": give a push's time as 'undo' lists it, or last");
        }
        return pushes.stream().filter(p -> p.time().equals(t)).findFirst().orElseThrow(() -> new CliException(
                "no push at " + which + " in " + log + " (run 'undo' to list them)"));
    }
}
