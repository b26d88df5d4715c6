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

    /** This probe with its result passed through {@code f}; it reads the same b-trees. */
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
        };
    }
}
