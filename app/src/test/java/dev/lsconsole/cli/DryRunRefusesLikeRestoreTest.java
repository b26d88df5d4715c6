package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.ReplicaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run answers as the real run would where it can without reading objects: an output that already exists
 * (given with -o, or the config's database path when -o is missing) fails with the same line and exit code.
 * Otherwise it stays a listing, and says that it read no snapshot or segment.
 */
class DryRunRefusesLikeRestoreTest {
    @TempDir
    Path tmp;

    @Test
    void existingOutputFailsAsTheRealRunDoes() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        Path out = tmp.resolve("existing.db");
        Files.writeString(out, "precious");
        assertSameFailure(fx.env, List.of("-o", out.toString(), fx.fileReplica.toUri().toString()),
                "output path already exists: " + out);
        assertThat(Files.readString(out)).isEqualTo("precious");
    }

    @Test
    void configDatabaseThatExistsFailsAsTheRealRunDoes() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        assertThat(fx.db).as("the fixture's database is still there").exists();
        long size = Files.size(fx.db);
        assertSameFailure(fx.env, List.of("-config", fx.config.toString(), fx.db.toString()),
                "output path already exists: " + fx.db);
        assertThat(Files.size(fx.db)).isEqualTo(size);
    }

    @Test
    void otherwiseAListingThatSaysItReadNoObject() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        Path out = tmp.resolve("new.db");
        CliRun.Result r = CliRun.run(fx.env, "restore", "--dry-run", "-o", out.toString(),
                fx.fileReplica.toUri().toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsOnlyOnce("checked:     the listing only");
        assertThat(out).doesNotExist();
    }

    private static void assertSameFailure(Map<String, String> env, List<String> args, String message) {
        List<String> real = new ArrayList<>(List.of("restore"));
        real.addAll(args);
        List<String> dry = new ArrayList<>(List.of("restore", "--dry-run"));
        dry.addAll(args);
        CliRun.Result restore = CliRun.run(env, real.toArray(String[]::new));
        CliRun.Result dryRun = CliRun.run(env, dry.toArray(String[]::new));
        assertThat(restore.exit()).as(restore.stderr()).isEqualTo(1);
        assertThat(restore.stderr()).contains(message);
        assertThat(dryRun.exit()).as(dryRun.stdout() + dryRun.stderr()).isEqualTo(restore.exit());
        assertThat(dryRun.stderr()).isEqualTo(restore.stderr());
        assertThat(dryRun.stdout()).as("no plan printed").isEmpty();
    }
}
