package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.TempFolders;
import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.ui.common.Fmt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

/**
 * The window's other temp folders are owned like restored copies ({@link TempFolders}: deleted at exit,
 * SIGTERM too, swept at the next start once their process is gone): the demo copy, time travel's working
 * copies and Verify's working folder. While a walk or a verify runs, its folder in $TMPDIR is watched
 * from another thread: each one seen must be one the window owns.
 */
class WorkingFoldersOwnedTest extends ConsoleHarness {

    @Test
    void theDemoCopyIsOwnedAndAFreshOneReplacesIt() throws Exception {
        DemoWorkspace first = openDemo();
        assertThat(first.dir().getParent()).as("in the window's $TMPDIR").isEqualTo(tmp.resolve("tmp"));
        assertThat(window.ctx().temps.owned()).containsExactly(first.dir());
        assertThat(first.dir().resolve(TempFolders.OWNER)).exists();
        interact(() -> window.openDemo());
        waitUntil(() -> window.demo() != first);
        assertThat(window.ctx().temps.owned()).containsExactly(window.demo().dir());
        assertThat(first.dir()).doesNotExist();
    }

    @Test
    void timeTravelWorkingCopiesAreOwnedWhileTheWalkRuns() throws Exception {
        DemoWorkspace demo = openDemo();
        Watch watch = new Watch(tmp.resolve("tmp"), "lsc-timetravel-");
        watch.start();
        clickOn("#changes-button");
        waitUntil(() -> lookup("#changes-dialog").tryQuery().isPresent());
        interact(() -> lookup("#changes-from").queryAs(TextField.class).setText(Fmt.time(demo.accident().minusMillis(1500))));
        interact(() -> lookup("#changes-to").queryAs(TextField.class).setText(Fmt.time(demo.accident().plusMillis(1500))));
        interact(() -> ((javafx.scene.control.Button) lookup("#changes-dialog").queryAs(DialogPane.class)
                .lookupButton(ButtonType.OK)).fire());
        waitUntil(() -> lookup("#tt-changes-diff").tryQuery().isPresent());
        watch.stop();
        assertThat(watch.seen).as("a working copy was made").isNotEmpty();
        assertThat(watch.owned).as("working copies owned by the window").isNotEmpty();
        assertThat(watch.unowned).as("a working copy with files that the window did not own").isEmpty();
        assertThat(watch.folders()).as("and deleted after the walk").isEmpty();
    }

