package dev.lsconsole;

import dev.lsconsole.cli.Cli;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The single entry point. It decides before any toolkit starts: with a command it runs headless
 * (logging to stderr) and touches no JavaFX class; with none (or {@code gui}) the desktop console opens.
 */
public final class Main {
    private Main() {
    }

    /** Freed when an Error arrives, so that the one line about it can still be built after an OutOfMemoryError. */
    private static volatile byte[] reserve = new byte[256 * 1024];
    /** Written as is when even that fails: no allocation needed. */
    private static final byte[] LAST_RESORT = ("error: out of memory: raise the Java heap limit, e.g. "
            + "JAVA_TOOL_OPTIONS=-Xmx2g, and run it again\n").getBytes(StandardCharsets.UTF_8);
    private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);
    /** One line, even when several threads fail at once. */
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    public static void main(String[] args) {
        String[] a = args.length == 0 ? new String[] {"gui"} : args;
        // Any Throwable, here or in another thread, is one line on stderr, never a stack trace.
        Thread.setDefaultUncaughtExceptionHandler((thread, t) -> fail(t, a));
        int code;
        try {
            // Run the reporting path once now, while there is memory, so nothing is left to load after an OOM.
            report(new OutOfMemoryError("warm-up"), a, new PrintStream(OutputStream.nullOutputStream()));
            code = Cli.run(a, System::getenv, System.out, System.err);
        } catch (Throwable t) {
            fail(t, a);
            code = 1;
        }
        System.exit(code);
    }

    private static void fail(Throwable t, String[] args) {
        try {
            reserve = null;
            if (REPORTED.compareAndSet(false, true)) {
                report(t, args, System.err);
            }
        } catch (Throwable ignored) {
            // report() already falls back to a fixed line; nothing more can be said
        }
    }

    private static void report(Throwable t, String[] args, PrintStream err) {
        try {
            err.println("error: " + Cli.fatal(t, args));
        } catch (Throwable again) { // even the line could not be built: say the one thing that helps
            try {
                STDERR.write(LAST_RESORT);
            } catch (Throwable ignored) {
                // nothing more can be said
            }
        }
    }
}
