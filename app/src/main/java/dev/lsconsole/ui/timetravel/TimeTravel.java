package dev.lsconsole.ui.timetravel;

import dev.lsconsole.replica.Replica;
import dev.lsconsole.timetravel.Bisect;
import dev.lsconsole.timetravel.QueryProbe;
import dev.lsconsole.timetravel.Row;
import dev.lsconsole.timetravel.RowHistory;
import dev.lsconsole.timetravel.RowProbe;
import dev.lsconsole.timetravel.Span;
import dev.lsconsole.timetravel.TimeTravelException;
import dev.lsconsole.timetravel.Walk;
import dev.lsconsole.ui.browse.TimelineChart;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Fmt;
import dev.lsconsole.ui.common.Jobs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.Node;

/**
 * The window's time travel, thin over the engine: "When did this change?" (a row or a query), a row's
 * history and "changes between" two moments, each a background walk with progress and Cancel in a tab of
 * its own; results are marked on the timeline and offer "Restore here".
 */
public final class TimeTravel {
    /** What the main window provides: tabs, the restore flow, the timeline's marks. */
    public interface Host {
        void openTab(String title, Node content, Runnable onClose);

        /** Restores the point at {@code t} as a new restored view; null when it started, else why not. */
        String restoreAt(Replica replica, String generation, Instant t);

        void mark(Replica replica, String generation, List<TimelineChart.Mark> marks, Instant from, Instant to);
    }

    /** A row picked in a data grid: its table, column names and values as probe key text by column. */
    public record RowPick(Path restored, String table, List<String> columns, List<String> values, String rowid) {
    }

    private final Ctx ctx;
    private final Host host;

    public TimeTravel(Ctx ctx, Host host) {
        this.ctx = ctx;
        this.host = host;
    }

    /**
     * The walk of the scope's history, telling the job which restore point it reads: on a path upgraded from
     * v0.3, the chain or the latest generation spans both sides of the upgrade ({@link Span#of}).
     */
    private Walk walk(Scope s, Jobs.Context c) {
        return walk(Span.of(s.replica(), s.generation()), c);
    }

    private Walk walk(Span span, Jobs.Context c) {
        return span.walk(ctx.tempDir(), c.cancellation()).ownedBy(ctx.temps).withProgress((n, of, p) ->
                c.progress((double) n / of, "restore point " + n + " of " + of + " · " + Fmt.time(p.time())));
    }

    /** "When did this change?" for a row: the boundary after the scope's moment. */
    public void bisectRow(Scope s, RowPick pick) {
        JobPane pane = new JobPane("When did the selected " + pick.table() + " row change after "
                + Fmt.time(s.from()) + "?");
        boolean[] tableSeen = new boolean[1];
        String[] keyText = new String[1];
        Span[] span = new Span[1];
        start(pane, "When? " + pick.table(), c -> {
            RowProbe rp = new RowProbe(pick.table(), key(pick));
            keyText[0] = String.join(",", rp.key());
            span[0] = Span.of(s.replica(), s.generation());
            Bisect.Result<Row> r = Bisect.of(walk(span[0], c), rp.map(st -> {
                tableSeen[0] |= st.tableExists();
                return st.row();
            }), s.from());
            if (!r.changed() && !tableSeen[0]) {
                throw new TimeTravelException("no table " + pick.table() + " in " + span[0].label());
            }
            if (!r.changed() && r.before() == null) {
                throw new TimeTravelException("no row with key " + keyText[0] + " in table " + pick.table()
                        + " at any restore point of " + span[0].label());
            }
            return r;
        }, r -> {
            pane.retitle("When did the " + pick.table() + " row with key " + keyText[0] + " change after "
                    + Fmt.time(s.from()) + "? (" + span[0].label() + ")");
            pane.show(BisectPane.row(r, span[0], p -> restore(s, span[0], p, pane)));
            marks(s, r);
        }, "bisect", pick.table() + " row");
    }

    /**
     * "When did this result change?" for a read-only query: refused at once (one line to {@code refused})
     * when it would write; else the boundary after the scope's moment, the result compared whole.
     */
    public void bisectQuery(Scope s, Path restored, String sql, Consumer<String> refused) {
        ctx.jobs.job(c -> {
            QueryProbe q = new QueryProbe(sql);
            q.checkReadOnly(restored);
            return q;
        }).onSuccess(q -> {
            refused.accept("Searching the generation for the first change: see the new tab.");
            JobPane pane = new JobPane("When did the result of " + oneLine(sql) + " change after " + Fmt.time(s.from())
                    + "?");
            Span[] span = new Span[1];
            start(pane, "When? query", c -> {
                span[0] = Span.of(s.replica(), s.generation());
                return Bisect.of(walk(span[0], c), q, s.from());
            }, r -> {
                pane.show(BisectPane.query(r, span[0], p -> restore(s, span[0], p, pane)));
                marks(s, r);
            }, "bisect", "query " + oneLine(sql));
        }).onError(t -> refused.accept(dev.lsconsole.ui.error.Problems.of(t).what())).start();
    }

