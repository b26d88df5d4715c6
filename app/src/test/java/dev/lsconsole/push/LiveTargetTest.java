package dev.lsconsole.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.live.LiveException;
import dev.lsconsole.live.LocalShell;
import dev.lsconsole.live.SqliteLiveTarget;
import dev.lsconsole.sql.Literals;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.RestoredAndLive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live side: reads change nothing, writes are all or nothing, faults are one clear line. */
class LiveTargetTest extends RestoredAndLive {
    @BeforeEach
    void dbs() throws Exception {
        both("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, name TEXT)",
                "INSERT INTO users VALUES (1,'a@x','A'),(2,'b@x','B'),(3,'c@x','C'),(4,'d@x','D')");
        Dbs.exec(live, "DELETE FROM users WHERE id IN (2, 3)", "UPDATE users SET name = 'Z' WHERE id = 4");
    }

    private long count(String where) throws Exception {
        try (Connection c = Dbs.open(live); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM users WHERE " + where)) {
            return rs.getLong(1);
        }
    }

    @Test
    void readOnlyOperationsLeaveLiveByteIdentical() throws Exception {
        String before = Dbs.checksum(live);
        assertThat(CliRun.run(Map.of(), "diff", restored.toString(), live.toString()).exit()).isZero();
        assertThat(Dbs.checksum(live)).isEqualTo(before);
        assertThat(CliRun.run(Map.of(), "diff", "--json", restored.toString(), live.toString()).exit()).isZero();
        assertThat(Dbs.checksum(live)).isEqualTo(before);
        CliRun.Result dry = CliRun.run(Map.of(), "push", restored.toString(), live.toString(), "--table", "users",
                "--all-missing", "--mode", "upsert", "--dry-run");
        assertThat(dry.exit()).as(dry.stderr()).isZero();
        assertThat(dry.stdout()).contains("INSERT OR IGNORE INTO \"users\"").contains("UPDATE \"users\" SET");
        assertThat(Dbs.checksum(live)).isEqualTo(before);
        CliRun.Result noYes = CliRun.run(Map.of(), "push", restored.toString(), live.toString(), "--table", "users",
                "--all-missing");
        assertThat(noYes.exit()).isEqualTo(1);
        assertThat(noYes.stderr()).contains("add --yes to confirm").contains("nothing");
        assertThat(Dbs.checksum(live)).isEqualTo(before);
        SqliteLiveTarget.localFile(live).snapshotTo(tmp.resolve("snap.db"));
        assertThat(Dbs.checksum(live)).isEqualTo(before);
    }

