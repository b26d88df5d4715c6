package dev.lsconsole.ui.diff;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.live.LiveSnapshot;
import dev.lsconsole.live.LiveTarget;
import dev.lsconsole.restore.Cancellation;
import java.nio.file.Path;
import java.util.List;

/**
 * One comparison: the live target, the copy of live it was compared with, and the engine over both.
 * The engine is not thread-safe: callers synchronize on the session.
 */
final class DiffSession implements AutoCloseable {
    final LiveTarget target;
    final LiveSnapshot snapshot;
    final DiffEngine engine;
    final List<TableDiff> tables;

    private DiffSession(LiveTarget target, LiveSnapshot snapshot, DiffEngine engine, List<TableDiff> tables) {
        this.target = target;
        this.snapshot = snapshot;
        this.engine = engine;
        this.tables = tables;
    }

    /** Copies live (in a folder of {@code temps}, the window's: deleted at exit, swept after a kill), compares; a cancel stops the copy (its process ends) and the comparison in SQLite. */
    static DiffSession open(Path restored, LiveTarget target, dev.lsconsole.TempFolders temps, Cancellation cancel,
                            DiffEngine.Progress progress) {
        LiveSnapshot snap = LiveSnapshot.take(target, temps);
        try {
            cancel.check();
            DiffEngine engine = new DiffEngine(restored, snap.file());
            try (AutoCloseable stop = cancel.onCancel(engine::interrupt)) {
                List<TableDiff> tables = engine.compare(List.of(), null, progress);
                cancel.check();
                return new DiffSession(target, snap, engine, tables);
            } catch (RuntimeException e) {
                engine.close();
                if (cancel.isCancelled()) {
                    throw new java.util.concurrent.CancellationException("compare cancelled");
                }
                throw e;
            } catch (Exception e) {
                engine.close();
                throw new IllegalStateException(e);
            }
        } catch (RuntimeException e) {
            snap.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        engine.close();
        snapshot.close();
    }
}
