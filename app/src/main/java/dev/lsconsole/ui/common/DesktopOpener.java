package dev.lsconsole.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens a folder or file with the desktop's own application: xdg-open on Linux, open on macOS,
 * explorer on Windows, run as an argument list (never through a shell). Returns why it could not.
 */
public final class DesktopOpener {
    private DesktopOpener() {
    }

    /** Null when the desktop took it, else a sentence saying why not. */
    public static String open(Path path) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> argv = os.contains("win") ? List.of("explorer", path.toString())
                : os.contains("mac") ? List.of("open", path.toString()) : List.of("xdg-open", path.toString());
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                return null; // still starting the application: it took it
            }
            return p.exitValue() == 0 || os.contains("win") ? null
                    : argv.get(0) + " could not open " + path + " (exit " + p.exitValue() + ")";
        } catch (java.io.IOException e) {
            return "no " + argv.get(0) + " on this machine to open " + path;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while opening " + path;
        }
    }
}
