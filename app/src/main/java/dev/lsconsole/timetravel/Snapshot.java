package dev.lsconsole.timetravel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** Opens the working copy at one restore point read-only and immutable (it never changes while open). */
final class Snapshot {
    private Snapshot() {
    }

    static Connection open(Path db) throws SQLException {
        SQLiteConfig c = new SQLiteConfig();
        c.setReadOnly(true);
        Connection conn = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?immutable=1",
                c.toProperties());
        try (var st = conn.createStatement()) {
            st.execute("PRAGMA query_only=1");
        } catch (SQLException e) {
            conn.close();
            throw e;
        }
        return conn;
    }
}
