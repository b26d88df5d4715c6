package dev.lsconsole.bench;

import dev.lsconsole.testing.Litestream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Why: the restore benchmarks (v0.3 and v0.5) time the real litestream and our packaged jar the same way —
 * each a fresh process under {@code /usr/bin/time} for its peak RSS, best of a few rounds, with the load
 * average beside the figures — so the helpers that do it live once, here.
 */
final class BenchRuns {
    static final Path TIME = Path.of("/usr/bin/time");

    private BenchRuns() {
    }

    /** The machine is shared: say how loaded it was. */
    static String load() {
        try {
            return "load average (1, 5, 15 min): " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "load average: unknown";
        }
    }

    /** Best time and highest peak RSS over rounds. */
    static final class Run {
        double best = Double.MAX_VALUE;
        long peakKb = -1;
        String failure;

        void add(Measured m) {
            best = Math.min(best, m.seconds);
            peakKb = Math.max(peakKb, m.peakKb);
            if (m.failure != null) {
                failure = m.failure;
            }
        }

        String rss() {
            return (peakKb < 0 ? "n/a (no /usr/bin/time)" : (peakKb / 1024) + " MB")
                    + (failure == null ? "" : "; FAILED: " + failure);
        }
    }

    /** One run: its time, peak RSS in KB (or -1), and its error line if it exited non-zero. */
    record Measured(double seconds, long peakKb, String failure) {
    }

    /** SQLite's integrity_check of a restored file: "ok" or the number of problems and the first one. */
    static String integrity(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?immutable=1");
             Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return lines.equals(List.of("ok")) ? "ok" : lines.size() + " problems, first: " + lines.get(0);
        }
    }

    /**
     * Runs a command in {@code dir} and measures it. The peak is the kernel's high-water mark of
     * the resident set (ru_maxrss, what /usr/bin/time reports), which counts touched pages of mapped files.
     */
    static Measured measure(Path dir, Map<String, String> env, List<String> cmd) throws Exception {
        List<String> full = new ArrayList<>();
        Path rss = dir.resolve("rss.txt");
        Files.deleteIfExists(rss);
        if (Files.isExecutable(TIME)) {
            full.addAll(List.of(TIME.toString(), "-f", "%M", "-o", rss.toString()));
        }
        full.addAll(cmd);
        long t = System.nanoTime();
        Litestream.Result r = Litestream.run(dir, env, 900, full.toArray(String[]::new));
        double secs = (System.nanoTime() - t) / 1e9;
        long kb = Files.exists(rss) ? Long.parseLong(Files.readString(rss).trim().lines().reduce((x, y) -> y)
                .orElse("-1").trim()) : -1;
        String failure = r.exit() == 0 ? null : r.stderr().lines().filter(l -> l.startsWith("error:")).findFirst()
                .orElse("exit " + r.exit() + ": " + r.stderr().strip().lines().reduce((x, y) -> y).orElse(""));
        return new Measured(secs, kb, failure);
    }

    static String[] concat(String a, String b, String[] rest) {
        String[] out = new String[rest.length + 2];
        out[0] = a;
        out[1] = b;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    /** {@code restore FLAG OUT SOURCE…}. */
    static String[] args(String flag, Path out, String[] source) {
        String[] a = new String[source.length + 3];
        a[0] = "restore";
        a[1] = flag;
        a[2] = out.toString();
        System.arraycopy(source, 0, a, 3, source.length);
        return a;
    }

    /**
     * The packaged jar: through the launcher script itself (packaging/litestream-console.sh, which execs
     * java, so the measured process is the JVM), or as a plain {@code java -jar}.
     */
    static List<String> ourCommand(boolean launcher, String[] args) {
        String jar = System.getProperty("bench.jar");
        List<String> cmd = new ArrayList<>();
        if (launcher) {
            cmd.addAll(List.of("/usr/bin/env", "LSC_JAR=" + jar, "JAVA_HOME=" + System.getProperty("java.home"), "sh",
                    Path.of("..", "packaging", "litestream-console.sh").toAbsolutePath().normalize().toString()));
        } else {
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        }
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }
}
