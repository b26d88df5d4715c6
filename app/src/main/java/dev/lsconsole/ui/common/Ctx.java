package dev.lsconsole.ui.common;

import dev.lsconsole.AppDirs;
import dev.lsconsole.ui.error.ErrorDialog;
import dev.lsconsole.ui.settings.SettingsStore;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * What the views share: the environment (for config expansion and credentials), the job runner, the
 * activity log, settings, where undo scripts go, and the one way to show an error.
 */
public final class Ctx {
    public final Function<String, String> env;
    public final Activity activity = new Activity();
    public final Jobs jobs;
    public final SettingsStore settings;
    public final Path dataDir;
    public final Path logFile;
    /** The restored copies' temp folders: deleted at exit (SIGTERM too) unless kept. */
    public final dev.lsconsole.TempFolders temps;
    public final FxWatchdog watchdog = new FxWatchdog();
    private final Supplier<Window> window;

    public Ctx(Function<String, String> env, SettingsStore settings, Path logFile, Supplier<Window> window) {
        this.env = env;
        this.settings = settings;
        this.dataDir = AppDirs.data(env);
        this.logFile = logFile;
        this.temps = new dev.lsconsole.TempFolders(tempDir());
        this.window = window;
        this.jobs = new Jobs(activity, t -> showError("Litestream Console", t));
    }

    private Runnable pushesChanged = () -> { };

    /** Called after a push or an undo wrote to the audit log (the main window reloads its history). */
    public void pushesChanged() {
        pushesChanged.run();
    }

    public void setOnPushesChanged(Runnable r) {
        pushesChanged = r;
    }

    /** Views that show live data: weakly held, so a closed view is dropped without unregistering. */
    private final java.util.List<java.lang.ref.WeakReference<java.util.function.Consumer<String>>> liveWatchers =
            new java.util.ArrayList<>();

    /**
     * Registers a view to hear of writes to a live database; the view keeps {@code watcher} in a field
     * (it is held weakly here). Call on the FX thread.
     */
    public void watchLive(java.util.function.Consumer<String> watcher) {
        liveWatchers.add(new java.lang.ref.WeakReference<>(watcher));
    }

    /** Tells the views that {@code target} (a live address) was written, by a push or an undo (FX thread). */
    public void liveWritten(String target) {
        liveWatchers.removeIf(r -> r.get() == null);
        for (var r : java.util.List.copyOf(liveWatchers)) {
            var w = r.get();
            if (w != null) {
                w.accept(target);
            }
        }
    }

    /** Where restores go by default: $TMPDIR if set, else the JVM's temp directory. */
    public Path tempDir() {
        String t = env.apply("TMPDIR");
        return t != null && !t.isBlank() ? Path.of(t) : Path.of(System.getProperty("java.io.tmpdir"));
    }

    public Window window() {
        return window.get();
    }

    /**
     * Opens a folder (or file) with the desktop's application, off the FX thread; when the desktop
     * cannot, a message says so and the path is put on the clipboard.
     */
    public void open(Path file) {
        jobs.job(c -> DesktopOpener.open(file)).onSuccess(why -> {
            if (why != null) {
                javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
                c.putString(file.toString());
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
                javafx.scene.control.Alert a = new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.INFORMATION, why + ". The path is on the clipboard.");
                a.initOwner(window());
                ChildWindows.centerOnOwner(a);
                a.setHeaderText(file.toString());
                a.show();
            }
        }).start();
    }

    /** Shows the error window (on the FX thread) for a failure during {@code context}. */
    public void showError(String context, Throwable t) {
        ErrorDialog.create(window(), context, t, logFile).show();
    }
}
