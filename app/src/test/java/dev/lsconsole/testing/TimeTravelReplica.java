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
 * A small file replica made by the real litestream v0.3.13 for time travel tests, with its ground truth:
 * the test records the moment before each commit that inserts, updates or deletes the tracked rows
 * ({@code items} id 7, {@code pairs} key (7,1)), each change landing in its own restore point, with filler
 * commits between them that force checkpoints (several WAL indexes). Built once per test JVM.
 */
public final class TimeTravelReplica {
    /** A tracked row's state from {@code since} on: "id|name|qty" or "a|b|v", null when absent. */
    public record State(Instant since, String value) {
    }

    private static TimeTravelReplica instance;

    public final Path dir;
    public final Path db;
    public final Path config;
    public final Path replica;
    public final List<State> item7 = new ArrayList<>();
    public final List<State> pair71 = new ArrayList<>();

    public static synchronized TimeTravelReplica get() {
        if (instance == null) {
            try {
                instance = new TimeTravelReplica();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the time travel replica: " + e, e);
            }
            Litestream.deleteAtExit(instance.dir);
        }
        return instance;
    }

    private TimeTravelReplica() throws Exception {
        dir = Files.createTempDirectory("lsc-tt-fixture-");
        db = dir.resolve("shop.db");
        replica = dir.resolve("replica");
        config = dir.resolve("litestream.yml");
        Files.writeString(config, Litestream.fileReplicaConfig(db, replica, 40));
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER)");
            st.execute("CREATE TABLE pairs(a INTEGER, b INTEGER, v TEXT, PRIMARY KEY(a, b)) WITHOUT ROWID");
            st.execute("CREATE TABLE filler(data BLOB)");
        }
        Litestream.replicateWhile(dir, Map.of(), config, this::workload);
    }

    private Connection open() throws Exception {
        return Dbs.openWriter(db);
    }

    private void workload() throws Exception {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            filler(c);
            track(c, "INSERT INTO items VALUES (7, 'a', 1); INSERT INTO items VALUES (8, 'other', 0);"
                    + " INSERT INTO pairs VALUES (7, 1, 'x'); INSERT INTO pairs VALUES (1, 8, 'not it')",
                    "7|a|1", "7|1|x");
            filler(c);
            track(c, "UPDATE items SET qty = 2 WHERE id = 7", "7|a|2", null);
            track(c, "UPDATE items SET qty = qty + 1 WHERE id = 8", null, null);
            filler(c);
            track(c, "UPDATE items SET name = 'b' WHERE id = 7; UPDATE pairs SET v = 'y' WHERE a = 7 AND b = 1",
                    "7|b|2", "7|1|y");
            filler(c);
            track(c, "UPDATE items SET qty = qty + 1 WHERE id = 8", null, null);
            track(c, "DELETE FROM items WHERE id = 7", "", null);
            filler(c);
            track(c, "DELETE FROM pairs WHERE a = 7 AND b = 1", null, "");
            filler(c);
            track(c, "INSERT INTO items VALUES (7, 'c', 9)", "7|c|9", null);
            filler(c);
        }
    }

    /** Runs statements in one transaction; records the new states ("" absent, null unchanged) from before it. */
    private void track(Connection c, String statements, String item, String pair) throws Exception {
        Instant before = Instant.now();
        try (Statement st = c.createStatement()) {
            for (String s : statements.split(";")) {
                st.executeUpdate(s);
            }
        }
        c.commit();
        if (item != null) {
            item7.add(new State(before, item.isEmpty() ? null : item));
        }
        if (pair != null) {
            pair71.add(new State(before, pair.isEmpty() ? null : pair));
        }
        Thread.sleep(400); // replicated alone: its own restore point
    }

    /** Enough pages for litestream to checkpoint: the next changes go to a new WAL index. */
    private void filler(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO filler VALUES (randomblob(3000))")) {
            for (int i = 0; i < 60; i++) {
                ps.executeUpdate();
            }
        }
        c.commit();
        Thread.sleep(400);
    }

    /** Working copies of time-travel commands left in the temp directory (there must be none after a run). */
    public static int workingDirs() {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return (int) s.filter(p -> p.getFileName().toString().startsWith("lsc-timetravel-")).count();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code query} returns (first column of the first row) in the real litestream's restore at {@code timestamp}. */
    public String litestreamValueAt(String timestamp, String query, Path outDir) throws Exception {
        Path out = outDir.resolve("at-" + System.nanoTime() + ".db");
        Litestream.Result l = Litestream.exec(dir, java.util.Map.of(), "restore", "-config", config.toString(),
                "-timestamp", timestamp, "-o", out.toString(), db.toString());
        if (l.exit() != 0) {
            throw new AssertionError("litestream restore -timestamp " + timestamp + ": " + l.stdout() + l.stderr());
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + out);
             java.sql.ResultSet rs = c.createStatement().executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Runs {@code command -config C DB} with each case's arguments (all but its last element) and checks it
     * is refused: exit 1, nothing on stdout, one line on stderr starting with "error: " and the last element.
     */
    public void assertEachRefused(String command, String[][] cases) {
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(command, "-config", config.toString(), db.toString()));
            args.addAll(List.of(c).subList(0, c.length - 1));
            CliRun.Result r = CliRun.run(java.util.Map.of(), args.toArray(String[]::new));
            String what = String.join(" ", c);
            if (r.exit() != 1 || !r.stdout().isEmpty() || !r.stderr().strip().startsWith("error: " + c[c.length - 1])
                    || r.stderr().strip().contains("\n")) {
                throw new AssertionError(command + " " + what + ": exit " + r.exit() + ", stdout " + r.stdout()
                        + ", stderr " + r.stderr());
            }
        }
    }
}
