package dev.lsconsole.testing;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The real litestream v0.5 (LTX format), our oracle for v0.5 replicas. No release ships a binary we can
 * fetch the way {@link Litestream} fetches v0.3.13, so it is built from source with {@code go install}
 * into {@code ~/.cache/litestream-console/litestream-VERSION/litestream} once, under a file lock so two
 * JVMs never build at the same time. Without Go on the PATH it is not available and tests skip.
 */
public final class Litestream05 {
    public static final String VERSION = "v0.5.16";
    public static final String MODULE = "github.com/benbjohnson/litestream/cmd/litestream";
    static final int BUILD_SECONDS = 600;

    private static final Map<String, Path> BINARIES = new HashMap<>();

    private Litestream05() {
    }

    /** True when v0.5.16 can be had: an override, a cached build, or Go on the PATH to build it. */
    public static boolean available() {
        return available(VERSION);
    }

    public static boolean available(String version) {
        String override = VERSION.equals(version) ? System.getenv("LITESTREAM05_BIN") : null;
        return (override != null && !override.isEmpty()) || cachedBinary(version) != null || goOnPath();
    }

    /** Skips the calling test (JUnit assumption) when litestream v0.5.16 cannot be had. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), "litestream " + VERSION + " is not cached and `go` is not on the PATH"
                + " to build it (go install " + MODULE + "@" + VERSION + "); set LITESTREAM05_BIN to use a binary");
    }

    public static Path binary() {
        return binary(VERSION);
    }

    /** The binary of a v0.5 version: LITESTREAM05_BIN (v0.5.16 only), else the cache, else built. */
    public static synchronized Path binary(String version) {
        Path known = BINARIES.get(version);
        if (known != null) {
            return known;
        }
        String override = VERSION.equals(version) ? System.getenv("LITESTREAM05_BIN") : null;
        Path bin = override != null && !override.isEmpty() ? Path.of(override) : cachedOrBuilt(version);
        checkVersion(bin, version);
        BINARIES.put(version, bin);
        return bin;
    }

    static Path cachePath(String version) {
        return Litestream.cacheRoot().resolve("litestream-" + version).resolve("litestream");
    }

    private static Path cachedBinary(String version) {
        Path bin = cachePath(version);
        return Files.isExecutable(bin) && version.equals(versionOf(bin)) ? bin : null;
    }

    private static Path cachedOrBuilt(String version) {
        Path cached = cachedBinary(version);
        if (cached != null) {
            return cached;
        }
        Path bin = cachePath(version);
        try {
            Files.createDirectories(bin.getParent());
            Path lockFile = bin.getParent().resolveSibling("litestream-" + version + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                if (cachedBinary(version) == null) { // another JVM may have built it while we waited
                    build(version, bin);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot build litestream " + version + " into " + bin + ": "
                    + e.getMessage(), e);
        }
        return bin;
    }

    /**
     * go install into a temp GOBIN beside the cache, then an atomic move into place. The version is stamped
     * as the release Makefile does (v0.5.15 and older print "(development build)" otherwise).
     */
    private static void build(String version, Path bin) throws IOException {
        if (!goOnPath()) {
            throw new IllegalStateException("cannot build litestream " + version + ": `go` is not on the PATH");
        }
        Path gobin = Files.createTempDirectory(bin.getParent().getParent(), "gobin-");
        try {
            Litestream.Result r = Litestream.run(gobin, Map.of("GOBIN", gobin.toString()), BUILD_SECONDS,
                    "go", "install", "-ldflags=-X main.Version=" + version, MODULE + "@" + version);
            Path built = gobin.resolve("litestream");
            if (r.exit() != 0 || !Files.isExecutable(built)) {
                throw new IllegalStateException("go install " + MODULE + "@" + version + " failed (exit " + r.exit()
                        + "): " + lastLine(r.stderr()));
            }
            Files.move(built, bin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Litestream.deleteTree(gobin);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static boolean goOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "go"))) {
                return true;
            }
        }
        return false;
    }

    private static String versionOf(Path bin) {
        try {
            return Litestream.run(bin.getParent(), 30, bin.toString(), "version").stdout().trim();
        } catch (IllegalStateException e) {
            return "";
        }
    }

    private static void checkVersion(Path bin, String version) {
        String v = versionOf(bin);
        if (!v.equals(version)) {
            throw new IllegalStateException(bin + " is litestream '" + v + "', not " + version);
        }
    }

    /** Runs litestream v0.5.16 with args and environment additions; waits at most two minutes. */
    public static Litestream.Result exec(Path dir, Map<String, String> env, String... args) {
        return exec(VERSION, dir, env, args);
    }

    public static Litestream.Result exec(String version, Path dir, Map<String, String> env, String... args) {
        return Litestream.exec(command(version), dir, env, args);
    }

    public static Process start(String version, Path dir, Map<String, String> env, Path log, String... args)
            throws IOException {
        return Litestream.start(command(version), dir, env, log, args);
    }

    /**
     * The binary run without AWS_CA_BUNDLE: with it set (as on this machine) v0.5's S3 client refuses to start
     * ("unable to add custom RootCAs HTTPClient, has no WithTransportOptions"), even for a plain-http endpoint.
     */
    public static List<String> command(String version) {
        return List.of("env", "-u", "AWS_CA_BUNDLE", binary(version).toString());
    }
}
