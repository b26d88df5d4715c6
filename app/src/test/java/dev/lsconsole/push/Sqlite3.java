package dev.lsconsole.push;

import dev.lsconsole.live.LocalShell;
import dev.lsconsole.live.SqliteShell;
import java.nio.file.Path;
import java.util.List;

/** Runs the real sqlite3 CLI on a test database (its own integrity checks, as an operator would). */
final class Sqlite3 {
    private Sqlite3() {
    }

    /** What sqlite3 printed; fails the test on any error. */
    static String run(Path db, String sql) {
        SqliteShell.Result r = new LocalShell().run(List.of("sqlite3", db.toString()), ".bail on\n" + sql + "\n.quit\n",
                60);
        if (!r.ok() || !r.stderr().isBlank()) {
            throw new AssertionError("sqlite3 failed on " + sql + ": " + r.stderr());
        }
        return r.stdout().strip();
    }
}
