package dev.lsconsole.cli;

import dev.lsconsole.history.Format;
import dev.lsconsole.history.Histories;
import dev.lsconsole.history.History;
import dev.lsconsole.history.Plan;
import dev.lsconsole.history.Planner;
import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.timetravel.Point;
import dev.lsconsole.timetravel.Span;
import dev.lsconsole.timetravel.TimeTravelException;
import dev.lsconsole.timetravel.Walk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * What history and bisect share: litestream-style target arguments, the generation chosen as restore
 * chooses it (the latest by default), one walk with a single working copy that Ctrl-C stops and cleans up,
 * and the exact restore command for a point.
 */
abstract class TimeTravelCommand extends TargetCommand {
    @Option(names = {"-generation", "--generation"}, paramLabel = "NAME",
            description = "Search this generation. Defaults to the generation with the latest data.")
    String generation;

    @Option(names = {"--json", "-json"}, description = "Machine-readable output.")
    boolean json;

    /** The chosen replica and span (a v0.3 generation, the v0.5 chain, or both across an upgrade), and its walk. */
    record Scope(Span span, Walk walk) {
        /** The v0.3 generation walked, or "ltx" for the v0.5 chain alone. */
        String generation() {
            return span.generation();
        }

        /** "generation 1a2b…", "the v0.5 LTX chain", or both across an upgrade. */
        String label() {
            return span.label();
        }

        String replicaName() {
            return span.replica().name();
        }

        /** " [in generation 1a2b…]" or " [in the v0.5 LTX chain]" on an upgraded path; "" otherwise. */
        String where(Point p) {
            return span.crossesUpgrade() ? "  [in " + span.labelOf(p) + "]" : "";
        }
    }

    /** Chooses the history, walks it with {@code work}, and turns Ctrl-C into exit 130 with the copy removed. */
    Integer withScope(Function<Scope, Integer> work) {
        try (Source src = resolve(target, replica, 8);
             Interrupt interrupt = Interrupt.install(cli.err)) {
            Scope scope = choose(src, interrupt.token());
            try {
                return work.apply(scope);
            } catch (TimeTravelException e) {
                throw new CliException(e.getMessage());
            } catch (CancellationException e) {
                if (interrupt.fired()) {
                    return 130;
                }
                throw e;
            }
        }
    }

    /**
     * The history restore would use for the latest data: a v0.3 generation as litestream 0.3.13 chooses it
     * (or the one named by -generation, walked alone), or the v0.5 chain when the replica holds one and
     * litestream v0.5.16 would restore from it; on a path upgraded from v0.3, the latest v0.3 generation
     * first and then the chain, as one timeline.
     */
    private Scope choose(Source src, Cancellation token) {
        RestoreOptions opt;
        try {
            opt = new RestoreOptions(replica, generation, null, null);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        boolean named = generation != null && !generation.isEmpty();
        if (!named) {
            Plan p;
            try {
                p = new Planner().plan(src.replicas(), opt, 0);
            } catch (dev.lsconsole.restore.RestoreException e) {
                throw new CliException(e.getMessage());
            }
            if (p != null && p.format() == Format.V05) {
                Span span;
                try {
                    span = Span.chainAfterUpgrade(p.replica(), LtxChain.of(p.replica()));
                } catch (TimeTravelException e) {
                    throw new CliException(e.getMessage());
                }
                return new Scope(span, span.walk(tempRoot(), token));
            }
        }
        RestorePlanner planner = new RestorePlanner();
        RestorePlanner.Target t = planner.chooseTarget(src.replicas(), opt);
        if (t == null) {
            String unknown = named ? UnknownGeneration.reason(src.replicas(), opt.replicaName(), generation) : null;
            throw new CliException("no matching backups found" + (unknown != null ? ": " + unknown
                    : named ? " in generation " + generation : ""));
        }
        Span span = Span.generation(t.replica(), t.bounds().generation(), t.listing());
        return new Scope(span, span.walk(tempRoot(), token));
    }

    /** Parses an RFC 3339 flag value, naming the flag when it is not one. */
    static java.time.Instant parseTime(String flag, String value) {
        return Times.parse(flag, value);
    }

    /**
     * {@code t} itself when it lies within the chosen generation (or is null); otherwise one line saying so,
     * naming the generation of the same replica that covers {@code t} if there is one.
     */
    static java.time.Instant inRange(Scope scope, String flag, java.time.Instant t) {
        Span s = scope.span();
        if (t != null && (t.isBefore(s.first()) || t.isAfter(s.last()))) {
            throw new CliException(flag + " " + Times.rfc3339Nano(t) + " is outside " + s.label() + " ("
                    + Times.rfc3339Nano(s.first()) + " .. " + Times.rfc3339Nano(s.last()) + ")" + coveredBy(scope, t));
        }
        return t;
    }

    private static String range(History h) {
        return Times.rfc3339Nano(h.first()) + " .. " + Times.rfc3339Nano(h.last());
    }

    private static String coveredBy(Scope scope, java.time.Instant t) {
        for (History h : Histories.of(scope.span().replica())) {
            if (h.format() == Format.V03 && !h.id().equals(scope.generation()) && !h.isEmpty()
                    && !t.isBefore(h.first()) && !t.isAfter(h.last())) {
                return "; generation " + h.id() + " covers it (" + range(h) + "): add -generation " + h.id();
            }
        }
        return "";
    }

    Path tempRoot() {
        return cli.tempRoot();
    }

    /** The restore command (ours and litestream's take the same flags) that gets the state at {@code p}. */
    String restoreCommand(Scope scope, Point p) {
        List<String> a = new ArrayList<>(List.of("litestream-console", "restore"));
        if (configPath != null && !configPath.isEmpty()) {
            a.addAll(List.of("-config", configPath));
        }
        if (replica != null && !replica.isEmpty()) {
            a.addAll(List.of("-replica", replica));
        }
        if (p.isLtx()) { // a v0.3 point names its generation, also on an upgraded path (-generation: v0.3 only)
            a.addAll(List.of("-txid", LtxNames.txid(p.txid()), "-o", "RESTORED.db", target));
        } else {
            a.addAll(List.of("-generation", scope.span().historyOf(p), "-timestamp", Times.rfc3339Nano(p.time()), "-o",
                    "RESTORED.db", target));
        }
        return String.join(" ", a.stream().map(TimeTravelCommand::shellWord).toList());
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Ctrl-C: cancels the walk, waits briefly for the working copy to be removed, says so. */
    static final class Interrupt extends SignalHook {
        private final Cancellation token = new Cancellation();
        private final java.io.PrintStream err;

        private Interrupt(java.io.PrintStream err) {
            super("lsc-timetravel-ctrl-c");
            this.err = err;
        }

        static Interrupt install(java.io.PrintStream err) {
            Interrupt i = new Interrupt(err);
            i.install();
            return i;
        }

        Cancellation token() {
            return token;
        }

        @Override
        protected void onSignal() {
            token.cancel();
            try {
                finished.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.println("cancelled: the working copy was removed, nothing written");
            err.flush();
        }
    }
}
