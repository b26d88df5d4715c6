package dev.lsconsole.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.live.SqliteLiveTarget;
import dev.lsconsole.sql.Literals;
import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.RestoredAndLive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Past pushes read back from the audit log (across restarts) and undone from it, on the real sqlite3:
 * the undo restores live exactly, is audited, is offered once, and refuses when the rows changed since.
 */
class UndoTest extends RestoredAndLive {
    Path state;

    @BeforeEach
    void dbs() throws Exception {
        state = tmp.resolve("state");
        both("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, name TEXT)",
                "INSERT INTO users VALUES (1,'a@x','A'),(2,'b@x','B'),(3,'c@x','C')");
        Dbs.exec(live, "DELETE FROM users WHERE id IN (2, 3)", "UPDATE users SET name = 'A changed' WHERE id = 1");
    }

    private AuditLog.Push pushed() throws Exception {
        PushPlan plan;
        try (DiffEngine d = new DiffEngine(restored, live)) {
            plan = new PushPlanner().plan(d, "users", PushMode.UPSERT, List.of(Literals.parseList("2"),
                    Literals.parseList("1")), null);
        }
        new Pusher(state).push(SqliteLiveTarget.localFile(live), plan);
        AuditLog.Pushes all = AuditLog.read(state.resolve("audit.log"));
        assertThat(all.unreadableLines()).isZero();
        assertThat(all.pushes()).hasSize(1);
        return all.pushes().get(0);
    }

    @Test
    void aPushFromTheAuditLogIsUndoneExactlyAndOnlyOnce() throws Exception {
        String before = rows();
        AuditLog.Push p = pushed();
        assertThat(p.outcome()).isEqualTo("ok");
        assertThat(p.tables()).containsExactly("users");
        assertThat(p.rows()).isEqualTo(2);
        assertThat(p.undoable()).isTrue();
        assertThat(Sqlite3.run(live, "SELECT name FROM users ORDER BY id;")).isEqualTo("A\nB");

        Undo undo = new Undo(state);
        assertThat(undo.script(p)).contains("BEGIN IMMEDIATE").doesNotContain("-- target:");
        undo.run(SqliteLiveTarget.localFile(live), p);
        assertThat(rows()).isEqualTo(before).isEqualTo("1|a@x|A changed");
        AuditLog.Push after = AuditLog.read(state.resolve("audit.log")).pushes().get(0);
        assertThat(after.undone()).isTrue();
        assertThat(after.undoable()).isFalse();
        assertThat(Files.readString(state.resolve("audit.log"))).contains("\"action\":\"undo\"");
    }

    /** Every row of live, as sqlite3 prints them (the content, not the file's bytes). */
    private String rows() {
        return Sqlite3.run(live, "SELECT * FROM users ORDER BY id;");
    }

    @Test
    void anUndoOfRowsChangedSinceThePushUndoesNothing() throws Exception {
        AuditLog.Push p = pushed();
        Dbs.exec(live, "UPDATE users SET email = 'edited-after@x' WHERE id = 2");
        String before = Dbs.checksum(live);
        assertThatThrownBy(() -> new Undo(state).run(SqliteLiveTarget.localFile(live), p))
                .isInstanceOf(PushException.class).hasMessageContaining("nothing was undone");
        assertThat(Dbs.checksum(live)).isEqualTo(before);
        assertThat(AuditLog.read(state.resolve("audit.log")).pushes().get(0).undoable()).isTrue();
    }

    @Test
    void anUndoRunsOnlyOnTheDatabaseThePushWroteAndAGarbledLineIsSkipped() throws Exception {
        AuditLog.Push p = pushed();
        Path other = tmp.resolve("other.db");
        Dbs.exec(other, "CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, name TEXT)");
        assertThatThrownBy(() -> new Undo(state).run(SqliteLiveTarget.localFile(other), p))
                .isInstanceOf(PushException.class).hasMessageContaining("only on the database the push wrote to");
        Files.writeString(state.resolve("audit.log"), "not json\n", java.nio.file.StandardOpenOption.APPEND);
        AuditLog.Pushes all = AuditLog.read(state.resolve("audit.log"));
        assertThat(all.pushes()).hasSize(1);
        assertThat(all.unreadableLines()).isEqualTo(1);
        Files.delete(p.undoScript());
        assertThatThrownBy(() -> new Undo(state).script(p)).hasMessageContaining("is gone");
    }
}
