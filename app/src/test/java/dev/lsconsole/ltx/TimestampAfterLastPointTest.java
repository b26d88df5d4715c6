package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A -timestamp after the last v0.5 restore point. The real litestream v0.5.16 answers it two ways: a database
 * named from its config restores the latest state (exit 0; its restore command checks the time bounds only
 * for a replica URL, CalcRestoreTarget in loadFromURL), a replica URL gets "timestamp does not exist". Ours
 * restores the latest state either way, and its note must say what litestream really does.
 */
class TimestampAfterLastPointTest {
    @ParameterizedTest
    @EnumSource(V05Replica.Target.class)
    void latestStateAndANoteThatDescribesLitestream(V05Replica.Target target, @TempDir Path dir) throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica r = V05Replica.make(dir, target, V05Replica.Settings.quick(), false)) {
            Instant last = r.commits().get(r.commits().size() - 1).committedAt();
            String after = last.plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
            Path out = Files.createDirectories(dir.resolve("out"));

            Litestream.Result latest = r.restoreWithLitestream(out.resolve("latest.db"));
            assertThat(latest.exit()).as(latest.stderr()).isZero();
            Litestream.Result fromConfig = r.restoreWithLitestream(out.resolve("config.db"), "-timestamp", after);
            assertThat(fromConfig.exit()).as("litestream, config: " + fromConfig.stderr()).isZero();
            assertThat(sha(out.resolve("config.db"))).as("litestream restores the latest state")
                    .isEqualTo(sha(out.resolve("latest.db")));
            Litestream.Result fromUrl = r.restoreWithLitestream(r.replicaUrl(), out.resolve("url.db"), "-timestamp", after);
            assertThat(fromUrl.exit()).isEqualTo(1);
            assertThat(fromUrl.stderr()).contains("timestamp does not exist");

            CliRun.Result ours = CliRun.run(r.env, "restore", "-o", out.resolve("ours.db").toString(), "-timestamp", after,
                    "-config", r.config.toString(), r.db.toString());
            assertThat(ours.exit()).as(ours.stderr()).isZero();
            assertThat(sha(out.resolve("ours.db"))).isEqualTo(sha(out.resolve("latest.db")));
            assertThat(ours.stderr()).contains("after the last restore point")
                    .contains("as litestream v0.5.16 does for a database named from its config")
                    .contains("for a replica URL it answers \"timestamp does not exist\"");
        }
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
