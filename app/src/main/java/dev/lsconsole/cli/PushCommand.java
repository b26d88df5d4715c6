package dev.lsconsole.cli;

import dev.lsconsole.AppDirs;
import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.live.LiveTarget;
import dev.lsconsole.push.PushMode;
import dev.lsconsole.push.PushPlan;
import dev.lsconsole.push.PushPlanner;
import dev.lsconsole.push.PushResult;
import dev.lsconsole.push.Pusher;
import dev.lsconsole.sql.Literals;
import dev.lsconsole.sql.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Write chosen rows of a restored database back into the live one.",
            "One transaction, after a preview and a confirmation; an undo script and an audit entry first."})
final class PushCommand extends LiveCommand {
    @Option(names = "--table", required = true, paramLabel = "T", description = "The table to push rows of.")
    String table;

    @Option(names = "--keys", paramLabel = "KEY", description = "A row's key as SQL literals, comma-separated for "
            + "composite keys: 42, 'alice@example.com', 3,1 (repeatable).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--all-missing", description = "Every row missing in live (with upsert: and every changed row).")
    boolean all;

    @Option(names = "--mode", paramLabel = "insert-missing|upsert", defaultValue = "insert-missing",
            description = "insert-missing (INSERT OR IGNORE, never overwrites) or upsert (also restores changed "
                    + "rows). Defaults to ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--dry-run", description = "Print the SQL and the undo script; write nothing.")
    boolean dryRun;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where undo scripts and the audit log go "
            + "(default: the user data directory).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (keys.isEmpty() == !all) {
            throw new CliException("give either --keys or --all-missing");
        }
        PushMode m;
        try {
            m = PushMode.of(mode);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        List<List<Value>> wanted = all ? null : parsedKeys();
        LiveTarget target = target();
        PushPlan plan = withSnapshot(target, snap -> {
            try (DiffEngine d = new DiffEngine(restored, snap)) {
                return new PushPlanner().plan(d, table, m, wanted, where);
            }
        });
        plan.warnings().forEach(w -> cli.err.println("warning: " + w));
        cli.out.println("push " + plan.rows() + " rows of " + table + " to " + target.address() + " (" + plan.inserts()
                + " inserts, " + plan.updates() + " updates, mode " + m.flag + ")");
        if (dryRun || plan.rows() == 0) {
            if (dryRun) {
                cli.out.println("\n-- script");
                dev.lsconsole.sql.Scripts.write(plan.script(), cli.out); // large values streamed in full
                cli.out.println("\n-- undo");
                dev.lsconsole.sql.Scripts.write(plan.undoScript(), cli.out);
                cli.out.flush();
            }
            return 0;
        }
        if (!yes && !confirm("Write " + plan.rows() + " rows into " + table + " of " + target.address()
                + "? Type yes: ")) {
            throw new CliException("not confirmed; nothing was written to " + target.address());
        }
        Pusher pusher = new Pusher(stateDir != null ? stateDir : AppDirs.data(cli.env));
        PushResult r = pusher.push(target, plan);
        cli.out.println((r.verified() ? "done" : "written, but " + r.notVerified() + " rows do not read back as pushed")
                + ": " + r.inserts() + " inserts, " + r.updates() + " updates; undo script " + r.undoScript()
                + "; audit log " + pusher.auditLog());
        return r.verified() ? 0 : 1;
    }

    private List<List<Value>> parsedKeys() {
        List<List<Value>> out = new ArrayList<>();
        for (String k : keys) {
            try {
                out.add(Literals.parseList(k));
            } catch (IllegalArgumentException e) {
                throw new CliException("invalid --keys " + k + ": " + e.getMessage());
            }
        }
        return out;
    }

}
