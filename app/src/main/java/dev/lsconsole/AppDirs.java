package dev.lsconsole;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where the tool keeps its own files: undo scripts, the audit log and the console's log (data), settings
 * (config). On Linux they follow the environment it is given, as any program's do: the XDG base
 * directories, else $HOME (Java's user.home comes from the password file, so HOME=/tmp/x would be
 * ignored), and user.home only when HOME is unset. macOS and Windows use their app-data folders.
 */
public final class AppDirs {
    private static final String NAME = "litestream-console";

    private AppDirs() {
    }

    /** $XDG_DATA_HOME/litestream-console, ~/Library/Application Support/… on macOS, %APPDATA%\… on Windows. */
    public static Path data(Function<String, String> env) {
        String os = os();
        String home = home(env);
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Litestream Console");
        }
        if (os.contains("win")) {
            String appData = env.apply("APPDATA");
            return Path.of(appData == null ? home : appData, "Litestream Console");
        }
        return xdg(env, "XDG_DATA_HOME", Path.of(home, ".local", "share")).resolve(NAME);
    }

    /** $XDG_CONFIG_HOME/litestream-console (settings; never secrets), the data directory on macOS and Windows. */
    public static Path config(Function<String, String> env) {
        String os = os();
        if (os.contains("mac") || os.contains("win")) {
            return data(env);
        }
        return xdg(env, "XDG_CONFIG_HOME", Path.of(home(env), ".config")).resolve(NAME);
    }

    /** The desktop console's log: logs/console.log in the data directory. */
    public static Path logFile(Function<String, String> env) {
        return data(env).resolve("logs").resolve("console.log");
    }

    /** $HOME as the shell has it; the account's home directory only when it is unset or empty. */
    public static String home(Function<String, String> env) {
        String home = env.apply("HOME");
        return home == null || home.isEmpty() ? System.getProperty("user.home") : home;
    }

    /** An XDG base directory: the variable when it holds an absolute path (the spec ignores others), else the default. */
    private static Path xdg(Function<String, String> env, String variable, Path otherwise) {
        String v = env.apply(variable);
        return v != null && !v.isEmpty() && Path.of(v).isAbsolute() ? Path.of(v) : otherwise;
    }

    private static String os() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    }
}
