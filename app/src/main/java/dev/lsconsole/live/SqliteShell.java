package dev.lsconsole.live;

import java.io.OutputStream;

/**
 * Runs the {@code sqlite3} command-line shell where the live database is (this machine, or a pod
 * through exec), always as an argument list with SQL on standard input, never through a shell.
 */
public interface SqliteShell {
    /** What a run printed and how it ended. */
    record Result(int exit, String stdout, String stderr) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /**
     * Runs {@code argv} (argv[0] is the program) with {@code stdin} as its input (null: none), copying its
     * standard output into {@code sink}; the result's stdout is empty. A script must end with
     * {@code .quit} when the transport cannot close standard input (pod exec before v5).
     */
    Result exec(java.util.List<String> argv, String stdin, OutputStream sink, int timeoutSeconds);

    /** Runs {@code argv} with {@code stdin} and returns its output as text. */
    default Result run(java.util.List<String> argv, String stdin, int timeoutSeconds) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Result r = exec(argv, stdin, out, timeoutSeconds);
        return new Result(r.exit(), out.toString(java.nio.charset.StandardCharsets.UTF_8), r.stderr());
    }

    /** Runs {@code argv} and copies its standard output, raw, into {@code sink}. */
    default Result stream(java.util.List<String> argv, OutputStream sink, int timeoutSeconds) {
        return exec(argv, null, sink, timeoutSeconds);
    }

    /** Where commands run, for messages. */
    String where();
}
