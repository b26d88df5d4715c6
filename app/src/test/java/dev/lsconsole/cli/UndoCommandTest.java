package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Dbs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * undo from a terminal: lists the pushes of the audit log, undoes one with its saved script (real sqlite3
 * on a real file), records it, and refuses a second undo, an unknown push and a push whose rows changed.
 */
class UndoCommandTest {
    @TempDir
    Path tmp;
    Path restored;
    Path live;
    String state;

    @BeforeEach
    void dbs() throws Exception {
        restored = tmp.resolve("restored.db");
        live = tmp.resolve("live.db");
        for (Path db : new Path[] {restored, live}) {
            Dbs.exec(db, "CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT)");
        }
        Dbs.exec(restored, "INSERT INTO users VALUES (1, 'a@x'), (2, 'b@x'), (3, 'c@x')");
        Dbs.exec(live, "INSERT INTO users VALUES (1, 'a@x')");
        state = tmp.resolve("state").toString();
    }

    @Test
    void listsUndoesOnceAndRecordsIt() throws Exception {
        CliRun.Result none = CliRun.run(Map.of(), "undo", "--state-dir", state);
        assertThat(none.exit()).isZero();
        assertThat(none.stdout()).startsWith("no pushes in ");
        CliRun.Result push = push("2", "3");
        assertThat(push.exit()).as(push.stderr()).isZero();
        assertThat(q(live, "SELECT count(*) FROM users;")).isEqualTo("3");

        CliRun.Result list = CliRun.run(Map.of(), "undo", "--state-dir", state);
        assertThat(list.stdout().strip()).matches("\\S+Z  ok  2 rows \\(2 inserts, 0 updates\\) into users of "
                + java.util.regex.Pattern.quote(live.toString()));
        String time = list.stdout().substring(0, list.stdout().indexOf(' '));
        CliRun.Result dry = CliRun.run(Map.of(), "undo", time, "--dry-run", "--state-dir", state);
        assertThat(dry.stdout()).contains("DELETE").contains("users");
        assertThat(q(live, "SELECT count(*) FROM users;")).as("a dry run writes nothing").isEqualTo("3");

        CliRun.Result noTerminal = CliRun.run(Map.of(), "undo", "last", "--state-dir", state);
        assertThat(noTerminal.exit()).isEqualTo(1);
        assertThat(noTerminal.stderr()).contains("add --yes");
        CliRun.Result undo = CliRun.run(Map.of(), "undo", time, "--yes", "--state-dir", state);
        assertThat(undo.exit()).as(undo.stderr()).isZero();
        assertThat(undo.stdout()).startsWith("undone: the push of " + time);
        assertThat(q(live, "SELECT group_concat(id) FROM users;")).isEqualTo("1");
        assertThat(CliRun.run(Map.of(), "undo", "--state-dir", state).stdout()).contains("  undone at ");

        CliRun.Result again = CliRun.run(Map.of(), "undo", "last", "--yes", "--state-dir", state);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.stderr().strip()).startsWith("error: the push of " + time + " was undone already");
        CliRun.Result unknown = CliRun.run(Map.of(), "undo", "2020-01-01T00:00:00Z", "--yes", "--state-dir", state);
        assertThat(unknown.stderr().strip()).startsWith("error: no push at 2020-01-01T00:00:00Z");
    }

    @Test
    void rowsChangedSinceThePushAreNeverUndone() throws Exception {
        assertThat(push("2").exit()).isZero();
        Dbs.exec(live, "UPDATE users SET email = 'changed by the app' WHERE id = 2");
        CliRun.Result undo = CliRun.run(Map.of(), "undo", "last", "--yes", "--state-dir", state);
        assertThat(undo.exit()).isEqualTo(1);
        assertThat(undo.stderr().strip()).startsWith("error: undo on " + live).contains("nothing was undone")
                .doesNotContain("\n");
        assertThat(q(live, "SELECT email FROM users WHERE id = 2;")).isEqualTo("changed by the app");
    }

    private static String q(Path db, String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.ResultSet rs = c.createStatement().executeQuery(sql.replace(";", ""))) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private CliRun.Result push(String... keys) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("push", restored.toString(),
                live.toString(), "--table", "users", "--yes", "--state-dir", state));
        for (String k : keys) {
            args.add("--keys");
            args.add(k);
        }
        return CliRun.run(Map.of(), args.toArray(String[]::new));
    }
}
