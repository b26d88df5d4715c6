package dev.lsconsole.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands on this machine. */
public final class LocalShell implements SqliteShell {
    @Override
    public Result exec(List<String> argv, String stdin, OutputStream sink, int timeoutSeconds) {
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new LiveException("cannot run " + argv.get(0) + " on " + where() + ": " + e.getMessage()
                    + (argv.get(0).contains("sqlite3") ? " (is the sqlite3 package installed?)" : ""), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = pump(p.getErrorStream(), err);
        Thread outPump = pump(p.getInputStream(), sink);
        try (OutputStream in = new java.io.BufferedOutputStream(p.getOutputStream(), 1 << 16)) {
            if (stdin != null) {
                dev.lsconsole.sql.Scripts.write(stdin, in); // large values streamed, never a whole byte[]
            }
        } catch (IOException e) {
            // the process ended early; its exit code and stderr tell why
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LiveException(argv.get(0) + " on " + where() + " did not finish in " + timeoutSeconds + " s");
            }
            outPump.join();
            errPump.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LiveException("interrupted while running " + argv.get(0));
        }
        return new Result(p.exitValue(), "", err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the process closed its end
            }
        }, "lsc-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public String where() {
        return "this machine";
    }
}
