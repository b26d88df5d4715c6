package dev.lsconsole.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;

/** Small helpers for test databases. */
public final class Dbs {
    private Dbs() {
    }

    public static Connection open(Path db) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
        }
        return c;
    }

    /** A connection for a workload that runs beside litestream: WAL, and waits up to 10 s for its locks. */
    public static Connection openWriter(Path db) throws Exception {
        Connection c = open(db);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
        }
        return c;
    }

    public static void exec(Path db, String... sql) throws Exception {
        try (Connection c = open(db); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** SHA-256 of a database file and its -wal, to prove a read changed nothing. */
    public static String checksum(Path db) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String suffix : new String[] {"", "-wal"}) {
            Path p = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(p)) {
                md.update(Files.readAllBytes(p));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
