package dev.lsconsole;

import java.nio.file.Path;
import java.util.function.Function;

/** Where the tool keeps its own files: undo scripts and the audit log (data), settings (config). */
public final class AppDirs {
    private AppDirs() {
    }

    /** $XDG_DATA_HOME/litestream-console, ~/Library/Application Support/… on macOS, %APPDATA%\… on Windows. */
    public static Path data(Function<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Litestream Console");
        }
        if (os.contains("win")) {
            String appData = env.apply("APPDATA");
            return Path.of(appData == null ? home : appData, "Litestream Console");
        }
        String xdg = env.apply("XDG_DATA_HOME");
        return (xdg == null || xdg.isEmpty() ? Path.of(home, ".local", "share") : Path.of(xdg)).resolve("litestream-console");
    }

    /** $XDG_CONFIG_HOME/litestream-console (settings; never secrets), the data directory on macOS and Windows. */
    public static Path config(Function<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("mac") || os.contains("win")) {
            return data(env);
        }
        String xdg = env.apply("XDG_CONFIG_HOME");
        return (xdg == null || xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg))
                .resolve("litestream-console");
    }
}
