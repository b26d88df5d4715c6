package dev.lsconsole.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.testing.Dbs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SQL tab says when a statement fails, on a real SQLite file opened as the console opens a restored
 * copy: a write says the copy is read-only and where writes go, in one line without SQLite's text twice;
 * other errors keep SQLite's own words once.
 */
class QueryErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void aWriteSaysTheCopyIsReadOnlyAndWhereWritesGo() throws Exception {
        Path db = tmp.resolve("restored.db");
        Dbs.exec(db, "CREATE TABLE invoices(id INTEGER PRIMARY KEY, total)", "INSERT INTO invoices VALUES (1, 10)");
        String before = Dbs.checksum(db);
        try (DbBrowser b = new DbBrowser(db)) {
            assertThatThrownBy(() -> b.query("DELETE FROM invoices", 10))
                    .isInstanceOf(InspectException.class)
                    .hasMessage("query failed: the restored copy restored.db is opened read-only, so only queries run "
                            + "here (to change live, push rows from Diff & push)");
            assertThatThrownBy(() -> b.query("SELEC 1", 10))
                    .hasMessage("query failed in " + db + ": near \"SELEC\": syntax error");
            assertThat(b.query("SELECT count(*) FROM invoices", 10).rows()).hasSize(1);
        }
        assertThat(Dbs.checksum(db)).isEqualTo(before);
    }
}
