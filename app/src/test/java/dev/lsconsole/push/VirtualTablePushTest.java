package dev.lsconsole.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.RestoredAndLive;
import dev.lsconsole.testing.StandInApiServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FTS3/4/5 and R-tree tables: diff compares them through the virtual table and hides their shadow
 * tables; push writes through the virtual table, never into a shadow table, and the live index passes
 * its own integrity check afterwards (real sqlite3).
 */
class VirtualTablePushTest extends RestoredAndLive {
    @BeforeEach
    void dbs() throws Exception {
        both("CREATE VIRTUAL TABLE docs USING fts5(title, body)",
                "INSERT INTO docs(rowid, title, body) VALUES (1, 'alpha', 'first text'), (2, 'beta', 'second text'),"
                        + " (3, 'gamma', 'third text')",
                "CREATE VIRTUAL TABLE notes USING fts4(body)",
                "INSERT INTO notes(docid, body) VALUES (1, 'one note'), (2, 'two notes')",
                "CREATE VIRTUAL TABLE geo USING rtree(id, minX, maxX)",
                "INSERT INTO geo VALUES (1, 0, 1), (2, 5, 6)",
                "CREATE TABLE posts(id INTEGER PRIMARY KEY, body TEXT)",
                "INSERT INTO posts VALUES (1, 'hello world'), (2, 'restored words')",
                "CREATE VIRTUAL TABLE posts_fts USING fts5(body, content='posts', content_rowid='id')",
                "INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')",
                "CREATE VIRTUAL TABLE bare USING fts5(body, content='')",
                "INSERT INTO bare(rowid, body) VALUES (1, 'x y')");
        Dbs.exec(live, "DELETE FROM docs WHERE rowid = 2", "DELETE FROM notes WHERE docid = 2",
                "DELETE FROM geo WHERE id = 2", "DELETE FROM posts WHERE id = 2",
                "INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')");
    }

    private CliRun.Result push(String... args) {
        List<String> a = new java.util.ArrayList<>(List.of("push", restored.toString(), live.toString()));
        a.addAll(List.of(args));
        a.addAll(List.of("--state-dir", tmp.resolve("state").toString()));
        return CliRun.run(Map.of(), a.toArray(String[]::new));
    }

    private void assertIndexesIntact() {
        assertThat(Sqlite3.run(live, "INSERT INTO docs(docs) VALUES('integrity-check');"
                + "INSERT INTO notes(notes) VALUES('integrity-check');"
                + "INSERT INTO posts_fts(posts_fts) VALUES('integrity-check');"
                + "SELECT rtreecheck('geo'); PRAGMA integrity_check;")).isEqualTo("ok\nok");
    }

