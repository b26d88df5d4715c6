package dev.lsconsole.timetravel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Function;

/** What bisect watches: a result read from the database at one restore point, compared with {@code equals}. */
public interface Probe<S> {
    S read(Path db);

    /**
     * The b-trees (tables and indexes, by name in {@code sqlite_schema}) a read at this state of the database
     * looks at, besides {@code sqlite_schema} itself; null when not known, and then the probe is read at every
     * restore point. A point whose pages touch none of them cannot change the result (see {@link PageGate}).
     */
    default Set<String> btrees(Connection c) throws SQLException {
        return null;
    }

    /**
     * The pages of the database a read at this state looks at, besides page 1 and {@code sqlite_schema}'s
     * b-tree; null when not known. By default every page of the {@link #btrees} (at most
     * {@link ReadSet#MAX_PAGES}; beyond that null, as listing them would cost more than reading).
     */
    default java.util.BitSet pages(Connection c, Path db) throws SQLException {
        Set<String> names = btrees(c);
        return names == null ? null : ReadSet.btreePages(c, names);
    }

    /** This probe with its result passed through {@code f}; it reads the same pages. */
    default <T> Probe<T> map(Function<S, T> f) {
        Probe<S> self = this;
        return new Probe<>() {
            @Override
            public T read(Path db) {
                return f.apply(self.read(db));
            }

            @Override
            public Set<String> btrees(Connection c) throws SQLException {
                return self.btrees(c);
            }

            @Override
            public java.util.BitSet pages(Connection c, Path db) throws SQLException {
                return self.pages(c, db);
            }
        };
    }
}
