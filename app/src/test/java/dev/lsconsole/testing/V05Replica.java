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
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real litestream v0.5 replica made by {@code litestream replicate} from a real workload (sqlite-jdbc):
 * to a file replica ({@code <path>/ltx/<level>/<min>-<max>.ltx}) or to an S3Proxy bucket
 * ({@code <path>/<%04x level>/<min>-<max>.ltx}). Compaction, snapshot and L0 retention run every few
 * seconds, so levels 0, 1, 2 and 9 all hold files when it returns. Each transaction waits until
 * litestream has shipped it, so every commit has its own TXID; the commit list says which TXID holds how
 * many rows and when it was committed (wall clock), for tests to pick points at, between and outside
 * restore points. {@link #mixed} first lets litestream v0.3.13 replicate to the same path (the upgrade).
 */
public final class V05Replica implements AutoCloseable {
    public static final String BUCKET = "backups";
    public static final String S3_PATH = "app.db";
    private static final Pattern UPLOADED = Pattern.compile(
            "msg=\"ltx file uploaded\".* level=0 .*maxTXID=([0-9a-f]{16})");

    public enum Target { FILE, S3 }

    /**
     * Extra writes a test adds to the workload's transaction number {@code n} (from 0, both eras counted),
     * inside that transaction; {@code v05} tells which litestream replicates it. On a mixed replica it is
     * also called once with {@code n} -1 between the eras, in a transaction of its own while no litestream
     * runs (a write during the upgrade: only the v0.5 chain's first state has it).
     */
    public interface Extra {
        void write(Connection c, int n, boolean v05) throws java.sql.SQLException;
    }

    /** One committed transaction: its TXID (0 when v0.3.13 replicated it), commit time and rows after it. */
    public record Commit(long txid, Instant committedAt, int rows) {
        public String txidHex() {
            return String.format("%016x", txid);
        }
    }

    /** Workload size and litestream's timings; the defaults make all levels within ~10 s. */
    public record Settings(String version, int transactions, long pauseMillis, String l1, String l2,
                           String snapshotInterval, String snapshotRetention, String l0Retention) {
        public static Settings quick() {
            return new Settings(Litestream05.VERSION, 24, 120, "1s", "2s", "3s", "1h", "1h");
        }

        public Settings withVersion(String v) {
            return new Settings(v, transactions, pauseMillis, l1, l2, snapshotInterval, snapshotRetention,
                    l0Retention);
        }
    }

    public final Target target;
    public final Settings settings;
    public final Path dir;
    public final Path db;
    public final Path config;
    /** Where the replica's files are on disk: the file replica's path, or the key prefix in S3Proxy's basedir. */
    public final Path replicaRoot;
    public final S3Server s3;
    public final Map<String, String> env;
    private final List<Commit> commits = new ArrayList<>();
    private final Random rnd = new Random(7);
    /** Null: the plain workload (and nothing written between the eras). */
    private Extra extra;
    private boolean v05Era;

    private V05Replica(Path dir, Target target, Settings settings) throws Exception {
        this.dir = dir;
        this.target = target;
        this.settings = settings;
        db = dir.resolve("app.db");
        config = dir.resolve("litestream05.yml");
        if (target == Target.S3) {
            Path base = Files.createDirectories(dir.resolve("s3"));
            s3 = S3Server.start(base);
            s3.createBucket(BUCKET);
            replicaRoot = base.resolve(BUCKET).resolve(S3_PATH);
        } else {
            s3 = null;
            replicaRoot = dir.resolve("replica");
        }
        env = Map.of("LSC_TEST_KEY", S3Server.KEY, "LSC_TEST_SECRET", S3Server.SECRET,
                "LITESTREAM_ACCESS_KEY_ID", S3Server.KEY, "LITESTREAM_SECRET_ACCESS_KEY", S3Server.SECRET);
        Files.writeString(config, configV05());
    }

    public static V05Replica file(Path dir) throws Exception {
        return make(dir, Target.FILE, Settings.quick(), false);
    }

    public static V05Replica s3(Path dir) throws Exception {
        return make(dir, Target.S3, Settings.quick(), false);
    }

    /** litestream v0.3.13 replicates first (generations/… under the path), then v0.5 takes over the path. */
    public static V05Replica mixed(Path dir, Target target) throws Exception {
        return make(dir, target, Settings.quick(), true);
    }

    /** As {@link #mixed(Path, Target)}, with {@code extra} writes in the workload's transactions. */
    public static V05Replica mixed(Path dir, Target target, Extra extra) throws Exception {
        return make(dir, target, Settings.quick(), true, extra);
    }

    public static V05Replica make(Path dir, Target target, Settings settings, boolean v03First) throws Exception {
        return make(dir, target, settings, v03First, null);
    }

    private static V05Replica make(Path dir, Target target, Settings settings, boolean v03First, Extra extra)
            throws Exception {
        V05Replica r = new V05Replica(dir, target, settings);
        r.extra = extra;
        try {
            r.createSchema();
            if (v03First) {
                r.replicateV03();
                if (extra != null) {
                    r.betweenEras();
                }
            }
            r.replicateV05();
            return r;
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
    }

    public List<Commit> commits() {
        return List.copyOf(commits);
    }

    /** The replica URL litestream accepts (S3: endpoint and path style in the query). */
    public String replicaUrl() {
        if (target == Target.FILE) {
            return replicaRoot.toUri().toString();
        }
        return "s3://" + BUCKET + "/" + S3_PATH + "?endpoint=" + s3.endpoint() + "&region=us-east-1&forcePathStyle=true";
    }

    /** {@code litestream restore -o OUT ARGS… (URL | -config CONFIG DB)} with this replica's version. */
    public Litestream.Result restoreWithLitestream(String replicaUrlOrConfig, Path out, String... args) {
        List<String> cmd = new ArrayList<>(List.of("restore", "-o", out.toString()));
        cmd.addAll(List.of(args));
        if (replicaUrlOrConfig.contains("://")) {
            cmd.add(replicaUrlOrConfig);
        } else {
            cmd.addAll(List.of("-config", replicaUrlOrConfig, db.toString()));
        }
        return Litestream05.exec(settings.version(), dir, env, cmd.toArray(String[]::new));
    }

    public Litestream.Result restoreWithLitestream(Path out, String... args) {
        return restoreWithLitestream(config.toString(), out, args);
    }

    /** {@code litestream ltx -level LEVEL -json} (LEVEL 0-9 or "all") on the replica URL. */
    public Litestream.Result ltxListing(String level) {
        return Litestream05.exec(settings.version(), dir, env, "ltx", "-level", level, "-json", replicaUrl());
    }

    /** The LTX file names on disk (file replica folder or S3Proxy's basedir), by level. */
    public TreeMap<Integer, List<String>> filesByLevel() throws Exception {
        TreeMap<Integer, List<String>> byLevel = new TreeMap<>();
        Path levels = target == Target.FILE ? replicaRoot.resolve("ltx") : replicaRoot;
        if (!Files.isDirectory(levels)) {
            return byLevel;
        }
        try (var dirs = Files.list(levels)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = d.getFileName().toString();
                if (!name.matches(target == Target.FILE ? "[0-9]" : "[0-9a-f]{4}")) {
                    continue; // e.g. generations/ of a v0.3 replica under the same path
                }
                try (var files = Files.list(d)) {
                    List<String> ltx = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".ltx"))
                            .sorted().toList();
                    if (!ltx.isEmpty()) {
                        byLevel.put(Integer.parseInt(name, target == Target.FILE ? 10 : 16), ltx);
                    }
                }
            }
        }
        return byLevel;
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    private String configV05() {
        return "levels:\n"
                + "  - interval: " + settings.l1() + "\n"
                + "  - interval: " + settings.l2() + "\n"
                + "snapshot:\n"
                + "  interval: " + settings.snapshotInterval() + "\n"
                + "  retention: " + settings.snapshotRetention() + "\n"
                + "l0-retention: " + settings.l0Retention() + "\n"
                + "l0-retention-check-interval: 1s\n"
                + "dbs:\n"
                + "  - path: " + db + "\n"
                + "    monitor-interval: 20ms\n"
                + "    replica:\n" + replicaBlock("      ", "20ms");
    }

    private String configV03() {
        return "dbs:\n"
                + "  - path: " + db + "\n"
                + "    monitor-interval: 10ms\n"
                + "    replicas:\n"
                + "      - " + replicaBlock("        ", "10ms").substring(8);
    }

    private String replicaBlock(String indent, String syncInterval) {
        if (target == Target.FILE) {
            return indent + "type: file\n" + indent + "path: " + replicaRoot + "\n"
                    + indent + "sync-interval: " + syncInterval + "\n";
        }
        return indent + "type: s3\n" + indent + "bucket: " + BUCKET + "\n" + indent + "path: " + S3_PATH + "\n"
                + indent + "endpoint: " + s3.endpoint() + "\n" + indent + "region: us-east-1\n"
                + indent + "force-path-style: true\n" + indent + "access-key-id: ${LSC_TEST_KEY}\n"
                + indent + "secret-access-key: ${LSC_TEST_SECRET}\n" + indent + "sync-interval: " + syncInterval + "\n";
    }

    private Connection open() throws Exception {
        return Dbs.openWriter(db);
    }

    private void createSchema() throws Exception {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, txn INTEGER NOT NULL, payload BLOB)");
        }
    }

    private void replicateV03() throws Exception {
        Path v03config = dir.resolve("litestream03.yml");
        Files.writeString(v03config, configV03());
        Path log = dir.resolve("litestream03.log");
        Process p = Litestream.start(dir, env, log, "replicate", "-config", v03config.toString());
        try {
            Thread.sleep(800);
            alive(p, log);
            for (int i = 0; i < settings.transactions() / 2; i++) {
                commits.add(new Commit(0, commit(), rows()));
                Thread.sleep(settings.pauseMillis());
            }
            Thread.sleep(800);
        } finally {
            stop(p);
        }
    }

    private void betweenEras() throws Exception {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            extra.write(c, -1, false);
            c.commit();
        }
    }

    private void replicateV05() throws Exception {
        Path log = dir.resolve("litestream05.log");
        Process p = Litestream05.start(settings.version(), dir, env, log, "replicate", "-config", config.toString());
        v05Era = true;
        try {
            long txid = awaitShipped(log, 0, p);
            commits.add(new Commit(txid, Instant.now(), rows())); // TXID 1: the database as litestream found it
            for (int i = 0; i < settings.transactions(); i++) {
                Instant at = commit();
                txid = awaitShipped(log, txid, p);
                commits.add(new Commit(txid, at, rows()));
                Thread.sleep(settings.pauseMillis());
            }
            awaitLevels(0, 1, 2, 9);
        } finally {
            stop(p);
        }
    }

    private Instant commit() throws Exception {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            int n = rows();
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO items(txn, payload) VALUES (?, ?)")) {
                byte[] payload = new byte[100 + rnd.nextInt(400)];
                rnd.nextBytes(payload);
                ins.setInt(1, n + 1);
                ins.setBytes(2, payload);
                ins.executeUpdate();
            }
            if (n % 5 == 4) {
                c.createStatement().executeUpdate("UPDATE items SET payload = zeroblob(50) WHERE id % 7 = " + (n % 7));
            }
            if (extra != null) {
                extra.write(c, n, v05Era);
            }
            c.commit();
            return Instant.now();
        }
    }

    private int rows() throws Exception {
        try (Connection c = open(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits until the log says an L0 file with a TXID above {@code after} was uploaded; returns it. */
    static long awaitShipped(Path log, long after, Process p) throws Exception {
        for (int i = 0; i < 500; i++) {
            long last = 0;
            if (Files.exists(log)) {
                Matcher m = UPLOADED.matcher(Files.readString(log));
                while (m.find()) {
                    last = Math.max(last, Long.parseUnsignedLong(m.group(1), 16));
                }
            }
            if (last > after) {
                return last;
            }
            alive(p, log);
            Thread.sleep(20);
        }
        throw new IllegalStateException("litestream shipped no transaction after " + after + " in 10 s: " + log);
    }

    private void awaitLevels(Integer... levels) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (filesByLevel().keySet().containsAll(List.of(levels))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("replica has levels " + filesByLevel().keySet() + ", wanted " + List.of(levels)
                + " (waited 15 s)");
    }

    private static void alive(Process p, Path log) throws Exception {
        if (!p.isAlive()) {
            throw new IllegalStateException("litestream replicate exited: " + Files.readString(log));
        }
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: litestream shuts down cleanly
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
