package dev.lsconsole;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restored copies do not pile up in $TMPDIR: a real process that owns a folder (a real lock) is ended
 * by SIGTERM and its folder goes; one killed outright (no shutdown hook) leaves it, and the next
 * start's sweep deletes it, while a running instance's folder and a kept one stay.
 */
class TempFoldersTest {
    @TempDir
    Path root;

    @Test
    void sigtermDeletesTheFolder() throws Exception {
        Process p = holder();
        Path dir = folderOf(p);
        assertThat(dir.resolve("copy.db")).exists();
        p.destroy(); // SIGTERM on Linux
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(dir).doesNotExist();
    }

    @Test
    void sweepDeletesOnlyTheFoldersOfEndedProcesses() throws Exception {
        Process killed = holder();
        Path dead = folderOf(killed);
        killed.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(dead).as("left by a killed process").exists();
        Process running = holder();
        try {
            Path alive = folderOf(running);
            TempFolders mine = new TempFolders(root);
            Path own = mine.create("lsc-restore-");
            Path kept = mine.create("lsc-restore-");
            mine.release(kept);
            Path notOurs = Files.createDirectories(root.resolve("lsc-restore-other"));

            assertThat(mine.sweep()).containsExactly(dead);
            assertThat(dead).doesNotExist();
            assertThat(alive.resolve("copy.db")).as("another running instance's folder").exists();
            assertThat(own).as("this process's own folder").exists();
            assertThat(kept).as("a kept folder").exists();
            assertThat(notOurs).as("a folder without a lock file").exists();
            assertThat(new TempFolders(root).sweep()).as("own folders still locked after the sweep").isEmpty();

            mine.deleteAll();
            assertThat(own).doesNotExist();
            assertThat(kept).as("kept folders are never deleted").exists();
        } finally {
            running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process holder() throws Exception {
        return ForkedJvm.start(TempFolderHolder.class, root.toString());
    }

    private static Path folderOf(Process p) throws Exception {
        String line = ForkedJvm.firstLine(p);
        assertThat(line).as("the holder printed its folder").isNotNull();
        return Path.of(line);
    }
}
