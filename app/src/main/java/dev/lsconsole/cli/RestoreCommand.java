package dev.lsconsole.cli;

import dev.lsconsole.history.Plan;
import dev.lsconsole.history.Planner;
import dev.lsconsole.history.Restores;
import dev.lsconsole.ltx.LtxPlan;
import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.RestoreEngine;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.restore.RestorePlan;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.restore.RestoreTemp;
import dev.lsconsole.restore.Verify;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a database from a replica to a verified new file.",
            "The latest data, a point in time (-timestamp), a WAL index (-index, v0.3) or a transaction ID (-txid, v0.5);",
            "never overwrites a file."})
final class RestoreCommand extends TargetCommand {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreCommand.class);
    /** A dry run plans from the listing: a gap or a corrupt object shows only when the objects are read. */
    private static final String LISTING_ONLY = "checked:     the listing only; no snapshot, WAL segment or LTX file "
            + "was read (a real restore or `verify --deep` reads them)";

    @Option(names = {"-o", "--o"}, paramLabel = "PATH",
            description = "Output path of the restored database. Defaults to original DB path.")
    String output;

    @Option(names = {"-generation", "--generation"}, paramLabel = "NAME",
            description = "Restore from a specific generation. Defaults to generation with latest data.")
    String generation;

    @Option(names = {"-index", "--index"}, paramLabel = "NUM",
            description = "Restore up to a specific hex-encoded WAL index (inclusive). Needs -generation.")
    String index;

    @Option(names = {"-txid", "--txid"}, paramLabel = "TXID",
            description = "Restore up to a specific hex-encoded transaction ID (inclusive); litestream v0.5 replicas.")
    String txid;

    @Option(names = {"-timestamp", "--timestamp"}, paramLabel = "TIMESTAMP",
            description = "Restore to a specific point-in-time (RFC 3339, e.g. 2026-04-15T21:16:00Z).")
    String timestamp;

    @Option(names = {"-if-db-not-exists", "--if-db-not-exists"}, arity = "0..1", fallbackValue = "true",
            description = "Returns exit code of 0 if the database already exists.")
    boolean ifDbNotExists;

    @Option(names = {"-if-replica-exists", "--if-replica-exists"}, arity = "0..1", fallbackValue = "true",
            description = "Returns exit code of 0 if no backups found.")
    boolean ifReplicaExists;

    @Option(names = {"-parallelism", "--parallelism"}, paramLabel = "NUM", defaultValue = "8",
            description = "Number of WAL indexes downloaded in parallel. Defaults to ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = {"--dry-run", "-dry-run"}, description = "Print the plan (snapshot and WAL segments) and exit.")
    boolean dryRun;

    @Option(names = {"--verify", "-verify"}, paramLabel = "full|quick|none", defaultValue = "full",
            description = "Check of the restored file before it is published: SQLite integrity_check (full), "
                    + "quick_check (quick) or none. Defaults to ${DEFAULT-VALUE}.")
    String verifyMode;

    @Override
    public Integer call() {
        // Ctrl-C is handled from the first moment (reading the config, listing), not only once the restore runs
        Path given = output == null || output.isEmpty() ? null : Path.of(output).toAbsolutePath().normalize();
        try (CtrlC ctrlC = CtrlC.install(cli.err, given)) {
            try {
                return run(ctrlC);
            } catch (CancellationException e) {
                if (ctrlC.fired()) {
                    return 130; // the Ctrl-C handler says so in one line
                }
                throw e;
            }
        }
    }

    private int run(CtrlC ctrlC) {
        checkParallelism(parallelism);
        Instant ts = timestamp == null || timestamp.isEmpty() ? null : Times.parse("-timestamp", timestamp);
        Integer idx = null;
        if (index != null && !index.isEmpty()) {
            try {
                idx = Integer.parseInt(index, 16);
            } catch (NumberFormatException e) {
                throw new CliException("invalid value \"" + index + "\" for flag -index: invalid hexadecimal format");
            }
        }
        Verify verify;
        try {
            verify = Verify.valueOf(verifyMode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid --verify \"" + verifyMode + "\": use full, quick or none");
        }
        RestoreOptions opt;
        long tx = 0;
        // -index alone is refused once the replica is known: its wording depends on the format it holds
        boolean indexAlone = idx != null && (generation == null || generation.isEmpty()) && ts == null;
        try {
            opt = new RestoreOptions(replica, generation, indexAlone ? null : idx, ts);
            if (txid != null) { // litestream v0.5 refuses an empty -txid too: a script's empty variable must not mean "latest"
                tx = LtxNames.parseTxid(txid);
                if (tx == 0) {
                    throw new IllegalArgumentException("invalid TXID \"" + txid + "\": TXIDs start at 1");
                }
                if (ts != null) {
                    throw new IllegalArgumentException("cannot specify both TXID & timestamp to restore");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        long txTarget = tx;
        try (Source src = resolve(target, replica, parallelism + 2)) {
            if (indexAlone) {
                throw Planner.indexWithoutGeneration(src.replicas(), replica);
            }
            String out = output;
            if (out == null || out.isEmpty()) {
                if (src.db() == null && dryRun) { // a dry run writes nothing: it needs no output path
                    return restore(src, opt, txTarget, null, verify, ctrlC);
                }
                if (src.db() == null) {
                    throw new CliException("output path required");
                }
                out = src.db().path();
            }
            Path outPath = Path.of(out).toAbsolutePath().normalize();
            if (ifDbNotExists && Files.exists(outPath)) {
                cli.err.println("database already exists, skipping");
                return 0;
            }
            ctrlC.output(outPath);
            return restore(src, opt, txTarget, outPath, verify, ctrlC);
        }
    }

    private int restore(Source src, RestoreOptions opt, long tx, Path outPath, Verify verify, CtrlC ctrlC) {
        Instant ts = opt.timestamp();
        long planStart = System.nanoTime();
        // A replica folder never made holds no backups, as litestream sees it: skipped with -if-replica-exists
        // (the first deploy) or beside another replica; alone without the flag, the error names the folder
        List<Replica> present = src.replicas().stream().filter(r -> !r.client().isMissing()).toList();
        List<Replica> replicas = ifReplicaExists || !present.isEmpty() ? present : src.replicas();
        if (!ifReplicaExists && !present.isEmpty()) {
            src.replicas().stream().filter(r -> !present.contains(r)).forEach(r -> cli.err.println("note: replica "
                    + r.name() + ": " + r.client().location() + " does not exist (no backups there)"));
        }
        Plan plan = replicas.isEmpty() ? null : new Planner().plan(replicas, opt, tx);
        if (plan == null) {
            if (ifReplicaExists) {
                cli.err.println("no matching backups found");
                return 0;
            }
            String unknown = opt.generation() == null || opt.generation().isEmpty() ? null
                    : UnknownGeneration.reason(src.replicas(), opt.replicaName(), opt.generation());
            throw new CliException("no matching backups found" + (unknown != null ? ": " + unknown : ts == null ? "" : " at " + ts));
        }
        LOG.info("planned in {} ms: {} of {}, {} objects", (System.nanoTime() - planStart) / 1_000_000,
                plan.historyLabel(), plan.replica().name(), plan.objectCount());
        plan.notes().forEach(n -> cli.err.println("note: " + n));
        if (dryRun) {
            if (outPath != null) { // what the real run refuses, the dry run refuses the same way
                RestoreEngine.refuseExisting(outPath);
            }
            if (plan instanceof RestorePlan p) {
                printPlan(p, outPath);
            } else {
                printPlan((LtxPlan) plan, outPath);
            }
            return 0;
        }
        ctrlC.startRestore();
        reportLeftovers(RestoreTemp.sweep(outPath), outPath);
        PhaseTrace trace = PhaseTrace.fromSystemProperty();
        if (trace != null) {
            trace.fetch();
        }
        RestoreResult r = new Restores(parallelism, verify).run(plan, outPath, p -> {
            LOG.debug("{}", p);
            if (trace != null) {
                trace.on(p);
            }
        }, ctrlC.token());
        LOG.info("restored {} from {} {} ({} WAL frames, {} pages written, {}) in {} ms",
                r.output(), plan.replica().name(), plan.historyLabel(), r.walFrames(), r.pagesWritten(),
                r.integrity(), r.elapsed().toMillis());
        return 0;
    }

    /** One line each: what killed restores to the same output left and this one removed, and what it left. */
    private void reportLeftovers(RestoreTemp.Swept swept, Path out) {
        if (!swept.removed().isEmpty()) {
            cli.err.println("removed " + swept.removed().size() + " temp file(s) left beside " + out
                    + " by restores that were killed (" + String.format(java.util.Locale.ROOT, "%.1f MB",
                    swept.bytes() / 1e6) + "): " + names(swept.removed()));
        }
        if (!swept.unowned().isEmpty()) {
            cli.err.println("note: temp file(s) " + names(swept.unowned()) + " beside " + out + " were left by a "
                    + "restore of an earlier version, which marks no owner: delete them if no restore to it runs");
        }
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }

    private void printPlan(LtxPlan plan, Path out) {
        cli.out.println("replica:     " + plan.replica().name() + " (" + plan.replica().client().location() + ")");
        cli.out.println("format:      litestream v0.5 (LTX)");
        cli.out.println("files:       " + plan.files().size() + ", TXID " + LtxNames.txid(plan.files().get(0).minTxid())
                + " to " + LtxNames.txid(plan.maxTxid()));
        cli.out.println("restores to: " + Times.rfc3339Nano(plan.restoresTo()));
        cli.out.println("bytes:       " + plan.bytes());
        cli.out.println("output:      " + (out == null ? "none (a dry run writes nothing)" : out));
        cli.out.println(LISTING_ONLY);
        cli.out.println();
        TabTable t = new TabTable("level", "min_txid", "max_txid", "size", "created");
        for (LtxFileInfo f : plan.files()) {
            t.add(f.level(), LtxNames.txid(f.minTxid()), LtxNames.txid(f.maxTxid()), f.size(),
                    Times.rfc3339Nano(f.createdAt()));
        }
        t.print(cli.out);
    }

    private void printPlan(RestorePlan plan, Path out) {
        List<WalSegmentInfo> segs = plan.segments();
        cli.out.println("replica:     " + plan.replica().name() + " (" + plan.replica().client().location() + ")");
        cli.out.println("generation:  " + plan.generation());
        cli.out.println("snapshot:    index " + Layout.hex8(plan.snapshot().index()) + ", " + plan.snapshot().size()
                + " bytes, created " + Times.rfc3339Nano(plan.snapshot().createdAt()));
        if (segs.isEmpty()) {
            cli.out.println("wal:         none (snapshot only)");
        } else {
            WalSegmentInfo first = segs.get(0);
            WalSegmentInfo last = segs.get(segs.size() - 1);
            cli.out.println("wal:         " + segs.size() + " segments, index " + Layout.hex8(first.index())
                    + " offset " + first.offset() + " to index " + Layout.hex8(last.index()) + " offset "
                    + last.offset());
        }
        cli.out.println("restores to: " + Times.rfc3339Nano(plan.restoresTo()));
        cli.out.println("bytes:       " + plan.bytes());
        cli.out.println("output:      " + (out == null ? "none (a dry run writes nothing)" : out));
        cli.out.println(LISTING_ONLY);
        cli.out.println();
        TabTable t = new TabTable("object", "index", "offset", "size", "created");
        t.add("snapshot", Layout.hex8(plan.snapshot().index()), "-", plan.snapshot().size(),
                Times.rfc3339Nano(plan.snapshot().createdAt()));
        for (WalSegmentInfo s : segs) {
            t.add("wal", Layout.hex8(s.index()), s.offset(), s.size(), Times.rfc3339Nano(s.createdAt()));
        }
        t.print(cli.out);
    }
}
