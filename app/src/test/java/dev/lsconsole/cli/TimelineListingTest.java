package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.ReplicaFixture;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `timeline` of a v0.5 replica asks for its LTX levels once: against S3Proxy serving what the real litestream
 * v0.5.16 wrote, it answers one LIST for the (absent) generations, one for the levels and one per level
 * (each under 1000 files), in text and in JSON. A failing timeline prints nothing on stdout.
 */
class TimelineListingTest {
    @TempDir
    Path tmp;

    @Test
    void timelineListsTheLevelsOnce() throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica v05 = V05Replica.s3(tmp)) {
            int levels = v05.filesByLevel().size();
            String url = "s3://" + V05Replica.BUCKET + ".localhost:" + v05.s3.port() + "/" + V05Replica.S3_PATH;
            for (String json : new String[] {"--json=false", "--json"}) {
                int before = v05.s3.listings();
                CliRun.Result r = CliRun.run(v05.env, "timeline", json, url);
                assertThat(r.exit()).as(r.stderr()).isZero();
                assertThat(r.stdout()).contains(json.equals("--json") ? "\"chains\"" : "v0.5 LTX chain");
                assertThat(v05.s3.listings() - before).as(json + ": LIST pages").isEqualTo(2 + levels);
                if (!json.equals("--json")) {
                    pointTimeRestoresThePointBefore(v05, r.stdout());
                }
            }
        }
    }

    /** What the listing says of -timestamp at a point's own time, checked with litestream v0.5.16 itself. */
    private void pointTimeRestoresThePointBefore(V05Replica v05, String listing) throws Exception {
        assertThat(listing).contains("a point's own time restores the point before it");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  (\\S+Z)  txid ([0-9a-f]{16}) ").matcher(listing);
        List<String[]> points = new java.util.ArrayList<>();
        while (m.find()) {
            points.add(new String[] {m.group(1), m.group(2)});
        }
        assertThat(points).hasSizeGreaterThan(2);
        String[] before = points.get(points.size() - 2);
        String[] point = points.get(points.size() - 1);
        Path atTime = tmp.resolve("at-time.db");
        Path prevTxid = tmp.resolve("prev-txid.db");
        assertThat(v05.restoreWithLitestream(atTime, "-timestamp", point[0]).exit()).isZero();
        assertThat(v05.restoreWithLitestream(prevTxid, "-txid", before[1]).exit()).isZero();
        assertThat(Files.mismatch(atTime, prevTxid)).as("-timestamp " + point[0] + " is TXID " + before[1]).isEqualTo(-1L);
    }

    @Test
    void aFailingTimelinePrintsNothingOnStdout() {
        String missing = "file://" + tmp.resolve("no-such-replica");
        for (String json : new String[] {"--json", "--json=false"}) {
            CliRun.Result r = CliRun.run(java.util.Map.of(), "timeline", json, missing);
            assertThat(r.exit()).as(json).isEqualTo(1);
            assertThat(r.stdout()).as(json).isEmpty();
            assertThat(r.stderr().lines()).as(json).hasSize(1);
            assertThat(r.stderr()).as(json).contains("no-such-replica");
        }
    }

    /** A generation that cannot be read after one that printed: nothing on stdout, never half a listing. */
    @Test
    void aFailureHalfWayPrintsNothingOnStdout() throws Exception {
        Path copy = tmp.resolve("copy");
        Path from = ReplicaFixture.get().fileReplica;
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path to = copy.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // sorts after the real generations; its snapshots "folder" is a file, so listing it fails
        Path broken = Files.createDirectories(copy.resolve("generations").resolve("ffffffffffffffff"));
        Files.writeString(broken.resolve("snapshots"), "not a folder");
        for (String json : new String[] {"--json", "--json=false"}) {
            CliRun.Result r = CliRun.run(java.util.Map.of(), "timeline", json, "file://" + copy);
            assertThat(r.exit()).as(json).isEqualTo(1);
            assertThat(r.stdout()).as(json).isEmpty();
            assertThat(r.stderr().strip()).as(json).contains("ffffffffffffffff").doesNotContain("\n");
        }
    }

    /** A read-only listing needs no temp space: with $TMPDIR unusable it still prints, as it goes. */
    @Test
    void anUnusableTmpdirStillLists() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
        String url = "file://" + ReplicaFixture.get().fileReplica;
        CliRun.Result r = CliRun.run(java.util.Map.of("TMPDIR", notADir.resolve("tmp").toString()), "timeline", url);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("snapshot 00000000");
    }

    @Test
    void anUnknownGenerationFailsLikeRestoreDoes() {
        ReplicaFixture fx = ReplicaFixture.get();
        String url = "file://" + fx.fileReplica;
        for (String json : new String[] {"--json", "--json=false"}) {
            CliRun.Result r = CliRun.run(fx.env, "timeline", json, "-generation", "nope", url);
            assertThat(r.exit()).as(json).isEqualTo(1);
            assertThat(r.stdout()).as(json).isEmpty();
            assertThat(r.stderr().lines()).as(json).hasSize(1);
            assertThat(r.stderr()).as(json).contains("generation nope does not exist in replica");
        }
        String known = fx.fileReplica.resolve("generations").toFile().list()[0];
        CliRun.Result ok = CliRun.run(fx.env, "timeline", "-generation", known, url);
        assertThat(ok.exit()).as(ok.stderr()).isZero();
        assertThat(ok.stdout()).contains("generation " + known).contains("snapshot 00000000");
    }
}
