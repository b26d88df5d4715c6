package dev.lsconsole.testing;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * For tests of diff and push: a restored copy and a live database in a temp directory, made by the
 * same statements; each test then changes live the way its case needs.
 */
public abstract class RestoredAndLive {
    @TempDir
    public Path tmp;
    public Path restored;
    public Path live;

    /** Creates restored.db and live.db, each by {@code sql}. */
    protected void both(String... sql) throws Exception {
        restored = tmp.resolve("restored.db");
        live = tmp.resolve("live.db");
        for (Path p : List.of(restored, live)) {
            Dbs.exec(p, sql);
        }
    }
}
