package dev.lsconsole.restore;

/**
 * A progress report: stored bytes fetched so far of the plan's total, and WAL indexes applied.
 * Sent from worker threads; listeners must be thread-safe and quick.
 */
public record RestoreProgress(Phase phase, long bytesFetched, long bytesTotal, int indexesApplied,
                              int indexesTotal) {
    public enum Phase { SNAPSHOT, WAL, VERIFY, DONE }

    public double fraction() {
        return bytesTotal <= 0 ? 0 : Math.min(1.0, (double) bytesFetched / bytesTotal);
    }

    @FunctionalInterface
    public interface Listener {
        void onProgress(RestoreProgress p);

        Listener NONE = p -> { };
    }
}
