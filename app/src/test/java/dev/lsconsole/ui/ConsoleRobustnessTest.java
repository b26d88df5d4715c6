package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.ui.common.Activity;
import dev.lsconsole.ui.common.Jobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.control.DialogPane;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;

/**
 * The UI layer under pressure: a slow answer for a selection the user already left, a bug nobody caught,
 * a restore that fails, and quitting with temporary copies open.
 */
class ConsoleRobustnessTest extends ConsoleHarness {

    @Test
    void theNewestRequestWinsAndTheOlderOneIsCancelled() throws Exception {
        Jobs jobs = new Jobs(new Activity(), t -> { });
        Jobs.Slot slot = new Jobs.Slot();
        List<String> shown = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Task<?>[] tasks = new Task<?>[2];
        boolean[] cancelledInCore = new boolean[1];
        interact(() -> {
            tasks[0] = jobs.<String>job(c -> {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // Task.cancel interrupts the worker too; the core sees the token
                }
                cancelledInCore[0] = c.cancellation().isCancelled();
                return "A";
            }).in(slot).onSuccess(shown::add).start();
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        interact(() -> tasks[1] = jobs.<String>job(c -> "B").in(slot).onSuccess(shown::add).start());
        waitUntil(() -> tasks[1].isDone());
        release.countDown();
        waitUntil(() -> tasks[0].isDone());
        assertThat(shown).containsExactly("B");
        assertThat(cancelledInCore[0]).as("the older job's cancellation token").isTrue();
        jobs.shutdown();
    }

    @Test
    void anExceptionNobodyCaughtShowsTheErrorWindow() throws Exception {
        Platform.runLater(() -> {
            throw new IllegalStateException("a bug nobody caught");
        });
        DialogPane d = errorDialog();
        assertThat(d.getHeaderText() + d.getContentText() + ((javafx.scene.control.TextArea) d.getExpandableContent()
                .lookup(".text-area")).getText()).contains("a bug nobody caught");
    }

    @Test
    void aFailedRestoreLeavesNoTempFolder() throws Exception {
        clickOn("#open-demo");
        waitUntil(() -> window.timeline().chosen() != null);
        DemoWorkspace demo = window.demo();
        try (Stream<Path> s = Files.walk(demo.replica())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".wal.lz4")).toList()) {
                Files.delete(p); // the bucket lost its WAL since it was listed
            }
        }
        clickOn("#restore-button");
        errorDialog();
        Path tmpRoot = tmp.resolve("tmp");
        try (Stream<Path> s = Files.exists(tmpRoot) ? Files.list(tmpRoot) : Stream.empty()) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("lsc-restore-")).toList()).isEmpty();
        }
    }

    @Test
    void quittingWithTemporaryCopiesAsksAndCanKeepThem() throws Exception {
        clickOn("#open-demo");
        waitUntil(() -> window.timeline().chosen() != null);
        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        Path restored = Path.of(lookup("#restored-path").queryAs(javafx.scene.control.Label.class).getText());
        assertThat(window.ctx().temps.owned()).as("deleted at exit, SIGTERM too, unless kept (the demo copy too)")
                .containsExactlyInAnyOrder(restored.getParent(), window.demo().dir());
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(() -> lookup("#close-confirm").tryQuery().isPresent());
        assertThat(lookup("#close-confirm").queryAs(DialogPane.class).getContentText()).contains(restored.toString());
        clickOn("#close-keep");
        waitUntil(() -> lookup("#close-confirm").tryQuery().isEmpty());
        interact(() -> window.close());
        assertThat(restored).exists();
        assertThat(window.ctx().temps.owned()).as("a kept copy is no longer ours to delete").isEmpty();
        assertThat(restored.resolveSibling(dev.lsconsole.TempFolders.OWNER)).as("no later sweep deletes it").doesNotExist();
    }
}
