package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.V05Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The v0.3-only commands on a replica that holds only litestream v0.5 LTX files (the committed fixture, no Go
 * needed): `generations`, `snapshots` and `wal` still print their empty table and exit 0, but say in one
 * stderr note that the replica holds v0.5 LTX files and to use `ltx`; `restore -generation`/`-index` (also -index
 * alone, which on a v0.3 replica says "must specify generation") fail with one line that says to restore with
 * -txid or -timestamp, leaving nothing behind.
 */
class V05OnlyV03CommandsTest {
    @TempDir
    Path tmp;
    private Path replica;
    private String url;

    @BeforeEach
    void materialize() throws Exception {
        replica = V05Fixture.materialize(tmp);
        url = replica.toUri().toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"generations", "snapshots", "wal"})
    void listingsSayToUseLtx(String command) {
        CliRun.Result r = CliRun.run(Map.of(), command, url);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines().count()).as("the empty table: its header only").isEqualTo(1);
        String note = r.stderr().strip();
        assertThat(note.lines().count()).as(note).isEqualTo(1);
        assertThat(note).startsWith("note: ").contains(replica.toString(), "litestream v0.5 LTX files", "`ltx");
    }

    @Test
    void listingsOfAnEmptyReplicaSayNothing() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (String command : List.of("generations", "snapshots", "wal")) {
            CliRun.Result r = CliRun.run(Map.of(), command, empty.toUri().toString());
            assertThat(r.exit()).isZero();
            assertThat(r.stderr()).as(command).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-generation 0123456789abcdef", "-generation 0123456789abcdef -index 1", "-index 1"})
    void restoreByGenerationOrIndexSaysToUseTxidOrTimestamp(String flags) throws Exception {
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        List<String> cmd = new ArrayList<>(List.of("restore", "-o", outDir.resolve("db").toString()));
        cmd.addAll(List.of(flags.split(" ")));
        cmd.add(url);
        CliRun.Result r = CliRun.run(Map.of(), cmd.toArray(String[]::new));
        String line = r.stderr().strip();
        assertThat(r.exit()).as(line).isEqualTo(1);
        assertThat(line.lines().count()).as(line).isEqualTo(1);
        assertThat(line).startsWith("error: ").contains(replica.toString(), "litestream v0.5 LTX files", "-txid",
                "-timestamp");
        try (var s = Files.list(outDir)) {
            assertThat(s.toList()).isEmpty();
        }
    }
}
