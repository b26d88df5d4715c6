package dev.lsconsole.timetravel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.history.History;
import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Time travel on a path upgraded in place (the real litestream v0.3.13 replicates first, then v0.5.16 on the
 * same path): one timeline through the latest v0.3 generation and then the v0.5 chain. At every point the walk
 * holds what the real litestream restores with that point's own arguments (-generation/-timestamp before the
 * upgrade, -txid after it); history and bisect of a row changed before and after the upgrade equal reading
 * those restores, with and without page skipping; the CLI lists both changes, bisect finds each, and every
 * restore command it prints gets the state it names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpgradedWalkTest {
    /**
     * Row 1 changes in the v0.3 era (transaction 4), during the upgrade while no litestream runs (so the chain's
     * first point is where it shows) and in the v0.5 era (transaction 20).
     */
    private static final V05Replica.Extra TOUCH = (c, n, v05) -> {
        if (n == 4 || n == -1 || n == 20) {
            try (var st = c.createStatement()) {
                st.executeUpdate("UPDATE items SET txn = " + (n == -1 ? 1500 : v05 ? 2000 : 1000) + " WHERE id = 1");
            }
        }
    };

    @TempDir
    static Path shared;
    private final Map<V05Replica.Target, V05Replica> replicas = new EnumMap<>(V05Replica.Target.class);

    @AfterAll
    void close() {
        replicas.values().forEach(V05Replica::close);
    }

    private V05Replica replica(V05Replica.Target target) throws Exception {
        Litestream05.assumeAvailable();
        V05Replica r = replicas.get(target);
        if (r == null) {
            r = V05Replica.mixed(Files.createDirectories(shared.resolve("mixed-" + target)), target, TOUCH);
            replicas.put(target, r);
        }
        return r;
    }

    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void oneTimelineEqualsRestoringEachPointWithItsOwnArguments(V05Replica.Target target) throws Exception {
        V05Replica r = replica(target);
        Path dir = Files.createDirectories(shared.resolve("core-" + target));
        try (Catalog cat = Catalog.ofConfig(r.config.toString(), true, n -> r.env.getOrDefault(n, System.getenv(n)))) {
            Replica rep = cat.databases().get(0).replicas().get(0);
            Span span = Span.chainAfterUpgrade(rep, LtxChain.of(rep));
            assertThat(span.crossesUpgrade()).isTrue();
            assertThat(span.label()).startsWith("generation " + span.generation()).endsWith(
                    ", then the v0.5 LTX chain it was upgraded to");
            Path tmp = Files.createDirectories(dir.resolve("walk"));
            Walk walk = span.walk(tmp, new Cancellation());
            RowProbe probe = new RowProbe("items", List.of("1"));
            List<Point> points = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            walk.everyPoint().run((p, db) -> {
                Path theirs = restoreWithLitestream(r, dir, span, p);
                assertThat(digest(db)).as("state at " + p).isEqualTo(digest(theirs));
                assertThat(span.historyOf(p)).isEqualTo(p.isLtx() ? History.LTX_ID : span.generation());
                points.add(p);
                rows.add(probe.read(theirs).row());
                return true;
            });
            assertThat(tmp).as("no working copy left").isEmptyDirectory();
            assertThat(points.stream().map(Point::time).toList()).as("one timeline by time").isSorted()
                    .doesNotHaveDuplicates();
            assertThat(points).hasSize(walk.points());
            int firstLtx = (int) points.stream().filter(p -> !p.isLtx()).count();
            // S3 stamps v0.3 objects with LastModified, whole seconds: the v0.3 era is then only a few points
            assertThat(firstLtx).as("v0.3 points").isGreaterThan(target == V05Replica.Target.FILE ? 5 : 1);
            assertThat(points.subList(firstLtx, points.size())).as("then v0.5 points only").allMatch(Point::isLtx)
                    .hasSizeGreaterThan(5);

            List<RowHistory.Event> expected = new ArrayList<>();
            for (int i = 1; i < points.size(); i++) {
                RowHistory.event(rows.get(i - 1), rows.get(i), points.get(i - 1), points.get(i)).ifPresent(expected::add);
            }
            List<RowHistory.Event> changes = expected.stream().filter(e -> e.kind() == RowHistory.Kind.CHANGED
                    && e.changes().stream().anyMatch(c -> c.column().equals("txn"))).toList();
            RowHistory.Event atUpgrade = changes.stream().filter(e -> "1500".equals(e.newRow().columns().get("txn")))
                    .findFirst().orElseThrow();
            assertThat(atUpgrade.before().isLtx()).as("made during the upgrade: the chain's first point has it").isFalse();
            assertThat(atUpgrade.at()).isEqualTo(points.get(firstLtx));
            if (target == V05Replica.Target.FILE) {
                assertThat(changes).as("txn changes of row 1").hasSize(3);
                assertThat(changes.get(0).at().isLtx()).as("the first before the upgrade").isFalse();
                assertThat(changes.get(2).at().isLtx()).as("the last after it").isTrue();
            } else {
                assertThat(changes).as("txn changes of row 1").hasSizeGreaterThanOrEqualTo(2).last()
                        .matches(e -> e.at().isLtx());
            }
            for (Walk w : List.of(walk, walk.everyPoint())) {
                RowHistory.Result h = RowHistory.of(w, probe);
                assertThat(h.events()).as("history, page skipping " + w.tracksPages()).isEqualTo(expected);
                assertThat(h.initial()).isEqualTo(rows.get(0));
                assertThat(h.points()).isEqualTo(points.size());
                for (RowHistory.Event change : expected) {
                    Instant from = change.before().time();
                    Bisect.Result<Row> b = Bisect.of(w, probe.map(RowProbe.State::row), from);
                    RowHistory.Event next = expected.stream().filter(e -> e.at().time().isAfter(from)).findFirst()
                            .orElseThrow();
                    assertThat(b.firstChanged()).as("bisect from " + from).isEqualTo(next.at());
                    assertThat(b.lastGood()).isEqualTo(next.before());
                    assertThat(b.after()).isEqualTo(next.newRow());
                }
            }
            System.out.println("upgraded path " + target + ": " + points.size() + " points (" + firstLtx + " v0.3), row 1 read at "
                    + RowHistory.of(walk, probe).probed() + " of them with page skipping");
        }
    }

    @Test
    void cliHistoryListsBothChangesAndBisectFindsEachWithRestoreCommandsThatWork() throws Exception {
        V05Replica r = replica(V05Replica.Target.FILE);
        Path dir = Files.createDirectories(shared.resolve("cli"));
        String cfg = r.config.toString();
        CliRun.Result h = CliRun.run(r.env, "history", "-config", cfg, r.db.toString(), "--table", "items", "--key", "1",
                "--json");
        assertThat(h.exit()).as(h.stderr()).isZero();
        JsonNode j = new ObjectMapper().readTree(h.stdout());
        List<JsonNode> txnChanges = new ArrayList<>();
        j.get("events").forEach(e -> {
            for (JsonNode c : e.get("changes")) {
                if (c.get("column").asText().equals("txn")) {
                    txnChanges.add(e);
                }
            }
        });
        assertThat(txnChanges).as(h.stdout()).hasSize(3);
        JsonNode before = txnChanges.get(0);
        JsonNode during = txnChanges.get(1);
        JsonNode after = txnChanges.get(2);
        String generation = before.get("at").get("history").asText();
        assertThat(generation).matches("[0-9a-f]{16}");
        assertThat(after.get("at").get("history").asText()).isEqualTo("ltx");
        assertThat(after.get("at").has("txid")).isTrue();
        assertThat(before.get("new").get("txn").asText()).isEqualTo("1000");
        assertThat(during.get("new").get("txn").asText()).isEqualTo("1500");
        assertThat(during.get("before").get("history").asText()).isEqualTo(generation);
        assertThat(during.get("at").get("history").asText()).isEqualTo("ltx");
        assertThat(after.get("new").get("txn").asText()).isEqualTo("2000");
        assertThat(before.get("restore_before").asText()).contains("-generation " + generation + " -timestamp ");
        for (JsonNode e : txnChanges) {
            assertThat(rowAfterRestore(r, dir, e.get("restore_before").asText())).as(e.toString())
                    .isEqualTo(e.get("old").get("txn").asText());
        }
        assertThat(j.get("format").asText()).isEqualTo("v0.3+v0.5");

        CliRun.Result text = CliRun.run(r.env, "history", "-config", cfg, r.db.toString(), "--table", "items", "--key",
                "1");
        assertThat(text.exit()).as(text.stderr()).isZero();
        assertThat(text.stdout()).contains(", then the v0.5 LTX chain it was upgraded to")
                .containsPattern("  \\[in generation " + generation + "\\]  changed  .*txn: 1 -> 1000")
                .containsPattern("  \\[in the v0.5 LTX chain\\]  changed  .*txn: 1000 -> 1500")
                .containsPattern("  \\[in the v0.5 LTX chain\\]  changed  .*txn: 1500 -> 2000");

        // bisect from the row's appearance finds the v0.3 change; from after it, the v0.5 one; each restore command works
        JsonNode appeared = j.get("events").get(0);
        assertThat(appeared.get("kind").asText()).isEqualTo("appeared");
        CliRun.Result b1 = bisect(r, appeared.get("at").get("time").asText());
        assertThat(b1.stdout()).contains("[in generation " + generation + "]").contains("txn=1000")
                .contains("-generation " + generation);
        assertThat(rowAfterRestore(r, dir, restoreLine(b1))).isEqualTo("1");
        String afterFirst = before.get("at").get("time").asText();
        CliRun.Result b2 = bisect(r, afterFirst); // the change made during the upgrade: last good before it
        assertThat(b2.stdout()).contains("last good:     ").contains("[in generation " + generation + "]  id=1 txn=1000")
                .contains("[in the v0.5 LTX chain]  id=1 txn=1500").contains("-generation " + generation);
        assertThat(rowAfterRestore(r, dir, restoreLine(b2))).isEqualTo("1000");
        CliRun.Result b3 = bisect(r, during.get("at").get("time").asText());
        assertThat(b3.stdout()).contains("first changed: ").contains("[in the v0.5 LTX chain]  id=1 txn=2000")
                .contains(" -txid ");
        assertThat(rowAfterRestore(r, dir, restoreLine(b3))).isEqualTo("1500");

        // -generation keeps to that generation: only the v0.3 change
        CliRun.Result g = CliRun.run(r.env, "history", "-config", cfg, r.db.toString(), "--table", "items", "--key", "1",
                "-generation", generation);
        assertThat(g.exit()).as(g.stderr()).isZero();
        assertThat(g.stdout()).contains("txn: 1 -> 1000").doesNotContain("1500").doesNotContain("[in ");

        // changes across the upgrade: row 1's txn went from 1000 to 2000
        CliRun.Result c = CliRun.run(r.env, "changes", "-config", cfg, r.db.toString(), "--from", afterFirst, "--to",
                after.get("at").get("time").asText(), "--table", "items", "--json");
        assertThat(c.exit()).as(c.stderr()).isZero();
        JsonNode cj = new ObjectMapper().readTree(c.stdout());
        assertThat(cj.get("from").get("history").asText()).isEqualTo(generation);
        assertThat(cj.get("to").get("history").asText()).isEqualTo("ltx");
        assertThat(c.stdout()).contains("2000");
    }

    private static CliRun.Result bisect(V05Replica r, String from) {
        List<String> args = new ArrayList<>(List.of("bisect", "-config", r.config.toString(), r.db.toString(),
                "--table", "items", "--key", "1"));
        if (from != null) {
            args.addAll(List.of("--from", from));
        }
        CliRun.Result b = CliRun.run(r.env, args.toArray(String[]::new));
        assertThat(b.exit()).as(b.stderr()).isZero();
        return b;
    }

    private static String restoreLine(CliRun.Result b) {
        return b.stdout().lines().filter(l -> l.startsWith("restore the last good state: ")).findFirst().orElseThrow()
                .substring("restore the last good state: ".length());
    }

    /** Runs a printed restore command (ours), returns row 1's txn in what it restored. */
    private static String rowAfterRestore(V05Replica r, Path dir, String command) throws Exception {
        Path out = Files.createTempDirectory(dir, "restored-").resolve("r.db");
        List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
        assertThat(args.remove(0)).isEqualTo("litestream-console");
        args.replaceAll(a -> a.equals("RESTORED.db") ? out.toString() : a);
        CliRun.Result res = CliRun.run(r.env, args.toArray(String[]::new));
        assertThat(res.exit()).as(command + ": " + res.stderr()).isZero();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + out);
             var rs = c.createStatement().executeQuery("SELECT txn FROM items WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** The real litestream's restore of a point: v0.3.13 with -generation/-timestamp, v0.5.16 with -txid. */
    private static Path restoreWithLitestream(V05Replica r, Path dir, Span span, Point p) {
        Path out = dir.resolve("lit-" + (p.isLtx() ? "tx" + p.txid() : p.time().toEpochMilli() + "-" + p.index())
                + ".db");
        Litestream.Result res = p.isLtx() ? r.restoreWithLitestream(out, "-txid", LtxNames.txid(p.txid()))
                : Litestream.exec(r.dir, r.env, "restore", "-o", out.toString(), "-generation", span.historyOf(p),
                        "-timestamp", p.time().toString(), "-config", r.dir.resolve("litestream03.yml").toString(),
                        r.db.toString());
        assertThat(res.exit()).as(p + ": " + res.stderr()).isZero();
        return out;
    }

    /** Every row of items, in order, as text (the state a query sees). */
    private static String digest(Path db) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + db + "?immutable=1");
             var rs = c.createStatement().executeQuery(
                     "SELECT group_concat(id || ':' || txn || ':' || hex(payload), ',') FROM (SELECT * FROM items ORDER BY id)")) {
            rs.next();
            return Objects.toString(rs.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
