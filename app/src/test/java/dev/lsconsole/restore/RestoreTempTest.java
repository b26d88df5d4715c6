package dev.lsconsole.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's rules within one JVM (RestoreKilledTest kills a real process): files of a stem whose lock nobody
 * holds go, all of them and nothing else; a stem this JVM holds stays; a temp file with no lock file is reported,
 * not deleted; another output's files and a longer stem that starts alike are not touched.
 */
class RestoreTempTest {
    @TempDir
    Path dir;

    @Test
    void removesOnlyTheFilesOfStemsNobodyHolds() throws Exception {
        Path out = dir.resolve("x.db");
        String[] deadFiles = {".x.db.abc.lock", ".x.db.abc.restoring", ".x.db.abc.restoring-journal", ".x.db.abc.3.ltx"};
        for (String f : deadFiles) {
            Files.write(dir.resolve(f), new byte[10]);
        }
        // .x.db.abcd starts like .x.db.abc: an earlier version's file (no lock file), never the abc sweep's
        String[] others = {".y.db.abc.lock", ".y.db.abc.restoring", "x.db-notes", ".x.db.abcd.restoring"};
        for (String f : others) {
            Files.write(dir.resolve(f), new byte[3]);
        }
        Files.write(dir.resolve(".x.db.fff.restoring"), new byte[5]); // an earlier version's: no lock file
        try (RestoreTemp held = RestoreTemp.claim(out)) {
            Files.write(held.restoring(), new byte[7]);
            Path heldLock = dir.resolve(held.stem() + ".lock");
            assertThat(heldLock).exists();

            RestoreTemp.Swept swept = RestoreTemp.sweep(out);

            assertThat(swept.removed()).containsExactly(dir.resolve(".x.db.abc.restoring"));
            assertThat(swept.bytes()).isEqualTo(10);
            assertThat(swept.unowned()).containsExactlyInAnyOrder(dir.resolve(".x.db.fff.restoring"),
                    dir.resolve(".x.db.abcd.restoring"));
            for (String f : deadFiles) {
                assertThat(dir.resolve(f)).doesNotExist();
            }
            for (String f : new String[] {".y.db.abc.lock", ".y.db.abc.restoring", "x.db-notes", ".x.db.fff.restoring",
                ".x.db.abcd.restoring"}) {
                assertThat(dir.resolve(f)).exists();
            }
            assertThat(held.restoring()).exists();
            assertThat(heldLock).exists();
        }
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".lock") && n.startsWith(".x.db.")))
                    .as("closing gives the stem up").isEmpty();
        }
    }

    /** An output name is a name, never a glob: {, [, * and ? in it neither break the sweep nor widen it. */
    @Test
    void outputNamesWithGlobCharactersAreJustNames() throws Exception {
        Files.write(dir.resolve(".other.db.abc.lock"), new byte[1]);
        Files.write(dir.resolve(".other.db.abc.restoring"), new byte[1]);
        for (String name : new String[] {"a{1.db", "x[1].db", "*.db", "q?.db"}) {
            Path out = dir.resolve(name);
            Path lock = dir.resolve("." + name + ".abc.lock");
            Path restoring = dir.resolve("." + name + ".abc.restoring");
            Files.write(lock, new byte[1]);
            Files.write(restoring, new byte[4]);

            RestoreTemp.Swept swept = RestoreTemp.sweep(out);

            assertThat(swept.removed()).as(name).containsExactly(restoring);
            assertThat(swept.bytes()).as(name).isEqualTo(4);
            assertThat(lock).as(name).doesNotExist();
            assertThat(dir.resolve(".other.db.abc.restoring")).as(name + ": another output's file").exists();
        }
    }
}
