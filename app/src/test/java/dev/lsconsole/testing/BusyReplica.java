package dev.lsconsole.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A file replica made by the real litestream v0.3.13 where other rows' writes dominate: one small
 * {@code events} commit per restore point (every other one also appends a row to {@code watched}, by a
 * trigger, far from the watched row), and between them a few commits that touch the watched row
 * ({@code watched} id 42: its value, then a byte deep in its overflow pages, then a column added by ALTER
 * TABLE alone, then 400 other rows that split its b-tree, then its delete). The test records the moment
 * before each of those. Built once per test JVM.
 */
public final class BusyReplica {
    /** What happened to the watched row, from {@code since} on. */
    public record Change(Instant since, String what) {
    }

    public static final int EVENTS = 120;
    private static BusyReplica instance;

    public final Path dir;
    public final Path db;
    public final Path replica;
    public final List<Change> changes = new ArrayList<>();

    public static synchronized BusyReplica get() {
        if (instance == null) {
            try {
                instance = new BusyReplica();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the busy replica: " + e, e);
            }
            Litestream.deleteAtExit(instance.dir);
        }
        return instance;
    }

    private BusyReplica() throws Exception {
        dir = Files.createTempDirectory("lsc-busy-fixture-");
        db = dir.resolve("busy.db");
        replica = dir.resolve("replica");
        Path config = Files.writeString(dir.resolve("litestream.yml"), Litestream.fileReplicaConfig(db, replica, 40));
        try (Connection c = Dbs.openWriter(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE watched(id INTEGER PRIMARY KEY, v TEXT, big TEXT)");
            st.execute("CREATE TABLE events(id INTEGER PRIMARY KEY, kind TEXT, data BLOB)");
            st.execute("CREATE INDEX events_kind ON events(kind)");
            st.execute("CREATE TRIGGER every_other AFTER INSERT ON events WHEN new.id % 2 = 0 BEGIN"
                    + " INSERT INTO watched(id, v) VALUES (10000 + new.id, 'from event ' || new.id); END");
            st.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
                    + " INSERT INTO watched SELECT i, 'w' || i, NULL FROM n");
            st.execute("UPDATE watched SET big = printf('%.9000c', 'x') WHERE id = 42");
        }
        Litestream.replicateWhile(dir, Map.of(), config, this::workload);
    }

    private void workload() throws Exception {
        try (Connection c = Dbs.openWriter(db); Statement st = c.createStatement();
             PreparedStatement ev = c.prepareStatement("INSERT INTO events(kind, data) VALUES (?, randomblob(200))")) {
            for (int i = 0; i < EVENTS; i++) {
                ev.setString(1, "k" + (i % 7));
                ev.executeUpdate();
                Thread.sleep(40);
                switch (i) {
                    case 20 -> change(st, "value", "UPDATE watched SET v = 'changed' WHERE id = 42");
                    case 45 -> change(st, "overflow", "UPDATE watched SET big = substr(big, 1, 8990) || 'y'"
                            + " || substr(big, 8992) WHERE id = 42");
                    case 70 -> change(st, "column", "ALTER TABLE watched ADD COLUMN note TEXT DEFAULT 'n'");
                    case 90 -> change(st, "split", "WITH RECURSIVE n(i) AS (SELECT 1001 UNION ALL SELECT i + 1 FROM n"
                            + " WHERE i < 1400) INSERT INTO watched(id, v) SELECT i, printf('%.200c', 'z') FROM n");
                    case 100 -> change(st, "delete", "DELETE FROM watched WHERE id = 42");
                    default -> { }
                }
            }
        }
    }

    private void change(Statement st, String what, String sql) throws Exception {
        Instant before = Instant.now();
        st.execute(sql);
        changes.add(new Change(before, what));
        Thread.sleep(40);
    }
}
