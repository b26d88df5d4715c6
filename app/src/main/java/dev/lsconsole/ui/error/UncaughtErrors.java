package dev.lsconsole.ui.error;

import dev.lsconsole.ui.common.Ctx;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bug must not pass silently: an exception nobody caught, on the FX thread or any other, is logged and
 * shown in the error window (one at a time; a failure while showing it is only logged).
 */
public final class UncaughtErrors {
    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrors.class);
    private static final AtomicBoolean SHOWING = new AtomicBoolean();

    private UncaughtErrors() {
    }

    /** Installs the handler for every thread and for the FX thread (call on the FX thread). */
    public static void install(Ctx ctx) {
        Thread.UncaughtExceptionHandler h = (t, e) -> {
            LOG.error("uncaught exception in {}", t.getName(), e);
            if (Platform.isFxApplicationThread()) {
                show(ctx, e);
            } else {
                Platform.runLater(() -> show(ctx, e));
            }
        };
        Thread.setDefaultUncaughtExceptionHandler(h);
        Thread.currentThread().setUncaughtExceptionHandler(h);
    }

    private static void show(Ctx ctx, Throwable e) {
        if (!SHOWING.compareAndSet(false, true)) {
            return;
        }
        try {
            var dialog = ErrorDialog.create(ctx.window(), "An unexpected error in the console", e, ctx.logFile);
            dialog.setOnHidden(x -> SHOWING.set(false));
            dialog.show();
        } catch (RuntimeException | LinkageError again) {
            SHOWING.set(false);
            LOG.error("cannot show the error window", again);
        }
    }
}
