package dev.lsconsole.timetravel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.TempFolders;
import dev.lsconsole.testing.ForkedJvm;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A walk owned by {@link TempFolders} (the window's time travel) leaves no working copy in $TMPDIR when its
 * real process is ended by SIGTERM mid-walk; one killed outright leaves it to the next start's sweep.
 */
class WalkSigtermTest {
    @TempDir
    Path root;

    @Test
    void sigtermMidWalkDeletesTheWorkingCopy() throws Exception {
        Process p = holder();
        Path db = workingCopyOf(p);
        assertThat(db).exists();
        assertThat(db.getParent().getFileName().toString()).startsWith("lsc-timetravel-");
        p.destroy(); // SIGTERM on Linux
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.getParent()).doesNotExist();
        assertThat(root.resolve("demo")).as("only the walk's own folder goes").exists();
    }

    @Test
    void aKilledWalksWorkingCopyIsSweptAtTheNextStart() throws Exception {
        Process p = holder();
        Path db = workingCopyOf(p);
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(db.getParent()).exists();
        assertThat(new TempFolders(root).sweep()).containsExactly(db.getParent());
        assertThat(root.resolve("demo")).exists();
    }

    private Process holder() throws Exception {
        return ForkedJvm.start(WalkHolder.class, root.toString());
    }

    private static Path workingCopyOf(Process p) throws Exception {
        String line = ForkedJvm.firstLine(p);
        assertThat(line).as("the walk reached its first restore point").isNotNull();
        return Path.of(line);
    }
}
