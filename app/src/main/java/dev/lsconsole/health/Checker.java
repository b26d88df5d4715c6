package dev.lsconsole.health;

import dev.lsconsole.config.GoDuration;
import dev.lsconsole.history.History;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A replica's health as a monitor sees it, from one listing (and, on a v0.5 chain, the 100-byte headers of
 * its newest level-0 files): lag, concurrent writers (generations written at the same time, or v0.5 files
 * whose WAL positions do not chain), generation churn, retention and snapshot age, and objects that do not
 * belong to the layout.
 */
public final class Checker {
    /** Overlap below this is clock granularity between one generation's end and the next one's start. */
    static final Duration OVERLAP_TOLERANCE = Duration.ofSeconds(1);

    private final Duration maxLag;
    private final int maxChurn;
    private final Cancellation cancel;
    private final String lagLimitName;

    public Checker(Duration maxLag, int maxChurn, Cancellation cancel) {
        this(maxLag, maxChurn, cancel, "--max-lag");
    }

    /**
     * {@code maxLag} null: no lag limit (the lag is a figure, never a problem); {@code lagLimitName} names
     * the limit in the problem's message (the CLI's flag, or the window's setting).
     */
    public Checker(Duration maxLag, int maxChurn, Cancellation cancel, String lagLimitName) {
        this.maxLag = maxLag;
        this.maxChurn = maxChurn;
        this.cancel = cancel;
        this.lagLimitName = lagLimitName;
    }

    public ReplicaReport check(Replica replica, Instant now) {
        ReplicaReport report = new ReplicaReport(replica.name(), replica.client().location(), now);
        Map<String, GenerationStats> gens = LayoutScan.scan(replica, now, cancel, report::add);
        report.generations(gens);
        report.emptyGenerations(LayoutScan.emptyGenerations(replica, gens));
        judgeLag(report, maxLag, lagLimitName);
        concurrentWriters(report);
        ltxWriters(replica, gens.get(History.LTX_ID), report);
        int churn = report.generationsLastDay();
        if (churn > maxChurn) {
            report.add(new Problem(Kind.CHURN, report.replica(), "generations/", churn
                    + " generations started in the last day (more than " + maxChurn + "): litestream starts one "
                    + "each time it loses its WAL position (restarts without the -litestream folder, restores, "
                    + "another writer), and each new one starts over from a snapshot"));
        }
        return report;
    }

    /**
     * Adds a lag problem to {@code report} when its newest object is older than {@code maxLag} (null: no
     * limit). check always judges lag; verify (objects, not the clock) does not, so the window applies it
     * to its verify too, and a verify never clears the lag verdict check gave on the same listing.
     */
    public static void judgeLag(ReplicaReport report, Duration maxLag, String lagLimitName) {
        Duration lag = report.lag();
        if (lag != null && maxLag != null && lag.compareTo(maxLag) > 0) {
            GenerationStats cur = report.current();
            report.add(new Problem(Kind.LAG, report.replica(), cur.lastKey(), "newest object is " + show(lag)
                    + " old (more than " + lagLimitName + " " + show(maxLag) + "): replication has stopped or is stuck; "
                    + "last written at " + cur.last()));
        }
    }

    private static String show(Duration d) {
        return GoDuration.format(GoDuration.truncateForDisplay(d));
    }

    /** A second writer among the v0.5 chain's newest level-0 files (their headers are read: a few small GETs). */
    private void ltxWriters(Replica replica, GenerationStats chain, ReplicaReport report) {
        if (chain == null) {
            return;
        }
        LtxWriters.Break b = LtxWriters.newest(replica, chain.newestL0(), cancel);
        if (b != null) {
            report.add(LtxWriters.problem(replica, b));
        }
    }

    /** Pairs of generations (with more than their first snapshot) whose time ranges overlap. */
    static void concurrentWriters(ReplicaReport report) {
        List<GenerationStats> gens = new ArrayList<>();
        for (GenerationStats g : report.generations().values()) {
            if (g.objects() > 1) {
                gens.add(g);
            }
        }
        gens.sort(Comparator.comparing(GenerationStats::first));
        for (int i = 0; i < gens.size(); i++) {
            GenerationStats a = gens.get(i);
            for (int j = i + 1; j < gens.size() && gens.get(j).first().isBefore(a.last()); j++) {
                GenerationStats b = gens.get(j);
                Instant end = a.last().isBefore(b.last()) ? a.last() : b.last();
                Duration overlap = Duration.between(b.first(), end);
                if (overlap.compareTo(OVERLAP_TOLERANCE) > 0) {
                    report.concurrent(a.generation(), b.generation());
                    report.add(new Problem(Kind.CONCURRENT_WRITERS, report.replica(), b.key(), "generations "
                            + a.generation() + " and " + b.generation() + " were written at the same time for "
                            + show(overlap) + " (" + b.first() + " .. " + end + "): more than one "
                            + "process replicates to this path (replicas > 1?); a restore picks only one of them"));
                }
            }
        }
    }
}
