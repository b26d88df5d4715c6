package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -timestamp takes what litestream 0.3.13 takes (Go's time.Parse with RFC 3339) and refuses what it refuses:
 * both are run on the same strings, against a replica that does not exist, so a refusal can only be the
 * timestamp's.
 */
class TimestampFormsTest {
    @TempDir
    Path tmp;

    private static final List<String> FORMS = List.of(
            "2026-11-30T09:09:26Z", "2026-11-30T09:09:26.5Z", "2026-11-30T09:09:26,5Z",
            "2026-11-30T09:09:26.123456789Z", "2026-11-30T09:09:26.123456789123Z", "2026-11-30T9:09:26Z",
            "2026-11-30T09:09:26+01:00", "2026-11-30T09:09:26-07:30", "2026-11-30t09:09:26z", "2026-11-30T09:09:26z",
            "2026-11-30T09:09:26.Z", "2026-11-30T09:09Z", "2026-11-30 09:09:26Z", "2026-11-30T09:09:26",
            "2026-11-30T09:09:26+0100", "2026-02-30T09:09:26Z", "2026-11-30T24:00:00Z", "2026-11-30T09:60:00Z",
            "2026-11-30T09:09:26Z ", "26-11-30T09:09:26Z", "2026-11-30T09:09:26.5+01:00");

    @Test
    void acceptsAndRefusesWhatLitestreamDoes() {
        String url = tmp.resolve("no-replica").toUri().toString();
        Map<String, String> env = Map.of();
        for (String t : FORMS) {
            Litestream.Result theirs = Litestream.exec(tmp, env, "restore", "-timestamp", t, "-o",
                    tmp.resolve("theirs.db").toString(), url);
            CliRun.Result ours = CliRun.run(env, "restore", "-timestamp", t, "-o", tmp.resolve("ours.db").toString(), url);
            boolean theyRefuse = theirs.stderr().contains("invalid -timestamp");
            boolean weRefuse = ours.stderr().contains("invalid -timestamp");
            assertThat(weRefuse).as("\"%s\": litestream %s (%s), ours: %s", t, theyRefuse ? "refuses" : "takes",
                    theirs.stderr().strip(), ours.stderr().strip()).isEqualTo(theyRefuse);
            assertThat(ours.exit()).as(t).isNotZero();
        }
    }
}
