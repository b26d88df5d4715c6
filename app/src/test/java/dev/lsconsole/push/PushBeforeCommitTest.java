package dev.lsconsole.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.live.LocalShell;
import dev.lsconsole.live.SqliteLiveTarget;
import dev.lsconsole.live.SqliteShell;
import dev.lsconsole.sql.Literals;
import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.RestoredAndLive;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * sqlite3 alone gets a SIGINT (a real one, while it still reads the push script, long before COMMIT): it
 * stops its batch and exits 0 without committing. The push must say nothing was written, never "written,
 * but rows do not read back", and audit it so the window does not offer an undo.
 */
class PushBeforeCommitTest extends RestoredAndLive {
    @ParameterizedTest
    @EnumSource(PushMode.class)
    void sqlite3StoppedBeforeCommitIsReportedNotWritten(PushMode mode) throws Exception {
        both("CREATE TABLE kv(id INTEGER PRIMARY KEY, v BLOB)", "INSERT INTO kv VALUES (1, randomblob(8000000)),"
                + " (2, x'01')");
        Dbs.exec(live, "DELETE FROM kv WHERE id = 1", "UPDATE kv SET v = x'02' WHERE id = 2");
        String before = Dbs.checksum(live);
        PushPlan plan;
        try (DiffEngine d = new DiffEngine(restored, live)) {
            plan = new PushPlanner().plan(d, "kv", mode, mode == PushMode.UPSERT
                    ? List.of(Literals.parseList("1"), Literals.parseList("2")) : List.of(Literals.parseList("1")), null);
        }
        SqliteLiveTarget target = new SqliteLiveTarget(new InterruptingShell(), live.toString(), live.toString(), true);
        Pusher pusher = new Pusher(tmp.resolve("state"));
        assertThatThrownBy(() -> pusher.push(target, plan)).isInstanceOf(PushException.class)
                .hasMessage("push to " + live + ": sqlite3 ended before COMMIT: nothing was written");
        assertThat(Dbs.checksum(live)).as("live unchanged").isEqualTo(before);
        List<String> audit = Files.readAllLines(pusher.auditLog());
        assertThat(audit.get(audit.size() - 1)).contains("\"outcome\":\"failed\"")
                .contains("sqlite3 ended before COMMIT: nothing was written");
        AuditLog.Push p = AuditLog.read(pusher.auditLog()).pushes().get(0);
        assertThat(p.undoable()).as("nothing to undo").isFalse();
    }

    /**
     * Runs sqlite3 on this machine; the writing run (no -readonly) gets a real SIGINT after the first MiB of
     * its script, then the rest of the script is sent as usual.
     */
    private static final class InterruptingShell implements SqliteShell {
        @Override
        public Result exec(List<String> argv, String stdin, OutputStream sink, int timeoutSeconds) {
            if (argv.contains("-readonly")) {
                return new LocalShell().exec(argv, stdin, sink, timeoutSeconds);
            }
            try {
                Process p = new ProcessBuilder(argv).start();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                Thread e = pump(p.getErrorStream(), err);
                Thread o = pump(p.getInputStream(), sink);
                try (OutputStream in = new SignalAfter(p, 1 << 20)) {
                    dev.lsconsole.sql.Scripts.write(stdin, in);
                } catch (IOException closed) {
                    // sqlite3 stopped reading
                }
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                o.join();
                e.join();
                return new Result(p.exitValue(), "", err.toString(StandardCharsets.UTF_8));
            } catch (IOException | InterruptedException ex) {
                throw new AssertionError(ex);
            }
        }

        @Override
        public String where() {
            return "this machine";
        }

        private static Thread pump(InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                try (from) {
                    from.transferTo(to);
                } catch (IOException ignored) {
                    // closed
                }
            });
            t.start();
            return t;
        }
    }

    /** Sends the process a SIGINT (with kill, as a terminal would) once {@code after} bytes went to it. */
    private static final class SignalAfter extends FilterOutputStream {
        private final Process p;
        private long left;

        SignalAfter(Process p, long after) {
            super(p.getOutputStream());
            this.p = p;
            this.left = after;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count(1);
        }

        private void count(long n) throws IOException {
            if (left > 0 && (left -= n) <= 0) {
                try {
                    new ProcessBuilder("kill", "-s", "INT", Long.toString(p.pid())).start().waitFor();
                    Thread.sleep(200); // let sqlite3 take it before it reads on
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        }
    }
}
