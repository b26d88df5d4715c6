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
 * the badge, the timeline flags generations another writer interleaves with.
 */
public final class ReplicaBadges {
    /** One replica's badge: ok, warn, fail (or error: could not check), a tooltip, and concurrent writers. */
    public record Badge(String status, String tooltip, Map<String, SortedSet<String>> concurrentWith) {
    }

    static final int MAX_CHURN = 5;

    private final Ctx ctx;
    private final Jobs.Slot slot = new Jobs.Slot();
    private final Map<Replica, Badge> badges = new IdentityHashMap<>();
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

    /** Checks every replica of {@code catalog}; {@code maxLag} null when lag does not matter (a frozen copy). */
    void checkAll(Catalog catalog, Duration maxLag) {
        badges.clear();
        List<Replica> replicas = catalog.databases().stream().flatMap(d -> d.replicas().stream()).toList();
        Duration lag = maxLag == null ? Duration.ofDays(36_500) : maxLag;
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
            ReplicaReport rep = new Checker(lag, MAX_CHURN, c.cancellation()).check(r, Instant.now());
            List<Problem> p = rep.problems();
            String tip = p.isEmpty() ? "check: no problems found"
                    : p.get(0).kind().label() + "  " + p.get(0).object() + ": " + p.get(0).message()
                    + (rep.problemCount() > 1 ? "\n… and " + (rep.problemCount() - 1) + " more (Health…)" : "");
            return new Badge(rep.status(), tip, rep.concurrentWith());
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            return new Badge("error", "could not check: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), Map.of());
        }
    }
}
