package dev.lsconsole.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.sql.Value;
import dev.lsconsole.testing.Dbs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffEngineTest {
    @TempDir
    Path tmp;
    Path restored;
    Path live;

    @BeforeEach
    void dbs() throws Exception {
        restored = tmp.resolve("restored.db");
        live = tmp.resolve("live.db");
        String[] schema = {
            "CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT COLLATE NOCASE, score REAL, avatar BLOB)",
            "CREATE TABLE orders(user_id INTEGER, seq INTEGER, note TEXT, PRIMARY KEY(user_id, seq)) WITHOUT ROWID",
            "CREATE TABLE events(kind TEXT, payload)",
            "CREATE TABLE \"odd \"\"name\"(\"select\" TEXT PRIMARY KEY, v)",
        };
        Dbs.exec(restored, schema);
        Dbs.exec(live, schema);
        String[] rows = {
            "INSERT INTO users VALUES (1,'a@x',1.5,X'01'),(2,'b@x',2.0,NULL),(3,'c@x',3.0,X'03'),(4,'d@x',4.0,NULL)",
            "INSERT INTO orders VALUES (1,1,'n1'),(1,2,'n2'),(2,1,'n3')",
            "INSERT INTO events(rowid, kind, payload) VALUES (1,'a',1),(2,'b',2),(3,'c',3)",
            "INSERT INTO \"odd \"\"name\" VALUES ('k1', 1), ('k2', 2)",
        };
        Dbs.exec(restored, rows);
        Dbs.exec(live, rows);
        Dbs.exec(live,
                "DELETE FROM users WHERE id = 2", // missing in live
                "UPDATE users SET email = 'A@X' WHERE id = 1", // hidden by NOCASE, still a change
                "UPDATE users SET score = 3 WHERE id = 3", // REAL affinity stores 3.0 again: no change
                "UPDATE \"odd \"\"name\" SET v = 1.0 WHERE \"select\" = 'k1'", // 1 -> 1.0: storage class only
                "INSERT INTO users VALUES (5,'e@x',5,NULL)", // only in live
                "DELETE FROM orders WHERE user_id = 1 AND seq = 2",
                "UPDATE orders SET note = 'changed' WHERE user_id = 2",
                "DELETE FROM events WHERE rowid = 2",
                "UPDATE \"odd \"\"name\" SET v = X'02' WHERE \"select\" = 'k2'",
                "ALTER TABLE users ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT FALSE",
                "CREATE TABLE only_live(x)");
        Dbs.exec(restored, "CREATE TABLE only_restored(x)", "INSERT INTO only_restored VALUES (1), (2)");
    }

    private static Map<String, TableDiff> byName(List<TableDiff> l) {
        Map<String, TableDiff> m = new TreeMap<>();
        l.forEach(d -> m.put(d.table(), d));
        return m;
    }

    @Test
    void findsEveryKindOfDifference() {
        try (DiffEngine d = new DiffEngine(restored, live)) {
            Map<String, TableDiff> m = byName(d.compare(List.of(), null));
            assertThat(m.keySet()).containsExactly("events", "odd \"name", "only_live", "only_restored", "orders", "users");
            TableDiff users = m.get("users");
            assertThat(users.key()).containsExactly("id");
            assertThat(users.missingInLive()).isEqualTo(1);
            assertThat(users.onlyInLive()).isEqualTo(1);
            assertThat(users.changed()).as("a change NOCASE would hide").isEqualTo(1);
            assertThat(users.onlyLiveColumns()).containsExactly("confirmed");
            TableDiff orders = m.get("orders");
            assertThat(orders.key()).containsExactly("user_id", "seq");
            assertThat(List.of(orders.missingInLive(), orders.onlyInLive(), orders.changed())).containsExactly(1L, 0L, 1L);
            TableDiff events = m.get("events");
            assertThat(events.key()).containsExactly("rowid");
            assertThat(events.missingInLive()).isEqualTo(1);
            assertThat(m.get("odd \"name").changed()).isEqualTo(2);
            assertThat(m.get("only_live").presence()).isEqualTo(TableDiff.Presence.ONLY_LIVE);
            assertThat(m.get("only_restored").presence()).isEqualTo(TableDiff.Presence.ONLY_RESTORED);
            assertThat(m.get("only_restored").missingInLive()).isEqualTo(2);

            List<RowDiff> changed = new ArrayList<>();
            d.rows("users", RowDiff.Kind.CHANGED, null, 0, -1, changed::add);
            assertThat(changed).singleElement().satisfies(r -> {
                assertThat(r.key()).containsExactly(Value.ofInteger(1));
                assertThat(r.restored().get(0)).isEqualTo(Value.ofText("a@x"));
                assertThat(r.live().get(0)).isEqualTo(Value.ofText("A@X"));
                assertThat(r.changed().stream().toArray()).containsExactly(0);
            });
            List<RowDiff> odd = new ArrayList<>();
            d.rows("odd \"name", RowDiff.Kind.CHANGED, null, 0, -1, odd::add);
            assertThat(odd.get(0).restored().get(0)).isEqualTo(Value.ofInteger(1));
            assertThat(odd.get(0).live().get(0)).isEqualTo(Value.ofReal(1.0));

            List<RowDiff> missing = new ArrayList<>();
            d.rows("orders", RowDiff.Kind.MISSING_IN_LIVE, null, 0, -1, missing::add);
            assertThat(missing).singleElement().satisfies(r -> {
                assertThat(r.key()).containsExactly(Value.ofInteger(1), Value.ofInteger(2));
                assertThat(r.live()).isNull();
            });
        }
    }

    @Test
    void whereFilterAndPaging() {
        try (DiffEngine d = new DiffEngine(restored, live)) {
            assertThat(d.compare("users", "id >= 2").changed()).isZero();
            assertThat(d.compare("users", "id <= 2").changed()).isEqualTo(1);
            assertThat(d.compare("users", "id >= 3").missingInLive()).isZero();
            assertThat(d.compare("users", "email = 'b@x'").missingInLive()).isEqualTo(1);
            List<RowDiff> page = new ArrayList<>();
            d.rows("orders", RowDiff.Kind.CHANGED, "note = 'n3'", 0, 5, page::add);
            assertThat(page).singleElement().extracting(r -> r.key().get(0)).isEqualTo(Value.ofInteger(2));
            List<RowDiff> second = new ArrayList<>();
            d.rows("odd \"name", RowDiff.Kind.CHANGED, null, 1, 1, second::add);
            assertThat(second).singleElement().extracting(r -> r.key().get(0)).isEqualTo(Value.ofText("k2"));
        }
    }

    @Test
    void mismatchedKeysAreReportedNotThrown() throws Exception {
        Dbs.exec(restored, "CREATE TABLE k(a, b, PRIMARY KEY(a))");
        Dbs.exec(live, "CREATE TABLE k(a, b, PRIMARY KEY(a, b))");
        try (DiffEngine d = new DiffEngine(restored, live)) {
            assertThat(d.compare("k", null).problem()).contains("primary key [a]").contains("[a, b]");
        }
    }

    @Test
    void schemaInfoReadsVirtualTablesTriggersAndForeignKeys() throws Exception {
        Dbs.exec(live, "CREATE TABLE src(id INTEGER PRIMARY KEY, t TEXT)",
                "CREATE VIRTUAL TABLE \"my idx\" USING fts4(t, content=\"src\")",
                "CREATE VIRTUAL TABLE bare USING fts5(t, content='', tokenize = 'unicode61')",
                "CREATE TABLE kid(a, b, c REFERENCES src, FOREIGN KEY (a, b) REFERENCES par(x, y))",
                "CREATE TRIGGER \"insert on src\" AFTER UPDATE OF t ON src BEGIN SELECT 1; END",
                "CREATE TRIGGER IF NOT EXISTS [x] delete on src BEGIN SELECT 1; END");
        try (DiffEngine d = new DiffEngine(restored, live)) {
            SchemaInfo i = d.info("live");
            assertThat(i.virtualTable("my idx").contentTable()).isEqualTo("src");
            assertThat(i.virtualTable("my idx").module()).isEqualTo("fts4");
            assertThat(i.virtualTable("bare").contentTable()).isEmpty();
            assertThat(i.shadowOf("my idx_segdir")).isEqualTo("my idx");
            assertThat(i.shadowOf("bare_data")).isEqualTo("bare");
            assertThat(d.tables("live")).contains("my idx", "bare").doesNotContain("my idx_segdir", "bare_data");
            assertThat(i.triggers("src").stream().map(Object::toString))
                    .containsExactly("insert on src: AFTER UPDATE ON src", "x: BEFORE DELETE ON src");
            assertThat(i.foreignKeys("kid")).containsExactlyInAnyOrder(
                    new SchemaInfo.ForeignKey("kid", "par", List.of("a", "b"), List.of("x", "y")),
                    new SchemaInfo.ForeignKey("kid", "src", List.of("c"), List.of("id")));
        }
    }
}