    @Test
    void diffComparesVirtualTablesAndSaysWhyShadowTablesAreSkipped() {
        CliRun.Result r = CliRun.run(Map.of(), "diff", restored.toString(), live.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsPattern("(?m)^docs +rowid +1 +0 +0")
                .containsPattern("(?m)^geo +rowid +1 +0 +0").containsPattern("(?m)^notes +rowid +1 +0 +0");
        assertThat(r.stdout()).doesNotContainPattern("(?m)^docs_(content|data|idx|docsize|config) ")
                .doesNotContainPattern("(?m)^geo_(node|parent|rowid) ")
                .doesNotContainPattern("(?m)^notes_(content|segments|segdir|docsize|stat) ");
        assertThat(r.stdout()).contains("skipped: docs_config, docs_content, docs_data, docs_docsize, docs_idx "
                + "(shadow tables of the fts5 table docs; compared through docs)");
        assertThat(r.stdout()).contains("geo_node, geo_parent, geo_rowid (shadow tables of the rtree table geo");
        CliRun.Result json = CliRun.run(Map.of(), "diff", "--json", restored.toString(), live.toString());
        assertThat(json.stdout()).contains("\"skipped\"").doesNotContain("\"table\" : \"docs_data\"");
    }

    @Test
    void pushIntoAShadowTableIsRefusedAndNamesTheVirtualTable() throws Exception {
        String before = Dbs.checksum(live);
        CliRun.Result r = push("--table", "docs_content", "--all-missing", "--yes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("error: docs_content is a shadow table of the fts5 table docs: "
                + "writing it directly corrupts the index; push docs instead");
        CliRun.Result g = push("--table", "geo_node", "--all-missing", "--yes");
        assertThat(g.stderr()).contains("geo_node is a shadow table of the rtree table geo");
        CliRun.Result seq = push("--table", "sqlite_sequence", "--all-missing", "--yes");
        assertThat(seq.stderr()).contains("sqlite_sequence is SQLite's own table");
        CliRun.Result d = CliRun.run(Map.of(), "diff", restored.toString(), live.toString(), "--table", "docs_data");
        assertThat(d.stderr().strip()).isEqualTo("error: docs_data is a shadow table of the fts5 table docs: "
                + "compare docs instead");
        assertThat(Dbs.checksum(live)).isEqualTo(before);
    }

    @Test
    void pushThroughTheVirtualTablesKeepsEveryIndexIntact() {
        CliRun.Result dry = push("--table", "docs", "--all-missing", "--dry-run");
        assertThat(dry.exit()).as(dry.stderr()).isZero();
        assertThat(dry.stdout()).contains("INSERT OR IGNORE INTO \"docs\" (rowid, \"title\", \"body\")")
                .contains("INSERT INTO \"docs\"(\"docs\") VALUES ('integrity-check');");
        for (String t : List.of("docs", "notes", "geo")) {
            CliRun.Result r = push("--table", t, "--all-missing", "--yes");
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("done: 1 inserts");
        }
        assertThat(Sqlite3.run(live, "SELECT rowid FROM docs WHERE docs MATCH 'second';")).isEqualTo("2");
        assertThat(Sqlite3.run(live, "SELECT docid FROM notes WHERE notes MATCH 'notes';")).isEqualTo("2");
        assertThat(Sqlite3.run(live, "SELECT id FROM geo WHERE minX >= 4;")).isEqualTo("2");
        assertIndexesIntact();
    }

    @Test
    void externalContentIndexIsRebuiltWhenItsContentTableIsPushedAndContentlessIsRefused() throws Exception {
        CliRun.Result idx = push("--table", "posts_fts", "--all-missing", "--yes");
        assertThat(idx.exit()).isEqualTo(1);
        assertThat(idx.stderr()).contains("posts_fts is an external-content fts5 index over posts; push posts "
                + "instead (the index is updated in the same transaction: by its live triggers, or rebuilt)");
        CliRun.Result bare = push("--table", "bare", "--all-missing", "--yes");
        assertThat(bare.stderr()).contains("bare is a contentless fts5 index: it keeps no column values");
        CliRun.Result r = push("--table", "posts", "--all-missing", "--yes");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("the fts5 index posts_fts over posts is rebuilt in the same transaction");
        assertThat(Sqlite3.run(live, "SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'restored';")).isEqualTo("2");
        assertIndexesIntact();
        Path undo;
        try (var u = java.nio.file.Files.list(tmp.resolve("state").resolve("undo"))) {
            undo = u.findFirst().orElseThrow();
        }
        assertThat(java.nio.file.Files.readString(undo)).contains("VALUES ('rebuild')");
        dev.lsconsole.live.SqliteLiveTarget.localFile(live).execute(java.nio.file.Files.readString(undo), 60);
        assertThat(Sqlite3.run(live, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'restored';")).isEqualTo("0");
        assertIndexesIntact();
    }

    @Test
    void allTablesPushesEveryWritableTableAndSaysWhichItSkipped() {
        CliRun.Result r = push("--all-tables", "--all-missing", "--yes");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("push 4 rows of docs, geo, notes, posts").contains("done: 4 inserts");
        assertThat(r.stderr()).contains("skipped: posts_fts is an external-content fts5 index over posts")
                .doesNotContain("docs_");
        assertIndexesIntact();
    }

    @Test
    void externalContentIndexKeptByLiveTriggersIsNotRebuilt() throws Exception {
        Dbs.exec(live, "CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN "
                + "INSERT INTO posts_fts(rowid, body) VALUES (new.id, new.body); END",
                "CREATE TRIGGER posts_ad AFTER DELETE ON posts BEGIN "
                + "INSERT INTO posts_fts(posts_fts, rowid, body) VALUES ('delete', old.id, old.body); END");
        CliRun.Result dry = push("--table", "posts", "--all-missing", "--dry-run");
        assertThat(dry.stderr()).contains("the fts5 index posts_fts over posts is kept up to date by live triggers "
                + "on posts");
        assertThat(dry.stdout()).doesNotContain("'rebuild'").contains("posts_ai: AFTER INSERT ON posts")
                .contains("INSERT INTO \"posts_fts\"(\"posts_fts\") VALUES ('integrity-check');");
        CliRun.Result r = push("--table", "posts", "--all-missing", "--yes");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(Sqlite3.run(live, "SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'restored';")).isEqualTo("2");
        assertIndexesIntact();
        Path undo;
        try (var u = java.nio.file.Files.list(tmp.resolve("state").resolve("undo"))) {
            undo = u.findFirst().orElseThrow();
        }
        dev.lsconsole.live.SqliteLiveTarget.localFile(live).execute(java.nio.file.Files.readString(undo), 60);
        assertThat(Sqlite3.run(live, "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'restored';")).isEqualTo("0");
        assertIndexesIntact();
    }

    @Test
    void anIndexThatFailsItsIntegrityCheckRollsThePushBack() throws Exception {
        // content changed around the index: inserts still work, the index's own integrity check does not pass
        Dbs.exec(live, "UPDATE docs_content SET c1 = 'changed around the index' WHERE id = 1");
        String before = Dbs.checksum(live);
        CliRun.Result r = push("--table", "docs", "--all-missing", "--yes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().strip()).startsWith("error: push to " + live + " failed:")
                .contains("database disk image is malformed")
                .contains("the live database or an index in it failed an integrity check").contains("nothing was written");
        assertThat(r.stderr().lines().count()).isEqualTo(1);
        assertThat(Dbs.checksum(live)).isEqualTo(before);
    }

    @Test
    void pushIntoFtsThroughPodExec() throws Exception {
        try (StandInApiServer api = new StandInApiServer("prod", "app-0", "app")) {
            Map<String, String> env = Map.of("KUBECONFIG", api.writeKubeconfig(tmp.resolve("kubeconfig")).toString());
            String address = "k8s://standin@prod/app-0:app" + live;
            CliRun.Result shadow = CliRun.run(env, "push", restored.toString(), address, "--table", "docs_data",
                    "--all-missing", "--yes", "--state-dir", tmp.resolve("state").toString());
            assertThat(shadow.stderr()).contains("docs_data is a shadow table of the fts5 table docs");
            CliRun.Result r = CliRun.run(env, "push", restored.toString(), address, "--table", "docs",
                    "--all-missing", "--yes", "--state-dir", tmp.resolve("state").toString());
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(api.execs).anyMatch(e -> e.equals("sqlite3 " + live));
        }
        assertThat(Sqlite3.run(live, "SELECT rowid FROM docs WHERE docs MATCH 'second';")).isEqualTo("2");
        assertThat(Sqlite3.run(live, "INSERT INTO docs(docs) VALUES('integrity-check'); PRAGMA integrity_check;"))
                .isEqualTo("ok");
    }
}