    @Test
    void pushChosenKeysThenUndo() throws Exception {
        CliRun.Result r = CliRun.run(Map.of(), "push", restored.toString(), live.toString(), "--table", "users",
                "--keys", "2", "--yes", "--state-dir", tmp.resolve("state").toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("done: 1 inserts");
        assertThat(count("id = 2")).isEqualTo(1);
        assertThat(count("id = 3")).as("not chosen").isZero();
        List<String> audit = Files.readAllLines(tmp.resolve("state").resolve("audit.log"));
        assertThat(audit).hasSize(2);
        assertThat(audit.get(1)).contains("\"outcome\":\"ok\"").contains("\"keys\":[\"2\"]").contains("\"table\":\"users\"");
        Path undo;
        try (var s = Files.list(tmp.resolve("state").resolve("undo"))) {
            undo = s.findFirst().orElseThrow();
        }
        SqliteLiveTarget.localFile(live).execute(Files.readString(undo), 60);
        assertThat(count("id = 2")).isZero();
    }

    @Test
    void upsertRestoresChangedRowsAndItsUndoPutsThemBack() throws Exception {
        String before = Dbs.checksum(live);
        PushPlan plan;
        try (DiffEngine d = new DiffEngine(restored, live)) {
            plan = new PushPlanner().plan(d, "users", PushMode.UPSERT, List.of(Literals.parseList("4")), null);
        }
        PushResult res = new Pusher(tmp.resolve("state")).push(SqliteLiveTarget.localFile(live), plan);
        assertThat(res.updates()).isEqualTo(1);
        assertThat(count("id = 4 AND name = 'D'")).isEqualTo(1);
        SqliteLiveTarget.localFile(live).execute(plan.undoScript(), 60);
        assertThat(count("id = 4 AND name = 'Z'")).isEqualTo(1);
        assertThat(before).isNotEmpty();
    }

    @Test
    void lockedLiveDatabaseFailsCleanlyAndChangesNothing() throws Exception {
        PushPlan plan;
        try (DiffEngine d = new DiffEngine(restored, live)) {
            plan = new PushPlanner().plan(d, "users", PushMode.INSERT_MISSING, null, null);
        }
        try (Connection writer = Dbs.open(live); Statement st = writer.createStatement()) {
            st.execute("BEGIN IMMEDIATE"); // another writer holds the write lock
            st.execute("INSERT INTO users VALUES (99, 'w@x', 'W')");
            assertThatThrownBy(() -> new Pusher(tmp.resolve("state")).push(SqliteLiveTarget.localFile(live), plan))
                    .isInstanceOf(PushException.class).hasMessageContaining("database is locked")
                    .hasMessageContaining("nothing was written");
            st.execute("ROLLBACK");
        }
        assertThat(count("id IN (2, 3, 99)")).isZero();
        assertThat(Files.readString(tmp.resolve("state").resolve("audit.log"))).contains("\"outcome\":\"failed\"");
        PushResult ok = new Pusher(tmp.resolve("state")).push(SqliteLiveTarget.localFile(live), plan);
        assertThat(ok.inserts()).isEqualTo(2);
        assertThat(count("id IN (2, 3)")).isEqualTo(2);
    }

    @Test
    void missingSqlite3IsOneClearLine() {
        SqliteLiveTarget t = new SqliteLiveTarget(new LocalShell(), live.toString(), live.toString(), true,
                "sqlite3-not-installed");
        assertThatThrownBy(() -> t.snapshotTo(tmp.resolve("s.db"))).isInstanceOf(LiveException.class)
                .hasMessageContaining("cannot run sqlite3-not-installed on this machine")
                .hasMessageContaining("sqlite3 package");
        assertThat(tmp.resolve("s.db")).doesNotExist();
    }

    @Test
    void badAddressesAndKeys() {
        CliRun.Result k8s = CliRun.run(Map.of("KUBECONFIG", tmp.resolve("no-kubeconfig").toString()), "diff",
                restored.toString(), "k8s://prod/app-0/data/app.db");
        assertThat(k8s.exit()).isEqualTo(1);
        assertThat(k8s.stderr().strip()).startsWith("error: cannot read kubeconfig " + tmp.resolve("no-kubeconfig"));
        CliRun.Result bad = CliRun.run(Map.of(), "diff", restored.toString(), "k8s://prod/app.db");
        assertThat(bad.stderr()).contains("invalid Kubernetes address k8s://prod/app.db");
        CliRun.Result scheme = CliRun.run(Map.of(), "diff", restored.toString(), "ftp://x/app.db");
        assertThat(scheme.stderr()).contains("unknown live database address ftp://x/app.db");
        CliRun.Result missing = CliRun.run(Map.of(), "diff", restored.toString(), tmp.resolve("nope.db").toString());
        assertThat(missing.stderr().strip()).isEqualTo("error: live database not found: " + tmp.resolve("nope.db"));
        CliRun.Result notMissing = CliRun.run(Map.of(), "push", restored.toString(), live.toString(), "--table",
                "users", "--keys", "1", "--yes", "--state-dir", tmp.resolve("st").toString());
        assertThat(notMissing.exit()).isEqualTo(1);
        assertThat(notMissing.stderr()).contains("row [1] of users is already in live (insert-missing never overwrites");
    }
}
