package dev.lsconsole.cli;

import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.timetravel.Point;
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

    /** The chosen replica and generation, and how to walk it. */
    record Scope(RestorePlanner.Target target, Walk walk) {
        String generation() {
            return target.bounds().generation();
        }

        String replicaName() {
            return target.replica().name();
        }
    }

    /** Chooses the generation, walks it with {@code work}, and turns Ctrl-C into exit 130 with the copy removed. */
    Integer withScope(Function<Scope, Integer> work) {
        try (Source src = resolve(target, replica, 8);
             Interrupt interrupt = Interrupt.install(cli.err)) {
            RestorePlanner planner = new RestorePlanner();
            RestorePlanner.Target t;
            try {
                t = planner.chooseTarget(src.replicas(), new RestoreOptions(replica, generation, null, null));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            if (t == null) {
                throw new CliException("no matching backups found"
                        + (generation == null || generation.isEmpty() ? "" : " in generation " + generation));
            }
            Walk walk = new Walk(t.replica(), t.bounds().generation(), t.listing(), tempRoot(), interrupt.token());
            try {
                return work.apply(new Scope(t, walk));
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

    /** Parses an RFC 3339 flag value, naming the flag when it is not one. */
    static java.time.Instant parseTime(String flag, String value) {
        try {
            return java.time.OffsetDateTime.parse(value, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new CliException("invalid " + flag + " \"" + value + "\": use RFC 3339, e.g. 2026-04-15T21:16:00Z");
        }
    }

    /**
     * {@code t} itself when it lies within the chosen generation (or is null); otherwise one line saying so,
     * naming the generation of the same replica that covers {@code t} if there is one.
     */
    static java.time.Instant inRange(Scope scope, String flag, java.time.Instant t) {
        var b = scope.target().bounds();
        if (t != null && (t.isBefore(b.createdAt()) || t.isAfter(b.updatedAt()))) {
            throw new CliException(flag + " " + Times.rfc3339Nano(t) + " is outside generation " + b.generation()
                    + " (" + range(b) + ")" + coveredBy(scope, t));
        }
        return t;
    }

    private static String range(dev.lsconsole.restore.GenerationBounds b) {
        return Times.rfc3339Nano(b.createdAt()) + " .. " + Times.rfc3339Nano(b.updatedAt());
    }

    private static String coveredBy(Scope scope, java.time.Instant t) {
        RestorePlanner planner = new RestorePlanner();
        var replica = scope.target().replica();
        for (String g : replica.client().generations()) {
            var b = planner.bounds(replica, g);
            if (!g.equals(scope.generation()) && !b.isEmpty() && b.contains(t)) {
                return "; generation " + g + " covers it (" + range(b) + "): add -generation " + g;
            }
        }
        return "";
    }

    static Path tempRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
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
        a.addAll(List.of("-generation", scope.generation(), "-timestamp", Times.rfc3339Nano(p.time()), "-o",
                "RESTORED.db", target));
        return String.join(" ", a.stream().map(TimeTravelCommand::shellWord).toList());
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Ctrl-C: cancels the walk, waits briefly for the working copy to be removed, says so. */
    static final class Interrupt implements AutoCloseable {
        private final Cancellation token = new Cancellation();
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private final Thread hook;
        private volatile boolean fired;

        private Interrupt(java.io.PrintStream err) {
            hook = new Thread(() -> {
                fired = true;
                token.cancel();
                try {
                    done.await(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                err.println("cancelled: the working copy was removed, nothing written");
                err.flush();
            }, "lsc-timetravel-ctrl-c");
        }

        static Interrupt install(java.io.PrintStream err) {
            Interrupt i = new Interrupt(err);
            Runtime.getRuntime().addShutdownHook(i.hook);
            return i;
        }

        Cancellation token() {
            return token;
        }

        boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and reports
            }
        }
    }
}
