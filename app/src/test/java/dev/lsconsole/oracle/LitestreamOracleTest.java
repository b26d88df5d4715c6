package dev.lsconsole.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.ReplicaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our listings and restores against the real litestream v0.3.13 on the same replicas: same output,
 * byte-identical restored files, at every kind of point in time.
 */
class LitestreamOracleTest {
    static ReplicaFixture fx;
    static Map<String, String> env;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fixture() {
        fx = ReplicaFixture.get();
        env = new HashMap<>(fx.env);
        env.put("LITESTREAM_ACCESS_KEY_ID", dev.lsconsole.testing.S3Server.KEY);
        env.put("LITESTREAM_SECRET_ACCESS_KEY", dev.lsconsole.testing.S3Server.SECRET);
    }

    private static String withoutLogs(String s) {
        return s.lines().filter(l -> !l.startsWith("time=")).collect(Collectors.joining("\n", "", "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"databases", "generations", "snapshots", "wal"})
    void listingsFromConfigMatchLitestream(String command) {
        List<String> args = new ArrayList<>(List.of(command, "-config", fx.config.toString()));
        if (!command.equals("databases")) {
            args.add(fx.db.toString());
        }
        Litestream.Result theirs = Litestream.exec(fx.dir, env, args.toArray(String[]::new));
        CliRun.Result ours = CliRun.run(env, args.toArray(String[]::new));
        assertThat(theirs.exit()).as(theirs.stderr()).isZero();
        assertThat(ours.exit()).as(ours.stderr()).isZero();
        assertThat(ours.stdout()).isEqualTo(withoutLogs(theirs.stdout()));
        assertThat(ours.stdout().lines().count()).isGreaterThan(command.equals("databases") ? 1 : 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snapshots", "wal"})
    void listingsFromUrlsMatchLitestream(String command) {
        // litestream's URL form for a local S3: s3://BUCKET.localhost:PORT/PATH (http, path-style, us-east-1)
        String s3 = "s3://" + ReplicaFixture.BUCKET + ".localhost:" + fx.s3.port() + "/app.db";
        for (String url : List.of("file://" + fx.fileReplica, s3)) {
            Litestream.Result theirs = Litestream.exec(fx.dir, env, command, url);
            CliRun.Result ours = CliRun.run(env, command, url);
            assertThat(theirs.exit()).as(theirs.stderr()).isZero();
            assertThat(ours.exit()).as(ours.stderr()).isZero();
            assertThat(ours.stdout()).isEqualTo(withoutLogs(theirs.stdout()));
            assertThat(ours.stdout().lines().count()).isGreaterThan(2);
        }
    }

    @Test
    void generationsFromUrlMatchExceptLag() {
        String url = "file://" + fx.fileReplica;
        Litestream.Result theirs = Litestream.exec(fx.dir, env, "generations", url);
        CliRun.Result ours = CliRun.run(env, "generations", url);
        assertThat(dropColumn(ours.stdout(), 2)).isEqualTo(dropColumn(withoutLogs(theirs.stdout()), 2));
        assertThat(ours.stdout().lines().count()).isEqualTo(3); // header + two generations
    }

    /**
     * litestream died between creating a generation's folder and its first snapshot: litestream lists the
     * empty generation with a year-1 range and a saturated lag; the other commands skip it.
     */
    @Test
    void emptyGenerationFolderIsListedLikeLitestreamAndSkippedElsewhere() throws Exception {
        Path copy = fx.copyFileReplica(tmp.resolve("replica-empty-gen"));
        Files.createDirectories(copy.resolve("generations/0123456789abcdef"));
        String url = "file://" + copy;
        Litestream.Result theirs = Litestream.exec(fx.dir, env, "generations", url);
        CliRun.Result ours = CliRun.run(env, "generations", url);
        assertThat(ours.exit()).as(ours.stderr()).isZero();
        String emptyRow = "file  0123456789abcdef  2562047h47m16s  0001-01-01T00:00:00Z  0001-01-01T00:00:00Z";
        assertThat(withoutLogs(theirs.stdout()).lines()).contains(emptyRow);
        assertThat(ours.stdout().lines()).contains(emptyRow);
        assertThat(dropColumn(ours.stdout(), 2)).isEqualTo(dropColumn(withoutLogs(theirs.stdout()), 2));
        for (String command : List.of("snapshots", "wal")) {
            Litestream.Result l = Litestream.exec(fx.dir, env, command, url);
            CliRun.Result r = CliRun.run(env, command, url);
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo(withoutLogs(l.stdout()));
        }
        compareRestore(new String[] {url}, "latest-with-empty-generation");
        for (String command : List.of("timeline", "verify", "check")) {
            CliRun.Result r = CliRun.run(env, command, url);
            assertThat(r.exit()).as(command + ": " + r.stdout() + r.stderr()).isZero();
            assertThat(r.stdout()).as(command).contains("0123456789abcdef");
        }
    }

    private static List<String> dropColumn(String table, int col) {
        return table.lines().map(l -> {
            List<String> cells = new ArrayList<>(List.of(l.trim().split("\\s+")));
            cells.remove(col);
            return String.join(" ", cells);
        }).toList();
    }

    /** Every restore point of a replica (snapshot and segment times), by generation. */
    private static TreeMap<Instant, String> restorePoints(String... source) throws Exception {
        List<String> args = new ArrayList<>(List.of("timeline", "--json"));
        args.addAll(List.of(source));
        CliRun.Result r = CliRun.run(env, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.stderr()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        TreeMap<Instant, String> points = new TreeMap<>();
        for (var g : json.get("generations")) {
            for (var p : g.get("points")) {
                points.put(Instant.parse(p.get("time").asText()), g.get("generation").asText());
            }
        }
        return points;
    }

    /** Points to test: a spread of restore points, the instants between them, before and after everything. */
    private static List<Instant> sample(TreeMap<Instant, String> points, int n) {
        List<Instant> all = new ArrayList<>(points.keySet());
        TreeSet<Instant> out = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            int k = (int) ((long) i * (all.size() - 1) / Math.max(1, n - 1));
            out.add(all.get(k));
            if (k + 1 < all.size()) {
                Instant a = all.get(k);
                Instant b = all.get(k + 1);
                out.add(a.plus(Duration.between(a, b).dividedBy(2)));
            }
        }
        out.add(all.get(0).minusSeconds(5));
        out.add(all.get(all.size() - 1).plusSeconds(5));
        return new ArrayList<>(out);
    }

    @Test
    void pointInTimeRestoresAreByteIdenticalToLitestream_fileReplica() throws Exception {
        String url = "file://" + fx.fileReplica;
        compareAtPoints(restorePoints(url), new String[] {url}, 22);
    }

    @Test
    void pointInTimeRestoresAreByteIdenticalToLitestream_s3ReplicaViaConfig() throws Exception {
        String[] src = {"-config", fx.config.toString(), "-replica", "s3", fx.db.toString()};
        compareAtPoints(restorePoints(src), src, 14);
    }

    private void compareAtPoints(TreeMap<Instant, String> points, String[] source, int n) throws Exception {
        assertThat(new TreeSet<>(points.values())).hasSize(2);
        int compared = 0;
        int gapCases = 0;
        for (Instant t : sample(points, n)) {
            String ts = t.toString();
            Path theirs = tmp.resolve("theirs-" + compared + ".db");
            Path ours = tmp.resolve("ours-" + compared + ".db");
            Litestream.Result l = Litestream.exec(fx.dir, env, concat("restore", "-timestamp", ts, "-o",
                    theirs.toString(), source));
            CliRun.Result r = CliRun.run(env, concat("restore", "-timestamp", ts, "-o", ours.toString(), source));
            if (l.exit() == 0) {
                assertThat(r.exit()).as("ours at " + ts + ": " + r.stderr()).isZero();
                assertThat(Files.mismatch(theirs, ours)).as("restored file differs at " + ts).isEqualTo(-1L);
            } else if (t.isBefore(points.firstKey())) {
                assertThat(r.exit()).isEqualTo(1);
                assertThat(r.stderr()).contains("no matching backups found");
                assertThat(ours).doesNotExist();
            } else {
                // litestream's issue #564: after a generation's last point it finds nothing; we restore
                // the last replicated state: the end of the generation that ended last before t.
                assertThat(l.stdout() + l.stderr()).contains("no matching backups found");
                String gen = points.floorEntry(t).getValue();
                Path end = tmp.resolve("end-" + compared + ".db");
                Litestream.Result le = Litestream.exec(fx.dir, env, concat("restore", "-generation", gen, "-o",
                        end.toString(), source));
                assertThat(le.exit()).as(le.stderr()).isZero();
                assertThat(r.exit()).as(r.stderr()).isZero();
                assertThat(Files.mismatch(end, ours)).as("end state of " + gen + " at " + ts).isEqualTo(-1L);
                gapCases++;
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(n);
        assertThat(gapCases).as("timestamps after a generation's end").isGreaterThanOrEqualTo(1);
    }

    @Test
    void latestAndEveryGenerationAndIndexMatchLitestream() throws Exception {
        String url = "file://" + fx.fileReplica;
        compareRestore(new String[] {"-config", fx.config.toString(), fx.db.toString()}, "latest-config");
        compareRestore(new String[] {url}, "latest-url");
        List<String> gens = Files.list(fx.fileReplica.resolve("generations")).map(p -> p.getFileName().toString())
                .sorted().toList();
        int indexes = 0;
        for (String g : gens) {
            compareRestore(new String[] {"-generation", g, url}, "gen-" + g);
            TreeSet<Integer> idx = new TreeSet<>();
            try (var s = Files.list(fx.fileReplica.resolve("generations").resolve(g).resolve("wal"))) {
                s.forEach(p -> idx.add(Integer.parseInt(p.getFileName().toString().substring(0, 8), 16)));
            }
            for (int i : idx) {
                compareRestore(new String[] {"-generation", g, "-index", Integer.toHexString(i), url}, g + "-" + i);
                indexes++;
            }
        }
        assertThat(indexes).as("WAL indexes across generations").isGreaterThanOrEqualTo(6);
    }

    private void compareRestore(String[] args, String label) {
        Path theirs = tmp.resolve("t-" + label + ".db");
        Path ours = tmp.resolve("o-" + label + ".db");
        Litestream.Result l = Litestream.exec(fx.dir, env, concat("restore", "-o", theirs.toString(), null, null, args));
        CliRun.Result r = CliRun.run(env, concat("restore", "-o", ours.toString(), null, null, args));
        assertThat(l.exit()).as(label + ": " + l.stdout() + l.stderr()).isZero();
        assertThat(r.exit()).as(label + ": " + r.stderr()).isZero();
        try {
            assertThat(Files.mismatch(theirs, ours)).as(label).isEqualTo(-1L);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String[] concat(String cmd, String f1, String v1, String f2, String v2, String[] rest) {
        List<String> a = new ArrayList<>(List.of(cmd));
        for (String s : new String[] {f1, v1, f2, v2}) {
            if (s != null) {
                a.add(s);
            }
        }
        a.addAll(List.of(rest));
        return a.toArray(String[]::new);
    }

}
