package dev.lsconsole.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.live.SqliteLiveTarget;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.RestoredAndLive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pushes across tables linked by foreign keys: parents before children in one transaction, children
 * whose parent is missing refused, and foreign_key_check before COMMIT (real sqlite3).
 */
class ForeignKeyPushTest extends RestoredAndLive {
    @BeforeEach
    void dbs() throws Exception {
        both("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)",
                "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total INT)",
                "CREATE TABLE order_items(order_id INTEGER REFERENCES orders(id), line INT, sku TEXT, "
                        + "PRIMARY KEY(order_id, line))",
                "INSERT INTO customers VALUES (1, 'ann'), (2, 'bob')",
                "INSERT INTO orders VALUES (7, 1, 100), (8, 2, 50), (9, 1, 10)",
                "INSERT INTO order_items VALUES (7, 1, 'a'), (7, 2, 'b'), (8, 1, 'c'), (9, 1, 'd')");
        // Live lost order 7 with its items, and customer 2 with order 8 and its item.
        Dbs.exec(live, "DELETE FROM order_items WHERE order_id IN (7, 8)", "DELETE FROM orders WHERE id IN (7, 8)",
                "DELETE FROM customers WHERE id = 2");
    }

    private CliRun.Result push(String... args) {
        List<String> a = new ArrayList<>(List.of("push", restored.toString(), live.toString()));
        a.addAll(List.of(args));
        a.addAll(List.of("--state-dir", tmp.resolve("state").toString()));
        return CliRun.run(Map.of(), a.toArray(String[]::new));
    }

    private String q(String sql) {
        return Sqlite3.run(live, sql);
    }

    @Test
    void childRowsWhoseParentIsMissingAreRefused() throws Exception {
        String before = Dbs.checksum(live);
        CliRun.Result r = push("--table", "order_items", "--all-missing", "--yes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().strip()).startsWith("error: row [7, 1] of order_items refers to orders(id) = 7, "
                + "which is missing in live and not pushed");
        assertThat(r.stderr()).contains("--table orders").contains("--with-parents");
        assertThat(Dbs.checksum(live)).isEqualTo(before);
    }

    @Test
    void parentsGoBeforeChildrenInOneTransactionWithOneUndo() throws Exception {
        CliRun.Result dry = push("--table", "order_items", "--table", "orders", "--table", "customers",
                "--all-missing", "--dry-run");
        assertThat(dry.exit()).as(dry.stderr()).isZero();
        String s = dry.stdout();
        assertThat(s).contains("push 6 rows of customers, orders, order_items");
        int c = s.indexOf("INSERT OR IGNORE INTO \"customers\"");
        int o = s.indexOf("INSERT OR IGNORE INTO \"orders\"");
        int i = s.indexOf("INSERT OR IGNORE INTO \"order_items\"");
        assertThat(c).isPositive().isLessThan(o);
        assertThat(o).isLessThan(i);
        assertThat(s).contains("PRAGMA foreign_keys = OFF;").contains("pragma_foreign_key_check('order_items')");
        assertThat(s.indexOf("BEGIN IMMEDIATE")).as("one transaction").isEqualTo(s.lastIndexOf("BEGIN IMMEDIATE",
                s.indexOf("-- undo")));
        CliRun.Result r = push("--table", "order_items", "--table", "orders", "--table", "customers", "--all-missing",
                "--yes");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("done: 6 inserts");
        assertThat(q("SELECT count(*) FROM order_items; PRAGMA foreign_key_check;")).isEqualTo("4");
        List<String> audit = Files.readAllLines(tmp.resolve("state").resolve("audit.log"));
        assertThat(audit).hasSize(2);
        assertThat(audit.get(1)).contains("\"tables\":[\"customers\",\"orders\",\"order_items\"]");
        Path undo;
        try (var u = Files.list(tmp.resolve("state").resolve("undo"))) {
            undo = u.findFirst().orElseThrow();
        }
        SqliteLiveTarget.localFile(live).execute(Files.readString(undo), 60);
        assertThat(q("SELECT count(*) FROM order_items; SELECT count(*) FROM orders; SELECT count(*) FROM customers;"))
                .isEqualTo("1\n1\n1");
    }

    @Test
    void allTablesAndWithParents() {
        CliRun.Result all = push("--all-tables", "--all-missing", "--yes");
        assertThat(all.exit()).as(all.stderr()).isZero();
        assertThat(all.stdout()).contains("done: 6 inserts");
        assertThat(q("PRAGMA foreign_key_check; SELECT count(*) FROM orders;")).isEqualTo("3");
    }

    @Test
    void withParentsAddsTheMissingParentRows() {
        CliRun.Result r = push("--table", "order_items", "--keys", "8,1", "--with-parents", "--yes");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("done: 3 inserts");
        assertThat(q("SELECT name FROM customers WHERE id = 2; SELECT count(*) FROM orders WHERE id = 7;"))
                .isEqualTo("bob\n0");
    }

    @Test
    void aCycleIsRefusedWithTheReason() throws Exception {
        for (Path p : List.of(restored, live)) {
            Dbs.exec(p, "CREATE TABLE a(id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b(id))",
                    "CREATE TABLE b(id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id))");
        }
        Dbs.exec(restored, "INSERT INTO a VALUES (1, NULL)", "INSERT INTO b VALUES (1, 1)");
        CliRun.Result r = push("--table", "a", "--table", "b", "--all-missing", "--yes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).contains("foreign keys form a cycle: a -> b -> a").contains("--allow-fk-cycles");
        CliRun.Result ok = push("--table", "a", "--table", "b", "--all-missing", "--allow-fk-cycles", "--yes");
        assertThat(ok.exit()).as(ok.stderr()).isZero();
        assertThat(q("SELECT count(*) FROM a; SELECT count(*) FROM b;")).isEqualTo("1\n1");
    }

    @Test
    void aParentDeletedAfterThePreviewRollsTheWholePushBack() throws Exception {
        PushPlan plan;
        try (DiffEngine d = new DiffEngine(restored, live)) {
            plan = new PushPlanner().plan(d, "orders", PushMode.INSERT_MISSING, List.of(List.of(
                    dev.lsconsole.sql.Value.ofInteger(7))), null);
        }
        Dbs.exec(live, "DELETE FROM customers WHERE id = 1"); // the parent vanished meanwhile (app runs with FKs off)
        String before = Dbs.checksum(live);
        assertThatThrownBy(() -> new Pusher(tmp.resolve("state")).push(SqliteLiveTarget.localFile(live), plan))
                .isInstanceOf(PushException.class)
                .hasMessageContaining("foreign_key_check found rows of orders whose parent is missing")
                .hasMessageContaining("nothing was written");
        assertThat(Dbs.checksum(live)).isEqualTo(before);
    }

    @Test
    void rowsReferringToRowsOfTheSameTableNeedNoOrder() throws Exception {
        for (Path p : List.of(restored, live)) {
            Dbs.exec(p, "CREATE TABLE staff(id INTEGER PRIMARY KEY, boss INTEGER REFERENCES staff(id))");
        }
        Dbs.exec(restored, "INSERT INTO staff VALUES (3, 2), (2, 1), (1, NULL)");
        CliRun.Result r = push("--table", "staff", "--all-missing", "--yes");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(q("SELECT count(*) FROM staff; PRAGMA foreign_key_check(staff);")).isEqualTo("3");
        CliRun.Result orphan = push("--table", "order_items", "--keys", "8,1", "--with-parents", "--dry-run");
        assertThat(orphan.stdout()).contains("push 3 rows of customers, orders, order_items");
    }
}
