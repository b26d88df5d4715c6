package dev.lsconsole.ui.browse;

import dev.lsconsole.health.Checker;
import dev.lsconsole.health.Problem;
import dev.lsconsole.health.ReplicaReport;
import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.BiConsumer;

/**
 * Each replica's health from its last {@code check} (the cheap one: a listing, no object reads), run in
 * the background when a workspace opens; a newer workspace supersedes the run before it. The tree shows
 * the badge, the timeline flags generations another writer interleaves with. The workspace's lag limit
 * lives here, so the Health window judges lag as the badge does; the window's verdict becomes the badge.
 */
public final class ReplicaBadges {
    /**
     * One replica's badge: ok, warn, fail (or error: could not check), the reason in a few words (the kinds
     * of its problems, shown next to it in the tree; empty when ok), a tooltip (the first problem whole),
     * and concurrent writers.
     */
    public record Badge(String status, String reason, String tooltip, Map<String, SortedSet<String>> concurrentWith) {
    }

    /** Generations started in a day beyond which churn is reported (as check's default --max-churn). */
    public static final int MAX_CHURN = 5;
    /** How a lag problem names the limit in the window (the CLI names its flag). */
    public static final String LAG_LIMIT_NAME = "the lag limit";

    private final Ctx ctx;
    private final Jobs.Slot slot = new Jobs.Slot();
    private final Map<Replica, Badge> badges = new IdentityHashMap<>();
    private Catalog catalog;
    private Duration maxLag;
    private BiConsumer<Replica, Badge> onBadge = (r, b) -> { };

    ReplicaBadges(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Called on the FX thread as each replica's badge arrives. */
    public void setOnBadge(BiConsumer<Replica, Badge> onBadge) {
        this.onBadge = onBadge;
    }

    /** The badge of a replica, or null before its check ended. */
    public Badge of(Replica r) {
        return badges.get(r);
    }

    /** The workspace's lag limit: beyond it lag is a problem; null: lag is only a figure (a frozen copy). */
    public Duration maxLag() {
        return maxLag;
    }

    /** Sets the lag limit (null: none) and checks every replica again with it. */
    public void setMaxLag(Duration maxLag) {
        if (catalog != null) {
            checkAll(catalog, maxLag);
        } else {
            this.maxLag = maxLag;
        }
    }

    /**
     * Makes {@code report} (a check or verify the Health window ran, named by {@code what}) the badge of
     * {@code r}; verify does not look for concurrent writers, so the flags of the badge before stay.
     */
    public void report(Replica r, ReplicaReport report, String what) {
        Badge old = badges.get(r);
        Map<String, SortedSet<String>> concurrent = report.concurrentWith().isEmpty() && old != null
                ? old.concurrentWith() : report.concurrentWith();
        Badge b = new Badge(report.status(), reason(report), tooltip(what, report), concurrent);
        badges.put(r, b);
        onBadge.accept(r, b);
    }

    /** Checks every replica of {@code catalog}; {@code maxLag} null when lag does not matter (a frozen copy). */
    void checkAll(Catalog catalog, Duration maxLag) {
        this.catalog = catalog;
        this.maxLag = maxLag;
        badges.clear();
        List<Replica> replicas = catalog.databases().stream().flatMap(d -> d.replicas().stream()).toList();
        Duration lag = maxLag;
        ctx.jobs.<Map<Replica, Badge>>job(c -> {
            Map<Replica, Badge> out = new LinkedHashMap<>();
            for (Replica r : replicas) {
                c.cancellation().check();
                out.put(r, badge(r, lag, c));
            }
            return out;
        }).in(slot).onSuccess(m -> m.forEach((r, b) -> {
            badges.put(r, b);
            onBadge.accept(r, b);
        })).onError(t -> { }).start();
    }

    private static Badge badge(Replica r, Duration lag, Jobs.Context c) {
        try {
            ReplicaReport rep = new Checker(lag, MAX_CHURN, c.cancellation(), LAG_LIMIT_NAME).check(r, Instant.now());
            return new Badge(rep.status(), reason(rep), tooltip("check", rep), rep.concurrentWith());
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            return new Badge("error", "could not check", "could not check: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), Map.of());
        }
    }

    /** The kinds of the problems, in the order found ("lag", "gap, lag"); empty when there are none. */
    private static String reason(ReplicaReport rep) {
        java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
        rep.problems().forEach(p -> kinds.add(p.kind().label()));
        return String.join(", ", kinds);
    }

    private static String tooltip(String what, ReplicaReport rep) {
        List<Problem> p = rep.problems();
        return p.isEmpty() ? what + ": no problems found"
                : p.get(0).kind().label() + "  " + p.get(0).object() + ": " + p.get(0).message()
                + (rep.problemCount() > 1 ? "\n… and " + (rep.problemCount() - 1) + " more (Health…)" : "");
    }
}
