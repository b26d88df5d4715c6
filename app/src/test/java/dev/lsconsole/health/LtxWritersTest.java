package dev.lsconsole.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lsconsole.ltx.LtxHeader;
import dev.lsconsole.replica.FileReplicaClient;
import dev.lsconsole.replica.ObjectCodec;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.testing.CountingClient;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.TwoWritersV05;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two litestream v0.5.16 processes replicating two different databases to one path (tester-5's A4): their
 * level-0 files' WAL positions do not chain, and check and verify fail naming the two files and TXIDs, as
 * for two v0.3 generations; verify's restorable window stops at the break. The control, as important: one
 * writer whose WAL restarts after every sync, whose litestream restarts, and whose files are compacted into
 * every level, stays OK.
 */
class LtxWritersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A5 = "0000000000000005-0000000000000005.ltx";
    private static final String B6 = "0000000000000006-0000000000000006.ltx";

    @TempDir
    Path tmp;

    @Test
    void twoV05WritersOnOneFilePathFailCheckAndVerifyNamingTheBreak() throws Exception {
        try (TwoWritersV05 w = TwoWritersV05.make(tmp, false)) {
            assertBreakFound(w, "ltx/0/");
        }
    }

    @Test
    void twoV05WritersOnOneS3PathFailCheckAndVerifyNamingTheBreak() throws Exception {
        try (TwoWritersV05 w = TwoWritersV05.make(tmp, true)) {
            assertBreakFound(w, "0000/");
        }
    }

    @Test
    void oneV05WriterWithWalRestartsRestartAndCompactionStaysOk() throws Exception {
        try (TwoWritersV05 w = TwoWritersV05.single(tmp)) {
            Path root = w.replicaRoot.resolve("ltx");
            for (String level : new String[] {"0", "1", "2", "9"}) {
                assertThat(root.resolve(level)).as("level " + level + " holds files").isNotEmptyDirectory();
            }
            List<LtxHeader> l0 = headers(root.resolve("0"));
            assertThat(l0).hasSizeGreaterThanOrEqualTo(20);
            int restarts = 0;
            int continued = 0;
            for (int i = 1; i < l0.size(); i++) {
                LtxHeader a = l0.get(i - 1);
                LtxHeader b = l0.get(i);
                assertThat(b.minTxid()).isEqualTo(a.maxTxid() + 1);
                restarts += b.walOffset() == 32 && b.walSalt1() != a.walSalt1() ? 1 : 0;
                continued += b.walOffset() == a.walOffset() + a.walSize() && b.walOffset() > 32 ? 1 : 0;
            }
            assertThat(restarts).as("WALs restarted with new salts: the case that must not look like a second writer")
                    .isGreaterThanOrEqualTo(3);
            assertThat(continued + restarts).isEqualTo(l0.size() - 1);
            JsonNode check = run(w, "check", "--json", "--max-lag", "24h", w.url());
            assertThat(check.get("problems")).as(check.toPrettyString()).isEmpty();
            CountingClient counting = new CountingClient(new FileReplicaClient(w.replicaRoot));
            ReplicaReport direct = new Checker(null, 5, new Cancellation()).check(new Replica("file", counting.client(),
                    ObjectCodec.plain()), Instant.now());
            assertThat(direct.problems()).isEmpty();
            assertThat(counting.calls("openLtxRange")).as("check reads the newest level-0 headers only")
                    .isEqualTo(LtxWriters.CHECKED_BY_CHECK);
            assertThat(counting.calls("openLtx")).isZero();
            JsonNode verify = run(w, "verify", "--json", w.url());
            assertThat(verify.get("problems")).as(verify.toPrettyString()).isEmpty();
            JsonNode windows = verify.get("replicas").get(0).get("generations").get(0).get("restorableWindows");
            assertThat(windows).hasSize(1);
            assertThat(windows.get(0).get("note").isNull()).as(windows.toPrettyString()).isTrue();
        }
    }

    private void assertBreakFound(TwoWritersV05 w, String l0) throws Exception {
        for (String command : new String[] {"check", "verify"}) {
            JsonNode j = command.equals("check") ? run(w, command, "--json", "--max-lag", "24h", w.url())
                    : run(w, command, "--json", w.url());
            assertThat(j.get("status").asText()).as(j.toPrettyString()).isEqualTo("fail");
            assertThat(j.get("problems")).as(j.toPrettyString()).hasSize(1);
            JsonNode p = j.get("problems").get(0);
            assertThat(p.get("kind").asText()).isEqualTo("concurrent-writers");
            assertThat(p.get("object").asText()).isEqualTo(l0 + B6);
            assertThat(p.get("message").asText()).contains("TXID 0000000000000006", "TXID 0000000000000005", A5, B6,
                    "more than one process replicates to this path");
            if (command.equals("verify")) {
                JsonNode windows = j.get("replicas").get(0).get("generations").get(0).get("restorableWindows");
                assertThat(windows).as(windows.toPrettyString()).hasSize(1);
                assertThat(windows.get(0).get("note").asText()).contains("ends before TXID 0000000000000006", l0 + B6);
            }
        }
        CliRun.Result text = CliRun.run(w.env(), "check", "--max-lag", "24h", w.url());
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.stdout()).contains("FAIL", "concurrent-writers");
    }

    private static JsonNode run(TwoWritersV05 w, String... args) throws Exception {
        CliRun.Result r = CliRun.run(w.env(), args);
        assertThat(r.stdout()).as(r.stderr()).isNotBlank();
        JsonNode j = JSON.readTree(r.stdout());
        assertThat(r.exit()).as(r.stdout()).isEqualTo("ok".equals(j.get("status").asText()) ? 0 : 1);
        return j;
    }

    private static List<LtxHeader> headers(Path level0) throws Exception {
        List<LtxHeader> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(level0)) {
            for (Path f : s.sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add(LtxHeader.parse(in.readNBytes(LtxHeader.SIZE), f.toString()));
                }
            }
        }
        return out;
    }
}
