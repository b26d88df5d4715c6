package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Of an S3 replica, the snapshot is decoded as it arrives (no temp file) while later files are fetched
 * ahead. A snapshot that turns out bad only at its end (checksum) or that ends early must still fail with
 * one line naming the object, and leave nothing in the output directory: no restored file, no temp file
 * of the files fetched ahead.
 */
class LtxStreamedSnapshotTest {
    @Test
    void badStreamedSnapshotFailsCleanly(@TempDir Path dir) throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica r = V05Replica.s3(dir)) {
            Path snapshot;
            try (var s = Files.list(r.replicaRoot.resolve("0009"))) {
                snapshot = s.filter(p -> p.toString().endsWith(".ltx")).sorted().reduce((a, b) -> b).orElseThrow();
            }
            String key = "0009/" + snapshot.getFileName();
            byte[] good = Files.readAllBytes(snapshot);
            Path outDir = Files.createDirectories(dir.resolve("out"));

            byte[] badSum = good.clone();
            badSum[badSum.length - 1] ^= 0x5A; // the file checksum, compared after every page was written
            rewrite(snapshot, badSum);
            assertFailedCleanly(restore(r, outDir), outDir, key, "checksum mismatch");

            rewrite(snapshot, java.util.Arrays.copyOf(good, good.length / 2));
            assertFailedCleanly(restore(r, outDir), outDir, key);

            rewrite(snapshot, good);
            CliRun.Result ok = restore(r, outDir);
            assertThat(ok.exit()).as(ok.stderr()).isZero();
            assertThat(listing(outDir)).containsExactly("restored.db");
        }
    }

    private static CliRun.Result restore(V05Replica r, Path outDir) {
        return CliRun.run(r.env, "restore", "-o", outDir.resolve("restored.db").toString(), "-config",
                r.config.toString(), r.db.toString());
    }

    private static void assertFailedCleanly(CliRun.Result res, Path outDir, String... fragments) throws Exception {
        assertThat(res.exit()).as(res.stderr()).isEqualTo(1);
        String line = res.stderr().strip();
        assertThat(line.lines().count()).as(line).isEqualTo(1);
        assertThat(line).startsWith("error: ").contains(fragments);
        assertThat(listing(outDir)).as("nothing left in the output directory").isEmpty();
    }

    private static List<String> listing(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Rewrites the object in S3Proxy's directory, keeping its modification time (its creation time). */
    private static void rewrite(Path p, byte[] bytes) throws Exception {
        FileTime t = Files.getLastModifiedTime(p);
        Files.write(p, bytes);
        Files.setLastModifiedTime(p, t);
    }
}
