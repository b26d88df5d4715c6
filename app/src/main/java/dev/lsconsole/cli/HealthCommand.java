package dev.lsconsole.cli;

import dev.lsconsole.health.PrometheusFile;
import dev.lsconsole.health.ReplicaReport;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * What verify and check share: litestream-style arguments, one report per replica, text or --json on
 * stdout, --prometheus figures, Ctrl-C, and the exit code a CronJob or CI reads: 0 ok, 1 problems found,
 * 2 could not run (bad arguments or config, no access), with one line on stderr.
 */
abstract class HealthCommand extends TargetCommand {
    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int CANNOT_RUN = 2;

    @Option(names = {"--json", "-json"}, description = "Machine-readable output.")
    boolean json;

    @Option(names = {"--prometheus", "-prometheus"}, paramLabel = "FILE",
            description = "Also write the figures to FILE in Prometheus text format (node_exporter textfile "
                    + "collector); written whole or not at all.")
    Path prometheus;

    /** Runs the check on one replica. */
    abstract ReplicaReport run(Replica replica, Instant now, Cancellation cancel);

    /** Refuses flag values that make no sense, before the replica is read (a CliException). */
    void validate() {
    }

    /** What stderr's progress line says every few seconds, or null for none yet. */
    String progress() {
        return null;
    }

    @Override
    public Integer call() {
        Cancellation cancel = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> onSignal(cancel, finished), "lsc-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread ticker = progressTicker();
        try {
            return runAll(cancel);
        } catch (CancellationException e) {
            return 130;
        } catch (RuntimeException | IOException e) {
            cli.err.println("error: " + Cli.oneLine(e));
            return CANNOT_RUN;
        } finally {
            ticker.interrupt();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and reports
            }
        }
    }

    private int runAll(Cancellation cancel) throws IOException {
        validate();
        List<ReplicaReport> reports = new ArrayList<>();
        try (Source src = resolve(target, replica, 8)) {
            for (Replica r : src.replicas()) {
                reports.add(run(r, Instant.now(), cancel));
            }
        }
        cancel.check();
        String name = getClass().getAnnotation(picocli.CommandLine.Command.class).name();
        if (json) {
            HealthOutput.json(cli.out, name, reports);
        } else {
            HealthOutput.text(cli.out, reports);
        }
        cli.out.flush();
        if (prometheus != null) { // after the report: a metrics file that cannot be written loses no finished check
            PrometheusFile.write(prometheus, name, reports, Instant.now());
        }
        return reports.stream().anyMatch(r -> r.problemCount() > 0) ? PROBLEMS : OK;
    }

    private void onSignal(Cancellation cancel, CountDownLatch finished) {
        if (finished.getCount() == 0) {
            return;
        }
        cancel.cancel();
        try {
            finished.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cli.err.println(getClass().getAnnotation(picocli.CommandLine.Command.class).name()
                + " cancelled: no report written");
        cli.err.flush();
    }

    private Thread progressTicker() {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(2000);
                    String p = progress();
                    if (p != null) {
                        cli.err.println(p);
                    }
                }
            } catch (InterruptedException done) {
                // the command finished
            }
        }, "lsc-health-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
