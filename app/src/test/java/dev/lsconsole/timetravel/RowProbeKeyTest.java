package dev.lsconsole.timetravel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history/bisect --key takes a key as push --keys does: SQL literals, so a text key may hold a comma. */
class RowProbeKeyTest {
    @TempDir
    Path tmp;
    Path db;

    @BeforeEach
    void makeDb() throws Exception {
        db = tmp.resolve("t.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE users(email TEXT PRIMARY KEY, n INTEGER)");
            st.execute("INSERT INTO users VALUES ('a,b', 1), ('x', 2), ('it''s', 3), ('O''Brien', 4)");
            st.execute("CREATE TABLE pairs(a INTEGER, b INTEGER, PRIMARY KEY (a, b))");
            st.execute("INSERT INTO pairs VALUES (7, 1)");
        }
    }

    @Test
    void sqlLiteralsAndBareTextFindTheRow() {
        assertThat(present("users", "'a,b'")).isTrue();
        assertThat(present("users", "'x'")).as("quoted as diff and push show it").isTrue();
        assertThat(present("users", "x")).as("bare text").isTrue();
        assertThat(present("users", "'it''s'")).isTrue();
        assertThat(present("users", "O'Brien")).as("bare text with a quote inside, as typed").isTrue();
        assertThat(present("users", "'O''Brien'")).isTrue();
        assertThat(present("pairs", " 7 ,1")).isTrue();
        assertThat(present("pairs", "7,1")).isTrue();
        assertThat(present("pairs", "7, 1")).isTrue();
        assertThat(present("users", "'y'")).isFalse();
    }

    @Test
    void aCommaOutsideQuotesSplitsAndSaysHowToQuote() {
        assertThatThrownBy(() -> present("users", "a,b")).isInstanceOf(TimeTravelException.class)
                .hasMessageContaining("gives 2 part(s)").hasMessageContaining("'a,b'");
        assertThatThrownBy(() -> RowProbe.parseKey("NULL")).hasMessageContaining("cannot be NULL");
        assertThatThrownBy(() -> RowProbe.parseKey("'open")).hasMessageContaining("unterminated quote");
    }

    private boolean present(String table, String key) {
        return new RowProbe(table, RowProbe.parseKey(key)).read(db).present();
    }
}
