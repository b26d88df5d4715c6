package dev.lsconsole.ui.diff;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.live.LiveSnapshot;
import dev.lsconsole.live.LiveTarget;
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

    static DiffSession open(Path restored, LiveTarget target) {
        LiveSnapshot snap = LiveSnapshot.take(target);
        try {
            DiffEngine engine = new DiffEngine(restored, snap.file());
            try {
                return new DiffSession(target, snap, engine, engine.compare(List.of(), null));
            } catch (RuntimeException e) {
                engine.close();
                throw e;
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
