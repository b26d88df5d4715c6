package dev.lsconsole.timetravel;

import dev.lsconsole.history.History;
import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.restore.RestorePlanner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What one time-travel question walks, for the CLI and the window alike: one v0.3 generation, the v0.5
 * chain, or on a path upgraded in place (v0.3 first, then v0.5 on the same path) the latest v0.3 generation
 * and then the chain, as one timeline. It names itself and the history each of its points is in.
 */
public final class Span {
    private final Replica replica;
    private final String generation;
    private final RestorePlanner.Listing listing;
    private final LtxChain chain;
    private final Instant first;
    private final Instant last;

    private Span(Replica replica, String generation, RestorePlanner.Listing listing, LtxChain chain) {
        this.replica = replica;
        this.generation = generation;
        this.listing = listing;
        this.chain = chain;
        GenerationBounds b = listing == null ? null : RestorePlanner.bounds(generation, listing);
        List<LtxChain.Step> steps = chain == null ? List.of() : chain.steps();
        this.first = b != null ? b.createdAt() : steps.get(0).time();
        this.last = chain != null ? steps.get(steps.size() - 1).time() : b.updatedAt();
    }

    /** One v0.3 generation, from its listing. */
    public static Span generation(Replica replica, String generation, RestorePlanner.Listing listing) {
        return new Span(replica, generation, listing, null);
    }

    /** The v0.5 chain alone; one line when it has no restore point. */
    public static Span chain(Replica replica, LtxChain chain) {
        if (chain.isEmpty()) {
            throw new TimeTravelException("no snapshot to start from in the v0.5 LTX chain of "
                    + replica.client().location());
        }
        return new Span(replica, History.LTX_ID, null, chain);
    }

    /**
     * The v0.5 chain, preceded by the replica's latest v0.3 generation when the path was upgraded from one
     * (the generation restore uses for the data before the upgrade) and the chain reaches later than it.
     */
    public static Span chainAfterUpgrade(Replica replica, LtxChain chain) {
        RestorePlanner.Target t = replica.client().generations().isEmpty() ? null
                : new RestorePlanner().chooseTarget(List.of(replica), RestoreOptions.latest());
        if (t == null || chain.isEmpty() || !chain.steps().get(chain.steps().size() - 1).time()
                .isAfter(t.bounds().updatedAt())) {
            return chain(replica, chain);
        }
        return new Span(replica, t.bounds().generation(), t.listing(), chain);
    }

    /**
     * The window's span for a history it shows (a restored view's or the timeline's): the chain, or the
     * latest v0.3 generation of an upgraded path, span both sides of the upgrade; any other generation is
     * walked alone.
     */
    public static Span of(Replica replica, String historyId) {
        List<Integer> levels = replica.client().ltxLevels();
        if (History.LTX_ID.equals(historyId)) {
            return chainAfterUpgrade(replica, LtxChain.of(replica, levels));
        }
        RestorePlanner planner = new RestorePlanner();
        if (!levels.isEmpty()) {
            Span both = chainAfterUpgrade(replica, LtxChain.of(replica, levels));
            if (historyId.equals(both.generation)) {
                return both;
            }
        }
        return generation(replica, historyId, planner.list(replica, historyId));
    }

    /** A walk of the span with one working copy at a time, in a private directory under {@code tempRoot}. */
    public Walk walk(Path tempRoot, Cancellation cancel) {
        if (chain == null) {
            return new Walk(replica, generation, listing, tempRoot, cancel);
        }
        return listing == null ? Walk.ofLtx(replica, chain, tempRoot, cancel)
                : Walk.upgraded(replica, generation, listing, chain, tempRoot, cancel);
    }

    /** True when the span goes from a v0.3 generation into the v0.5 chain. */
    public boolean crossesUpgrade() {
        return listing != null && chain != null;
    }

    public Replica replica() {
        return replica;
    }

    /** The v0.3 generation walked, or {@link History#LTX_ID} for the chain alone. */
    public String generation() {
        return generation;
    }

    /** The oldest and newest object times of the span (a moment outside them is not in it). */
    public Instant first() {
        return first;
    }

    public Instant last() {
        return last;
    }

    /** "v0.3", "v0.5", or "v0.3+v0.5" across an upgrade. */
    public String format() {
        return crossesUpgrade() ? "v0.3+v0.5" : chain != null ? "v0.5" : "v0.3";
    }

    /** "generation 1a2b…", "the v0.5 LTX chain", or "generation 1a2b…, then the v0.5 LTX chain it was upgraded to". */
    public String label() {
        if (crossesUpgrade()) {
            return History.label(generation) + ", then " + History.label(History.LTX_ID) + " it was upgraded to";
        }
        return History.label(generation);
    }

    /** The history a point of this span is in: a v0.3 generation's name or {@link History#LTX_ID}. */
    public String historyOf(Point p) {
        return p.isLtx() ? History.LTX_ID : generation;
    }

    /** "generation 1a2b…" or "the v0.5 LTX chain", for the point. */
    public String labelOf(Point p) {
        return History.label(historyOf(p));
    }
}
