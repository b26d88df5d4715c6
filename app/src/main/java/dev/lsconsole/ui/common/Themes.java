package dev.lsconsole.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.lsconsole.ui.settings.Settings;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;

/** AtlantaFX Primer light or dark; AUTO follows the desktop's colour scheme where it can be read. */
public final class Themes {
    private Themes() {
    }

    public static boolean isDark(Settings.Theme theme) {
        return switch (theme) {
            case LIGHT -> false;
            case DARK -> true;
            case AUTO -> osPrefersDark();
        };
    }

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** GNOME's color-scheme, macOS's AppleInterfaceStyle, Windows' AppsUseLightTheme; light when unknown. */
    static boolean osPrefersDark() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String gtk = System.getenv("GTK_THEME");
        if (gtk != null && gtk.toLowerCase(java.util.Locale.ROOT).contains("dark")) {
            return true;
        }
        if (os.contains("mac")) {
            return ask(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).contains("Dark");
        }
        if (os.contains("win")) {
            return ask(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")).matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0.*");
        }
        return ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).contains("dark");
    }

    private static String ask(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
