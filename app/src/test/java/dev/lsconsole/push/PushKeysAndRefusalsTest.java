package dev.lsconsole.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.RestoredAndLive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys as the tool prints them, keys it cannot push (and why), and command lines refused before any read. */
class PushKeysAndRefusalsTest extends RestoredAndLive {
    @BeforeEach
    void dbs() throws Exception {
        both("CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT)",
                "INSERT INTO kv VALUES (CAST(X'780079' AS TEXT), 'nul'), ('a', 'A'), ('b', 'B')");
        Dbs.exec(live, "DELETE FROM kv WHERE k <> 'a'", "UPDATE kv SET v = 'changed' WHERE k = 'a'");
    }

    private CliRun.Result push(String... more) {
        String[] base = {"push", restored.toString(), live.toString(), "--table", "kv", "--state-dir",
            tmp.resolve("state").toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRun.run(Map.of(), all);
    }

    @Test
    void theKeyLiteralTheToolPrintsForTextWithNulIsAccepted() throws Exception {
        CliRun.Result r = push("--keys", "CAST(X'780079' AS TEXT)", "--yes");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("done: 1 inserts");
        assertThat(Sqlite3.run(live, "SELECT v FROM kv WHERE k = CAST(X'780079' AS TEXT);")).isEqualTo("nul");
    }

    @Test
    void aKeyInNeitherDatabaseIsNotInTheRestoredCopy() {
        CliRun.Result r = push("--keys", "'zzz'", "--dry-run");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("error: row ['zzz'] of kv is not in the restored copy: nothing to push");
        CliRun.Result changed = push("--keys", "'a'", "--dry-run");
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.stderr().strip()).isEqualTo("error: row ['a'] of kv is already in live (insert-missing "
                + "never overwrites a row; --mode upsert restores a changed one)");
    }

    @Test
    void theSameFileAsRestoredAndLiveIsRefused() throws Exception {
        String before = Dbs.checksum(restored);
        CliRun.Result same = CliRun.run(Map.of(), "push", restored.toString(), restored.toString(), "--table", "kv",
                "--all-missing", "--yes", "--state-dir", tmp.resolve("state").toString());
        assertThat(same.exit()).isEqualTo(1);
        assertThat(same.stderr().strip()).startsWith("error: restored and live are the same file: " + restored);
        Path link = Files.createSymbolicLink(tmp.resolve("link.db"), restored);
        CliRun.Result linked = CliRun.run(Map.of(), "push", restored.toString(), link.toString(), "--table", "kv",
                "--all-missing", "--yes", "--state-dir", tmp.resolve("state").toString());
        assertThat(linked.exit()).isEqualTo(1);
        assertThat(linked.stderr()).contains("restored and live are the same file");
        assertThat(Dbs.checksum(restored)).isEqualTo(before);
        assertThat(tmp.resolve("state").resolve("audit.log")).doesNotExist();
    }

    @Test
    void whereWithSeveralStatementsIsRefusedNamingWhere() {
        CliRun.Result r = CliRun.run(Map.of(), "diff", restored.toString(), live.toString(), "--where",
                "1=1; DROP TABLE kv");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("error: refused: --where must be one condition, not statements: "
                + "1=1; DROP TABLE kv");
    }
}