    @Test
    void theLiveCopyADiffReadsIsInTheWindowsTmpdir() throws Exception {
        DemoWorkspace demo = openDemo();
        restoreBeforeAccidentAndCompare(demo);
        try (Stream<Path> s = Files.list(tmp.resolve("tmp"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lsc-live-")).toList())
                    .as("the compared copy of live, under $TMPDIR").hasSize(1);
        }
    }

    @Test
    void closingATabWhileItComparesLeavesNoCopyOfLive() throws Exception {
        openDemo();
        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        clickOn("Diff & push");
        // kept, so closing the tab leaves the restored file and the compare can finish after the tab is gone
        interact(() -> lookup("#restored-view").queryAs(dev.lsconsole.ui.inspect.RestoredView.class).keep());
        // in one FX event: the compare starts, then the tab closes (Ctrl+W); its result can only come after
        interact(() -> {
            lookup("#compare-button").queryAs(javafx.scene.control.Button.class).fire();
            stage.getScene().getAccelerators().get(new javafx.scene.input.KeyCodeCombination(
                    javafx.scene.input.KeyCode.W, javafx.scene.input.KeyCombination.SHORTCUT_DOWN)).run();
        });
        waitUntil(() -> window.tabTitles().size() == 1);
        Thread.sleep(2000); // the compare of the demo takes well under a second
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> {
            try (Stream<Path> s = Files.list(tmp.resolve("tmp"))) {
                return s.noneMatch(p -> p.getFileName().toString().startsWith("lsc-live-"));
            }
        });
    }

    @Test
    void verifyWorkingFolderIsOwnedWhileItRuns() throws Exception {
        openDemo();
        Watch watch = new Watch(tmp.resolve("tmp"), "lsc-verify-");
        watch.start();
        clickOn("#health-button");
        waitUntil(() -> lookup("#health-status").tryQuery().isPresent()
                && !lookup("#health-status").queryAs(Label.class).getText().isEmpty()
                && !lookup("#health-status").queryAs(Label.class).getText().endsWith("…"));
        clickOn("#health-verify");
        waitUntil(() -> !watch.seen.isEmpty() && watch.folders().isEmpty()
                && !lookup("#health-status").queryAs(Label.class).getText().endsWith("…"));
        watch.stop();
        assertThat(watch.seen).as("a verify folder was made").isNotEmpty();
        assertThat(watch.owned).as("verify folders owned by the window").isNotEmpty();
        assertThat(watch.unowned).as("a verify folder with files that the window did not own").isEmpty();
        assertThat(watch.folders()).as("and deleted after the verify").isEmpty();
    }

    /** Lists $TMPDIR in a tight loop: the folders with the prefix seen, and those seen owned by the window. */
    private final class Watch {
        final Set<Path> seen = ConcurrentHashMap.newKeySet();
        final Set<Path> owned = ConcurrentHashMap.newKeySet();
        /** Seen with files in it and no lock file, while the window did not list it as its own. */
        final Set<Path> unowned = ConcurrentHashMap.newKeySet();
        private final Path root;
        private final String prefix;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        Watch(Path root, String prefix) {
            this.root = root;
            this.prefix = prefix;
        }

        void start() {
            thread = new Thread(() -> {
                long end = System.nanoTime() + 120_000_000_000L;
                while (running.get() && System.nanoTime() < end) {
                    // owned before or after the listing: a folder made, or deleted, while the folder is
                    // listed is owned at one of the two moments (it is owned from creation until gone)
                    Set<Path> before = Set.copyOf(window.ctx().temps.owned());
                    java.util.List<Path> listed = folders();
                    Set<Path> after = Set.copyOf(window.ctx().temps.owned());
                    for (Path p : listed) {
                        seen.add(p);
                        if (before.contains(p) || after.contains(p)) {
                            owned.add(p);
                        } else if (hasContent(p)) { // content, then no lock file, then content still
                            if (hasOwnerFile(p)) {
                                owned.add(p);
                            } else if (hasContent(p)) {
                                unowned.add(p); // not made by TempFolders
                            }
                        }
                    }
                    Thread.onSpinWait();
                }
            }, "watch-" + prefix);
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * TempFolders makes a folder's lock file (first under a staging name) before anything else is written
         * in it, and deletes it after everything else: while a folder of ours holds other files it holds one
         * of the two. (A descheduled watcher may miss the window's own list while a whole short walk step
         * comes and goes; the files tell it all the same.)
         */
        private boolean hasOwnerFile(Path p) {
            return Files.exists(p.resolve(dev.lsconsole.TempFolders.OWNER))
                    || Files.exists(p.resolve(dev.lsconsole.TempFolders.OWNER + ".new"));
        }

        /** Whether the folder holds anything besides its lock file. */
        private boolean hasContent(Path p) {
            try (Stream<Path> s = Files.list(p)) {
                return s.anyMatch(f -> !f.getFileName().toString().startsWith(dev.lsconsole.TempFolders.OWNER));
            } catch (java.io.IOException gone) {
                return false;
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }

        java.util.List<Path> folders() {
            if (!Files.isDirectory(root)) {
                return java.util.List.of();
            }
            try (Stream<Path> s = Files.list(root)) {
                return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            } catch (java.io.IOException e) {
                return java.util.List.of(); // listed while a folder went: next round
            }
        }
    }
}
