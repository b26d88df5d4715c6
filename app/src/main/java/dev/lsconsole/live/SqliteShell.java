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
     * Runs {@code argv} (argv[0] is the program) with {@code stdin} as its input. The script must end
     * with {@code .quit} when the transport cannot close standard input (pod exec before v5).
     */
    Result run(java.util.List<String> argv, String stdin, int timeoutSeconds);

    /** Runs {@code argv} and copies its standard output, raw, into {@code sink}. */
    Result stream(java.util.List<String> argv, OutputStream sink, int timeoutSeconds);

    /** Where commands run, for messages. */
    String where();
}
