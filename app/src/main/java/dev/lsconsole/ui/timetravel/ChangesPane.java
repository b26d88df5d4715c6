package dev.lsconsole.ui.timetravel;

import dev.lsconsole.timetravel.Point;
import dev.lsconsole.timetravel.TimeTravelException;
import dev.lsconsole.timetravel.Walk;
import dev.lsconsole.timetravel.Window;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Fmt;
import dev.lsconsole.ui.diff.DiffPane;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * What changed between two moments: the diff grid with "restored" = the state at FROM and "live" = the
 * state at TO, and beside it FROM compared with the live database, where the existing push flow (preview,
 * confirm, undo, audit) writes rows as they were at FROM back to live: "revert what this window did".
 * Both states are copies in a temp directory of their own, removed when the tab closes.
 */
final class ChangesPane extends BorderPane {
    /** The two states kept from one walk, in {@code dir}. */
    record Files(Path dir, Point from, Path fromDb, Point to, Path toDb) {
    }

    private final Files files;
    private final dev.lsconsole.TempFolders temps;
    private final DiffPane window;
    private final DiffPane revert;

    ChangesPane(Ctx ctx, Files f, String live) {
        this.files = f;
        this.temps = ctx.temps;
        setId("tt-changes");
        window = new DiffPane(ctx, f.fromDb(), null);
        window.setId("tt-changes-diff");
        revert = new DiffPane(ctx, f.fromDb(), live);
        revert.setId("tt-revert-diff");
        Tab a = new Tab("What changed", window);
        a.setId("tab-tt-changed");
        Tab b = new Tab("Revert in live (push FROM's rows)", revert);
        b.setId("tab-tt-revert");
        TabPane tabs = new TabPane(a, b);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        window.showWindow(f.toDb(), Fmt.time(f.from().time()), Fmt.time(f.to().time()));
        b.setOnSelectionChanged(e -> {
            if (b.isSelected() && live != null && b.getUserData() == null) {
                b.setUserData(Boolean.TRUE);
                revert.compareNow();
            }
        });
    }

    /**
     * Walks once to FROM and TO (the engine's one working copy, copied once at FROM) and keeps both states
     * in a new temp directory; nothing is left behind on error or cancel.
     */
    static Files materialize(Walk walk, dev.lsconsole.TempFolders temps, Path tempRoot, Instant from, Instant to) {
        Path dir;
        try {
            dir = temps.create("lsc-changes-"); // deleted at exit (SIGTERM too) if this pane is not closed first
        } catch (IOException e) {
            throw new TimeTravelException("cannot create a directory in " + tempRoot + ": " + e.getMessage(), e);
        }
        Path a = dir.resolve("from.db");
        Path b = dir.resolve("to.db");
        Point[] points = new Point[2];
        boolean ok = false;
        try {
            Window.run(walk, tempRoot, from, to, (fp, fromDb, tp, toDb) -> {
                copy(fromDb, a);
                copy(toDb, b);
                points[0] = fp;
                points[1] = tp;
            });
            ok = true;
            return new Files(dir, points[0], a, points[1], b);
        } finally {
            if (!ok) {
                temps.delete(dir);
            }
        }
    }

    private static void copy(Path from, Path to) {
        try {
            java.nio.file.Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TimeTravelException("cannot copy a state to " + to + ": " + e.getMessage(), e);
        }
    }

    DiffPane window() {
        return window;
    }

    DiffPane revert() {
        return revert;
    }

    /** Ends both comparisons and removes the two states. */
    void close() {
        window.dispose();
        revert.dispose();
        Path dir = files.dir();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(500); // the comparisons close in the background first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            temps.delete(dir);
        }, "close-changes");
        t.start();
    }
}
