package dev.lsconsole.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A second statement is found after the first one's ';', and never inside quotes or comments. */
class StatementsTest {
    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1", "SELECT 1;", "SELECT 1 ;  \n", "SELECT ';' AS x; -- a; b", "SELECT 1; /* ; */",
        "SELECT \"a;b\" FROM t", "SELECT [a;b], `c;d` FROM t;", "SELECT 'it''s; fine'", "SELECT 1 -- x; DELETE FROM t"})
    void oneStatement(String sql) {
        assertThat(Statements.hasMoreThanOne(sql)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1; DELETE FROM t", "SELECT 1;SELECT 2", "SELECT ';'; SELECT 2",
        "SELECT 1 /* x */; -- y\n SELECT 2", "SELECT 'it''s'; x", ";SELECT 1"})
    void moreThanOne(String sql) {
        assertThat(Statements.hasMoreThanOne(sql)).isTrue();
    }
}
