package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.V05Fixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A -txid that is not one is refused in one line before anything is read; above all an empty one, which a
 * script with an unset variable passes and which must not quietly mean "the latest" (litestream v0.5.16
 * refuses it too: invalid value "" for flag -txid).
 */
class RestoreTxidArgsTest {
    @TempDir
    Path tmp;

    @Test
    void badTxidsAreRefusedInOneLine() {
        for (String bad : new String[] {"", "xyz", "0", "00000000000000000001", "-5"}) {
            CliRun.Result r = CliRun.run(Map.of(), "restore", "-txid", bad, "-o", tmp.resolve("out.db").toString(),
                    tmp.toUri().toString());
            assertThat(r.exit()).as("-txid '" + bad + "'").isEqualTo(1);
            assertThat(r.stderr().strip()).as("-txid '" + bad + "'").startsWith("error: invalid TXID").doesNotContain("\n");
            assertThat(tmp.resolve("out.db")).doesNotExist();
        }
        CliRun.Result both = CliRun.run(Map.of(), "restore", "-txid", "1a", "-timestamp", "2026-01-01T00:00:00Z", "-o",
                tmp.resolve("out.db").toString(), tmp.toUri().toString());
        assertThat(both.stderr()).contains("cannot specify both TXID & timestamp");
    }

    /** --dry-run of a replica URL needs no -o: it prints the plan and writes nothing (the fixture needs no Go). */
    @Test
    void dryRunOfAUrlNeedsNoOutput() throws Exception {
        Path replica = V05Fixture.materialize(tmp.resolve("fx"));
        CliRun.Result r = CliRun.run(Map.of(), "restore", "--dry-run", replica.toUri().toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("format:      litestream v0.5 (LTX)")
                .contains("output:      none (a dry run writes nothing)");
        try (var files = java.nio.file.Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("fx");
        }
    }
}
