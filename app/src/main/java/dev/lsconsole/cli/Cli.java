package dev.lsconsole.cli;

import ch.qos.logback.classic.Level;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: litestream's read/restore commands, timeline, diff, push, demo, and gui (the desktop console). */
@Command(name = "litestream-console",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        description = {"Browse and restore Litestream replicas (v0.3, v0.5 LTX; file or S3-compatible),",
            "compare a restore with the live database (a file or a Kubernetes pod)",
            "and push lost rows back. Replica commands and flags are litestream v0.3.13's;",
            "run a command with -h for its flags."})
public final class Cli implements Runnable {
    /**
     * The subcommands, in help order. Only the one a command line names is modelled (picocli reflects over
     * every option of every command it is given: ~300 ms of a cold start, more than {@code check} itself);
     * all of them when none is named ({@code --help}, a typo).
     */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(GuiCommand.class, DatabasesCommand.class,
            GenerationsCommand.class, SnapshotsCommand.class, WalCommand.class, RestoreCommand.class,
            TimelineCommand.class, VerifyCommand.class, CheckCommand.class, HistoryCommand.class, BisectCommand.class,
            ChangesCommand.class, DiffCommand.class, PushCommand.class, UndoCommand.class, DemoCommand.class, SelfTestCommand.class,
            LtxCommand.class, VersionCommand.class);

    final Function<String, String> env;
    final PrintStream out;
    final PrintStream err;

    Cli(Function<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        CommandLine.usage(this, out);
    }

    /** Runs a command line and returns the exit code (0 ok, 1 error, as litestream). */
    public static int run(String[] typed, Function<String, String> env, PrintStream out, PrintStream err) {
        String[] args = helpArgs(typed);
        Cli cli = new Cli(env, out, err);
        CommandLine cl = new CommandLine(cli);
        String named = args.length > 0 && COMMANDS.stream().anyMatch(c -> name(c).equals(args[0])) ? args[0] : null;
        for (Class<?> c : COMMANDS) {
            if (named == null || named.equals(name(c))) {
                cl.addSubcommand(name(c), c);
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) { // -V, listed by every command's help, prints it
            sub.getCommandSpec().versionProvider(new Version());
        }
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + parameterError(ex));
            return ex.getCommandLine().getCommand() instanceof HealthCommand ? HealthCommand.CANNOT_RUN : 1;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("error: " + oneLine(ex));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (Throwable t) { // picocli passes Errors (OutOfMemoryError, StackOverflowError…) through
            String line = "error: " + fatal(t, args);
            err.println(line);
            if (verbose) {
                t.printStackTrace(err);
            }
            return 1;
        }
    }

    /**
     * Where commands put their temporary work (time travel's restores, verify's reads, the live copy of a
     * diff, the demo): $TMPDIR when set, as the window does, else the JVM's temp directory.
     */
    java.nio.file.Path tempRoot() {
        String t = env.apply("TMPDIR");
        return t != null && !t.isBlank() ? java.nio.file.Path.of(t) : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * As litestream: "help" is --help, "help COMMAND" is COMMAND --help; "help NOT_A_COMMAND" is that word
     * alone, so it fails as an unknown command does.
     */
    static String[] helpArgs(String[] typed) {
        if (typed.length == 0 || !typed[0].equals("help")) {
            return typed;
        }
        if (typed.length == 1) {
            return new String[] {"--help"};
        }
        boolean command = COMMANDS.stream().anyMatch(c -> name(c).equals(typed[1]));
        return command || typed[1].startsWith("-") ? new String[] {typed[1], "--help"} : new String[] {typed[1]};
    }

    /**
     * One line: for a mistyped command or option, what was typed and what was meant; else picocli's message
     * (without its own "Error: " prefix) and where the usage is.
     */
    static String parameterError(CommandLine.ParameterException ex) {
        CommandLine at = ex.getCommandLine();
        String usage = "run '" + at.getCommandSpec().qualifiedName() + " -h' for usage";
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String typed = u.getUnmatched().get(0);
            if (at.getParent() == null && !typed.startsWith("-") && !at.getSubcommands().isEmpty()) {
                return "unknown command '" + typed + "'" + suggestion(DidYouMean.closest(typed, at.getSubcommands().keySet()));
            }
            if (typed.startsWith("-")) {
                List<String> names = at.getCommandSpec().options().stream().flatMap(o -> List.of(o.names()).stream()).toList();
                List<String> meant = DidYouMean.closest(typed.split("=", 2)[0], names);
                return "unknown option '" + typed + "'" + (meant.isEmpty()
                        ? " (" + at.getCommandSpec().name() + " has no such option; " + usage + ")" : suggestion(meant));
            }
        }
        String m = oneLine(ex).replaceFirst("^Error: ", "");
        return m + " (" + usage + ")";
    }

    private static String suggestion(List<String> meant) {
        return meant.isEmpty() ? "" : ": did you mean " + String.join(" or ", meant) + "?";
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /**
     * One line for a Throwable no command handled: what failed and what to do. Out of memory names the heap
     * limit and how to raise it; anything else is an internal error, with -v for the stack.
     */
    public static String fatal(Throwable t, String[] args) {
        String what = args.length > 0 && !args[0].startsWith("-") ? args[0] : "litestream-console";
        if (t instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory();
            return what + " ran out of memory (" + (t.getMessage() == null ? "OutOfMemoryError" : t.getMessage())
                    + (max == Long.MAX_VALUE ? "" : ", heap limit " + (max >> 20) + " MB") + "): raise the limit, e.g. "
                    + "JAVA_TOOL_OPTIONS=-Xmx2g, and run it again (a push writes all or nothing; -v prints the stack)";
        }
        return what + " failed with an internal error: " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + oneLine(t)) + " (-v prints the stack; please report it)";
    }

    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        if (ex instanceof CancellationException) {
            m = "cancelled; no output was written";
        }
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    private static volatile boolean verbose;

    static void setVerbose(boolean on) {
        verbose = on;
        if (LoggerFactory.getLogger("dev.lsconsole") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(on ? Level.INFO : Level.WARN);
        }
        // its failures to copy the native library come back as one error line (RestoreEngine.requireSqlite)
        if (LoggerFactory.getLogger("org.sqlite.SQLiteJDBCLoader") instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(on ? Level.WARN : Level.OFF);
        }
    }

    /**
     * The version of this build: an installed package's (its launcher passes jpackage's
     * {@code -Djpackage.app-version}, the POM version without {@code -SNAPSHOT}), else the POM's.
     */
    public static String version() {
        return version(System.getProperty("jpackage.app-version"), pomVersion());
    }

    static String version(String packaged, String pom) {
        return packaged != null && !packaged.isBlank() ? packaged : pom;
    }

    private static String pomVersion() {
        Properties p = new Properties();
        try (InputStream in = Cli.class.getResourceAsStream("/dev/lsconsole/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException ignored) {
            // no version file: development build
        }
        return p.getProperty("version", "(development build)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"litestream-console " + version()
                + " (reads litestream v0.3.13 replicas and v0.5 LTX replicas)"};
        }
    }
}
