package dev.lsconsole.ui.common;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how long the FX thread takes to answer (every 100 ms, one runLater): the longest stall is
 * kept, and a stall over {@value #REPORT_MS} ms is logged with what the FX thread was doing.
 */
public final class FxWatchdog {
    static final long REPORT_MS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(FxWatchdog.class);
    private final AtomicLong maxStallMs = new AtomicLong();
    private volatile boolean running = true;
    private volatile Thread fxThread;

    public FxWatchdog() {
        Platform.runLater(() -> fxThread = Thread.currentThread());
        Thread t = new Thread(this::loop, "fx-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private void loop() {
        try {
            while (running) {
                long t0 = System.nanoTime();
                CountDownLatch answered = new CountDownLatch(1);
                Platform.runLater(answered::countDown);
                String stack = null;
                if (!answered.await(REPORT_MS, TimeUnit.MILLISECONDS) && fxThread != null) {
                    stack = Arrays.stream(fxThread.getStackTrace()).limit(12).map(String::valueOf)
                            .collect(Collectors.joining(" <- "));
                }
                if (!answered.await(30, TimeUnit.SECONDS)) {
                    LOG.warn("FX thread has not answered for 30 s: {}", stack);
                    continue;
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                maxStallMs.accumulateAndGet(ms, Math::max);
                if (stack != null) {
                    LOG.warn("FX thread stalled {} ms in {}", ms, stack);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The longest time the FX thread took to run a queued task since start. */
    public long maxStallMs() {
        return maxStallMs.get();
    }

    public void stop() {
        running = false;
    }
}
