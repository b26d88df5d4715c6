package dev.lsconsole.ui;

import dev.lsconsole.AppDirs;
import dev.lsconsole.LogSetup;
import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.config.ReplicaUrl;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Themes;
import dev.lsconsole.ui.mainwindow.MainWindow;
import dev.lsconsole.ui.settings.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop console. Started by {@code litestream-console} with no command (or {@code gui}); opens the
 * config or replica URL given, else the demo workspace.
 */
public final class ConsoleApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);
    private static final String WANTED_SIZE = "lsc.wantedSize";
    private MainWindow window;
    private Ctx ctx;

    /** Builds the window for {@code stage}: theme, settings, the main window, and what to open first. */
    public static MainWindow create(Stage stage, Function<String, String> env, Path settingsFile, Path logFile) {
        SettingsStore settings = new SettingsStore(settingsFile);
        Themes.apply(Themes.isDark(settings.settings().theme));
        Ctx ctx = new Ctx(env, settings, logFile, () -> stage);
        dev.lsconsole.ui.error.UncaughtErrors.install(ctx);
        MainWindow w = new MainWindow(ctx);
        double[] size = windowSize(settings.settings().windowWidth, settings.settings().windowHeight);
        Scene scene = new Scene(w, size[0], size[1]);
        scene.getStylesheets().add(ConsoleApp.class.getResource("console.css").toExternalForm());
        w.installShortcuts(scene);
        stage.setScene(scene);
        // Explicit bounds: some window managers (openbox) otherwise open a JavaFX stage at 200x200.
        stage.setMinWidth(Math.min(800, size[0]));
        stage.setMinHeight(Math.min(560, size[1]));
        stage.setWidth(size[0]);
        stage.setHeight(size[1]);
        stage.getProperties().put(WANTED_SIZE, size);
        stage.centerOnScreen();
        stage.setTitle("Litestream Console");
        var icon = ConsoleApp.class.getResourceAsStream("icon-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        warmUp();
        stage.setOnCloseRequest(e -> {
            if (!w.confirmClose()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> {
            settings.settings().windowWidth = stage.getWidth();
            settings.settings().windowHeight = stage.getHeight();
            settings.saveNow();
            w.close();
            ctx.jobs.shutdown();
        });
        return w;
    }

    /**
     * Sets the size once more after the window is mapped: under some window managers (openbox) GTK
     * reports a tiny size back at first, and JavaFX would keep it.
     */
    static void reassertSize(Stage stage) {
        if (!(stage.getProperties().get(WANTED_SIZE) instanceof double[] size)) {
            return;
        }
        double wantW = size[0];
        double wantH = size[1];
        Platform.runLater(() -> {
            if (Math.abs(stage.getWidth() - wantW) > 2 || Math.abs(stage.getHeight() - wantH) > 2) {
                stage.setWidth(wantW);
                stage.setHeight(wantH);
                stage.centerOnScreen();
            }
        });
    }

    /** The saved window size, or 90 % of the screen (1280x820 to 1600x1000), fitted to the screen's usable area (never larger, never tiny). */
    static double[] windowSize(double savedW, double savedH) {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = savedW >= 640 ? savedW : Math.min(1600, Math.max(1280, screen.getWidth() * 0.9));
        double h = savedH >= 480 ? savedH : Math.min(1000, Math.max(820, screen.getHeight() * 0.9));
        return new double[] {Math.min(w, screen.getWidth()), Math.min(h, screen.getHeight())};
    }

    /**
     * Loads the SQL editor's classes (RichTextFX, ReactFX: ~0.4 s the first time) on a background thread,
     * so the first restored-database tab does not stall the FX thread. A detached node may be built off it.
     */
    private static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                org.fxmisc.richtext.CodeArea area = new org.fxmisc.richtext.CodeArea();
                area.replaceText("SELECT 1;");
                area.setStyleSpans(0, dev.lsconsole.ui.inspect.SqlConsole.highlight("SELECT 1;"));
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("warm-up skipped: {}", e.toString());
            }
        }, "ui-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void start(Stage stage) {
        Function<String, String> env = launchEnv;
        Path logFile = AppDirs.logFile(env);
        LogSetup.addFile(logFile);
        window = create(stage, env, AppDirs.config(env).resolve("settings.json"), logFile);
        sweepLeftovers(window);
        List<String> args = getParameters().getRaw();
        String config = option(args, "--config");
        String url = args.stream().filter(ReplicaUrl::isUrl).findFirst().orElse(null);
        if (config != null) {
            window.openConfig(config);
        } else if (url != null) {
            window.openReplica(ReplicaConfig.ofUrl(url));
        } else {
            window.openDemo();
        }
        stage.show();
        reassertSize(stage);
        LOG.info("first window shown {} ms after the JVM started",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        if (Boolean.getBoolean("lsconsole.exitAfterShow")) {
            Platform.runLater(Platform::exit);
        }
    }

    /** Deletes restored copies left by sessions that were killed (their lock is free), off the FX thread. */
    private static void sweepLeftovers(MainWindow w) {
        Thread t = new Thread(() -> w.ctx().temps.sweep(), "temp-sweep");
        t.setDaemon(true);
        t.start();
    }

    private static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (args.get(i).startsWith(name + "=")) {
                return args.get(i).substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The environment Main was given (JavaFX constructs the Application itself, so it comes through here). */
    private static volatile Function<String, String> launchEnv = System::getenv;

    /** Runs the console with the environment {@code env} (blocks until its window closes). */
    public static void run(String[] args, Function<String, String> env) {
        launchEnv = env;
        Application.launch(ConsoleApp.class, args);
    }
}
