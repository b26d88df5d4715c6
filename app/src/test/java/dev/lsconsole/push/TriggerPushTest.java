package dev.lsconsole.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.live.LiveException;
import dev.lsconsole.live.SqliteLiveTarget;
import dev.lsconsole.sql.Literals;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.RestoredAndLive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live triggers are shown before a push, and the undo script undoes exactly what the push wrote. */
class TriggerPushTest extends RestoredAndLive {
    @BeforeEach
    void dbs() throws Exception {
        both("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, name TEXT)",
                "CREATE TABLE log(what TEXT)",
                "INSERT INTO users VALUES (1,'a@x','A'),(2,'b@x','B'),(3,'c@x','C')");
        Dbs.exec(live, "DELETE FROM users WHERE id IN (2, 3)",
                "CREATE TRIGGER \"users audit\" AFTER INSERT ON users BEGIN INSERT INTO log VALUES ('ins ' || new.id); END",
                "CREATE TRIGGER users_touch BEFORE UPDATE OF name ON users BEGIN SELECT 1; END");
    }

    private PushPlan plan(String... keys) throws Exception {
        List<List<dev.lsconsole.sql.Value>> k = new java.util.ArrayList<>();
        for (String s : keys) {
            k.add(Literals.parseList(s));
        }
        try (DiffEngine d = new DiffEngine(restored, live)) {
            return new PushPlanner().plan(d, "users", PushMode.INSERT_MISSING, k, null);
        }
    }

    @Test
    void previewAndAuditListTheLiveTriggersThatWillFire() throws Exception {
        CliRun.Result dry = CliRun.run(Map.of(), "push", restored.toString(), live.toString(), "--table", "users",
                "--all-missing", "--dry-run");
        assertThat(dry.exit()).as(dry.stderr()).isZero();
        assertThat(dry.stdout()).contains("live triggers that will fire:")
                .contains("  users audit: AFTER INSERT ON users")
                .contains("  users_touch: BEFORE UPDATE ON users");
        CliRun.Result r = CliRun.run(Map.of(), "push", restored.toString(), live.toString(), "--table", "users",
                "--keys", "2", "--yes", "--state-dir", tmp.resolve("state").toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(Files.readString(tmp.resolve("state").resolve("audit.log")))
                .contains("\"triggers\":[\"users audit: AFTER INSERT ON users\",\"users_touch: BEFORE UPDATE ON users\"]");
        assertThat(Sqlite3.run(live, "SELECT what FROM log;")).isEqualTo("ins 2");
    }

    @Test
    void aRowThatAppearedAfterThePreviewAbortsThePushSoUndoNeverDeletesIt() throws Exception {
        PushPlan p = plan("2", "3");
        Dbs.exec(live, "INSERT INTO users VALUES (2, 'new@x', 'written by the app meanwhile')");
        String before = Dbs.checksum(live);
        assertThatThrownBy(() -> new Pusher(tmp.resolve("state")).push(SqliteLiveTarget.localFile(live), p))
                .isInstanceOf(PushException.class)
                .hasMessageContaining("live changed since the preview: a row to insert into users exists now")
                .hasMessageContaining("nothing was written");
        assertThat(Dbs.checksum(live)).isEqualTo(before);
        assertThatThrownBy(() -> SqliteLiveTarget.localFile(live).execute(p.undoScript(), 60))
                .isInstanceOf(LiveException.class).hasMessageContaining("not as the push wrote");
        assertThat(Sqlite3.run(live, "SELECT name FROM users WHERE id = 2;")).isEqualTo("written by the app meanwhile");
    }

    @Test
    void undoLeavesRowsTheAppChangedAfterThePush() throws Exception {
        PushPlan p = plan("2", "3");
        new Pusher(tmp.resolve("state")).push(SqliteLiveTarget.localFile(live), p);
        Dbs.exec(live, "UPDATE users SET name = 'edited after the push' WHERE id = 3");
        assertThatThrownBy(() -> SqliteLiveTarget.localFile(live).execute(p.undoScript(), 60))
                .isInstanceOf(LiveException.class)
                .hasMessageContaining("rows of users are not as the push wrote them");
        assertThat(Sqlite3.run(live, "SELECT count(*) FROM users;")).isEqualTo("3");
        Dbs.exec(live, "UPDATE users SET name = 'C' WHERE id = 3");
        SqliteLiveTarget.localFile(live).execute(p.undoScript(), 60);
        assertThat(Sqlite3.run(live, "SELECT group_concat(id) FROM users;")).isEqualTo("1");
    }

    @Test
    void aRowChangedAfterThePreviewAbortsAnUpsert() throws Exception {
        Dbs.exec(live, "UPDATE users SET name = 'Z' WHERE id = 1");
        PushPlan p;
        try (DiffEngine d = new DiffEngine(restored, live)) {
            p = new PushPlanner().plan(d, "users", PushMode.UPSERT, List.of(Literals.parseList("1")), null);
        }
        Dbs.exec(live, "UPDATE users SET name = 'edited by the app meanwhile' WHERE id = 1");
        assertThatThrownBy(() -> new Pusher(tmp.resolve("state")).push(SqliteLiveTarget.localFile(live), p))
                .isInstanceOf(PushException.class)
                .hasMessageContaining("live changed since the preview: a row to update in users differs from the preview");
        assertThat(Sqlite3.run(live, "SELECT name FROM users WHERE id = 1;")).isEqualTo("edited by the app meanwhile");
    }

    /**
     * A live trigger that moves each new row elsewhere: the push commits, yet its rows do not read back. That
     * is "written, but … do not read back", never "nothing was written" (sqlite3 says it committed).
     */
    @Test
    void aTriggerThatMovesThePushedRowsIsAWrittenPushNotAnUnwrittenOne() throws Exception {
        Dbs.exec(live, "CREATE TABLE archive(id INTEGER, email TEXT)",
                "CREATE TRIGGER move_away AFTER INSERT ON users BEGIN INSERT INTO archive VALUES (new.id, new.email);"
                        + " DELETE FROM users WHERE id = new.id; END");
        CliRun.Result r = CliRun.run(Map.of(), "push", restored.toString(), live.toString(), "--table", "users",
                "--keys", "2", "--yes", "--state-dir", tmp.resolve("state").toString());
        assertThat(Sqlite3.run(live, "SELECT count(*) FROM archive;")).as("live was written").isEqualTo("1");
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(1);
        assertThat(r.stdout() + r.stderr()).contains("written, but 1 rows do not read back")
                .doesNotContain("nothing was written");
        assertThat(Files.readString(tmp.resolve("state").resolve("audit.log"))).contains("\"outcome\":\"unverified\"");
    }
}
