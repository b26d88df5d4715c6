package dev.lsconsole.cli;

import dev.lsconsole.AppDirs;
import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.live.LiveTarget;
import dev.lsconsole.push.PushMode;
import dev.lsconsole.push.PushPlan;
import dev.lsconsole.push.PushPlanner;
import dev.lsconsole.push.PushRequest;
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
    @Option(names = "--table", paramLabel = "T", description = "A table to push rows of (repeatable: one "
            + "transaction, parents written before children).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--all-tables", description = "Every table with rows to push (shadow tables and FTS indexes "
            + "that cannot be written directly are skipped, with the reason).")
    boolean allTables;

    @Option(names = "--with-parents", description = "Also push the parent rows (from the restored copy) that pushed "
            + "rows refer to and live lacks; without it such rows are refused.")
    boolean withParents;

    @Option(names = "--allow-fk-cycles", description = "Push tables whose foreign keys form a cycle (one "
            + "transaction, checked by foreign_key_check before COMMIT); refused without it.")
    boolean allowCycles;

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
        if (tables.isEmpty() == !allTables) {
            throw new CliException("give either --table (repeatable) or --all-tables");
        }
        if (!keys.isEmpty() && tables.size() != 1) {
            throw new CliException("--keys needs exactly one --table; use --all-missing to push several tables");
        }
        PushMode m;
        try {
            m = PushMode.of(mode);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        List<List<Value>> wanted = all ? null : parsedKeys();
        LiveTarget target = target();
        refuseSameFile(target);
        try (PushSignal signal = PushSignal.install(cli.err, target.address())) {
            try {
                return push(target, m, wanted, signal);
            } catch (Exception e) {
                if (signal.firedAfterError()) {
                    signal.awaitExit(); // the handler says it in one line; the JVM exits 130/143
                }
                throw e;
            }
        }
    }

    private int push(LiveTarget target, PushMode m, List<List<Value>> wanted, PushSignal signal) throws Exception {
        PushPlanner.Options options = new PushPlanner.Options(withParents, allowCycles);
        PushPlan plan = withSnapshot(target, snap -> {
            try (DiffEngine d = new DiffEngine(restored, snap)) {
                List<PushRequest> requests = allTables ? everyTable(d, m)
                        : tables.stream().map(t -> new PushRequest(t, wanted)).toList();
                if (requests.isEmpty()) {
                    throw new CliException("no table has rows to push to " + target.address());
                }
                return new PushPlanner().plan(d, requests, m, where, options);
            }
        });
        plan.warnings().forEach(w -> cli.err.println("warning: " + w));
        cli.out.println("push " + plan.rows() + " rows of " + plan.table() + " to " + target.address() + " ("
                + plan.inserts() + " inserts, " + plan.updates() + " updates, mode " + m.flag + ")");
        if (plan.tables().size() > 1) {
            plan.tables().forEach(t -> cli.out.println("  " + t.table() + ": " + t.inserts() + " inserts, "
                    + t.updates() + " updates"));
        }
        if (!plan.triggers().isEmpty()) {
            cli.out.println("live triggers that will fire:");
            plan.triggers().forEach(t -> cli.out.println("  " + t));
        }
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
        if (!yes && !confirm("Write " + plan.rows() + " rows into " + plan.table() + " of " + target.address()
                + "? Type yes: ")) {
            throw new CliException("not confirmed; nothing was written to " + target.address());
        }
        Pusher pusher = new Pusher(stateDir != null ? stateDir : AppDirs.data(cli.env));
        PushResult r;
        signal.begin(pusher);
        try {
            r = pusher.push(target, plan, signal::fired);
        } catch (RuntimeException | Error e) { // an Error too: the signal handler must never wait for a null outcome
            signal.failed(String.valueOf(e.getMessage()));
            throw e;
        }
        signal.finished(r);
        if (r.interrupted() || signal.fired()) {
            signal.awaitExit(); // the handler says it; the JVM exits 130/143
        }
        cli.out.println((r.verified() ? "done" : r.notVerified() < 0 ? "sqlite3 ended well, but the pushed rows could "
                + "not be read back: check live" : "written, but " + r.notVerified() + " rows do not read back as pushed")
                + ": " + r.inserts() + " inserts, " + r.updates() + " updates; undo script " + r.undoScript()
                + "; audit log " + pusher.auditLog());
        return r.verified() ? 0 : 1;
    }

    /** --all-tables: tables in both databases with rows to push; the ones that cannot be written are skipped. */
    private List<PushRequest> everyTable(DiffEngine d, PushMode m) {
        List<PushRequest> out = new ArrayList<>();
        for (TableDiff x : d.compare(List.of(), where)) {
            boolean rows = x.missingInLive() > 0 || m == PushMode.UPSERT && x.changed() > 0;
            if (x.presence() != TableDiff.Presence.BOTH || x.problem() != null || !rows) {
                continue;
            }
            String why = PushPlanner.refusal(d, x.table());
            if (why != null) {
                cli.err.println("skipped: " + why);
                continue;
            }
            out.add(new PushRequest(x.table(), null));
        }
        return out;
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
