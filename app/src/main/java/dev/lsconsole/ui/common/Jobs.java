package dev.lsconsole.ui.common;

import dev.lsconsole.restore.Cancellation;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long work off the FX thread: a {@link Task} per job on a pool of daemon threads, with progress, a
 * cancellation token the core services check, and callbacks on the FX thread. Jobs given an activity
 * title are listed in the {@link Activity} log with their outcome. A view that loads in the background
 * gives its jobs a {@link Slot}: the newest request wins, an older one still running is cancelled and
 * its result dropped, never shown under the newer selection.
 */
public final class Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    /** What a job's work sees: its cancellation token and a way to report progress. */
    public interface Context {
        Cancellation cancellation();

        void progress(double fraction, String message);
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Context ctx) throws Exception;
    }

    /** One view's background request: starting a job in the slot supersedes the one before it. */
    public static final class Slot {
        private Task<?> current;

        boolean isCurrent(Task<?> t) {
            return current == t;
        }

        void take(Task<?> t) {
            Task<?> old = current;
            current = t;
            if (old != null && !old.isDone()) {
                old.cancel();
            }
        }
    }

    /** A job being built: {@code Jobs.job(work).onSuccess(..).onError(..).start()}. */
    public final class Builder<T> {
        private final Work<T> work;
        private Consumer<T> onSuccess = t -> { };
        private Consumer<Throwable> onError;
        private Runnable andFinally = () -> { };
        private String action;
        private String detail;
        private Function<T, String> summary = t -> null;
        private Function<T, Activity.Outcome> outcome = t -> Activity.Outcome.OK;
        private Slot slot;

        private Builder(Work<T> work) {
            this.work = work;
        }

        public Builder<T> onSuccess(Consumer<T> c) {
            onSuccess = c;
            return this;
        }

        public Builder<T> onError(Consumer<Throwable> c) {
            onError = c;
            return this;
        }

        public Builder<T> andFinally(Runnable r) {
            andFinally = r;
            return this;
        }

        /** Runs the job in {@code s}: a later job in the same slot cancels this one and drops its result. */
        public Builder<T> in(Slot s) {
            slot = s;
            return this;
        }

        /** Lists the job in the activity log as {@code action} on {@code detail}, ended by {@code summary}. */
        public Builder<T> logged(String action, String detail, Function<T, String> summary) {
            this.action = action;
            this.detail = detail;
            this.summary = summary;
            return this;
        }

        /** The logged outcome of a job that ended without an exception (default OK): e.g. a health verdict. */
        public Builder<T> outcome(Function<T, Activity.Outcome> f) {
            outcome = f;
            return this;
        }

        public Task<T> start() {
            Job<T> task = new Job<>(work);
            Activity.Entry entry = action == null ? null : activity.start(action, detail);
            task.setOnSucceeded(e -> {
                T value = task.getValue();
                if (entry != null) {
                    activity.finish(entry, outcome.apply(value), summary.apply(value));
                }
                if (superseded(task)) {
                    return;
                }
                andFinally.run();
                onSuccess.accept(value);
            });
            task.setOnFailed(e -> {
                Throwable t = task.getException();
                if (entry != null) {
                    activity.finish(entry, Activity.Outcome.FAILED, String.valueOf(t.getMessage()));
                }
                LOG.warn("{} failed: {}", action != null ? action : "job", t.toString(), t);
                if (superseded(task)) {
                    return;
                }
                andFinally.run();
                (onError != null ? onError : defaultError).accept(t);
            });
            task.setOnCancelled(e -> {
                if (entry != null) {
                    activity.finish(entry, Activity.Outcome.CANCELLED, "cancelled: " + detail);
                }
                if (superseded(task)) {
                    return;
                }
                andFinally.run();
            });
            if (slot != null) {
                slot.take(task);
            }
            pool.execute(task);
            return task;
        }

        private boolean superseded(Task<?> task) {
            if (slot == null || slot.isCurrent(task)) {
                return false;
            }
            LOG.debug("dropped the result of a superseded {}", action != null ? action : "job");
            return true;
        }
    }

    private static final class Job<T> extends Task<T> implements Context {
        private final Work<T> work;
        private final Cancellation cancellation = new Cancellation();

        Job(Work<T> work) {
            this.work = work;
        }

        /** The core's token first, so the worker, woken by the interrupt, already sees it cancelled. */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancellation.cancel();
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        protected T call() throws Exception {
            return work.run(this);
        }

        @Override
        public Cancellation cancellation() {
            return cancellation;
        }

        @Override
        public void progress(double fraction, String message) {
            updateProgress(fraction < 0 ? -1 : fraction, 1);
            if (message != null) {
                updateMessage(message);
            }
        }
    }

    private final Activity activity;
    private final Consumer<Throwable> defaultError;
    private final ExecutorService pool;

    public Jobs(Activity activity, Consumer<Throwable> defaultError) {
        this.activity = activity;
        this.defaultError = defaultError;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "job-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LOG.error("uncaught in {}", th.getName(), e));
            return t;
        });
    }

    public <T> Builder<T> job(Work<T> work) {
        return new Builder<>(work);
    }

    public void shutdown() {
        pool.shutdownNow();
    }
}