    /** Every change of a row across the generation, each with "Restore here". */
    public void history(Scope s, RowPick pick) {
        JobPane pane = new JobPane("History of the selected " + pick.table() + " row");
        String[] keyText = new String[1];
        Span[] span = new Span[1];
        start(pane, "History " + pick.table(), c -> {
            RowProbe rp = new RowProbe(pick.table(), key(pick));
            keyText[0] = String.join(",", rp.key());
            span[0] = Span.of(s.replica(), s.generation());
            RowHistory.Result r = RowHistory.of(walk(span[0], c), rp);
            if (!r.tableSeen()) {
                throw new TimeTravelException("no table " + pick.table() + " in " + span[0].label());
            }
            return r;
        }, r -> {
            pane.retitle("History of the " + pick.table() + " row with key " + keyText[0] + " in "
                    + span[0].label());
            pane.show(HistoryPane.of(r, span[0], p -> restore(s, span[0], p, pane)));
            List<TimelineChart.Mark> m = new ArrayList<>();
            r.events().forEach(e -> m.add(new TimelineChart.Mark(e.at().time(), e.kind().name().toLowerCase())));
            host.mark(s.replica(), s.generation(), m, null, null);
        }, "history", pick.table() + " row");
    }

    /** What changed between two moments: the diff grid FROM → TO, and FROM against live for the push. */
    public void changes(Scope s, Instant from, Instant to) {
        JobPane pane = new JobPane("Changes between " + Fmt.time(from) + " and " + Fmt.time(to));
        ChangesPane.Files[] files = new ChangesPane.Files[1];
        start(pane, "Changes " + Fmt.CLOCK.format(from) + "–" + Fmt.CLOCK.format(to),
                c -> ChangesPane.materialize(walk(s, c), ctx.temps, ctx.tempDir(), from, to), f -> {
                    files[0] = f;
                    pane.show(new ChangesPane(ctx, f, s.live()));
                    host.mark(s.replica(), s.generation(), null, f.from().time(), f.to().time());
                }, "changes", Fmt.time(from) + " to " + Fmt.time(to));
        pane.setUserData((Runnable) () -> {
            if (files[0] != null && pane.getCenter() instanceof ChangesPane cp) {
                cp.close();
            }
        });
    }

    private <T> Task<T> start(JobPane pane, String title, Jobs.Work<T> work, Consumer<T> shown, String action,
                              String detail) {
        Task<T> t = ctx.jobs.job(work).logged(action, detail, TimeTravel::summary)
                .onSuccess(shown).onError(pane::failed).andFinally(pane::ended).start();
        pane.run(t);
        host.openTab(title, pane, () -> {
            pane.cancel();
            if (pane.getUserData() instanceof Runnable r) {
                r.run();
            }
        });
        return t;
    }

    /** The activity log's line for a finished question. */
    private static String summary(Object r) {
        if (r instanceof Bisect.Result<?> b) {
            return b.changed() ? "changed between " + Fmt.time(b.lastGood().time()) + " and "
                    + Fmt.time(b.firstChanged().time()) : "unchanged to " + Fmt.time(b.lastGood().time());
        }
        if (r instanceof RowHistory.Result h) {
            return h.events().size() + " change(s) in " + h.points() + " restore points";
        }
        if (r instanceof ChangesPane.Files f) {
            return "states at " + Fmt.time(f.from().time()) + " and " + Fmt.time(f.to().time());
        }
        return "done";
    }

    /** Restores a point from the history it is in (across an upgrade, a generation or the v0.5 chain). */
    private void restore(Scope s, Span span, dev.lsconsole.timetravel.Point p, JobPane pane) {
        String why = host.restoreAt(s.replica(), span.historyOf(p), p.time());
        pane.say(why == null ? "Restoring the state at " + Fmt.time(p.time()) + " (it opens in a new tab)…" : why,
                why != null);
    }

    private <S> void marks(Scope s, Bisect.Result<S> r) {
        List<TimelineChart.Mark> m = new ArrayList<>();
        m.add(new TimelineChart.Mark(r.lastGood().time(), r.changed() ? "last good" : "unchanged to here"));
        if (r.changed()) {
            m.add(new TimelineChart.Mark(r.firstChanged().time(), "changed"));
        }
        host.mark(s.replica(), s.generation(), m, null, null);
    }

    /** The probe key of a picked row: its primary key values in key order, or its rowid. */
    static List<String> key(RowPick pick) {
        List<String> cols = RowProbe.keyColumns(pick.restored(), pick.table());
        if (cols.isEmpty()) {
            throw new TimeTravelException("no table " + pick.table() + " in the restored database");
        }
        List<String> out = new ArrayList<>();
        for (String c : cols) {
            int i = pick.columns().indexOf(c);
            String v = c.equals("rowid") && i < 0 ? pick.rowid() : i < 0 ? null : pick.values().get(i);
            if (v == null) {
                throw new TimeTravelException("the selected row of " + pick.table() + " has no usable value for its key "
                        + "column " + c + " (NULL, a BLOB or a cut value)");
            }
            out.add(v);
        }
        return out;
    }

    private static String oneLine(String s) {
        String x = s.strip().replaceAll("\\s+", " ");
        return x.length() > 80 ? x.substring(0, 79) + "…" : x;
    }
}
