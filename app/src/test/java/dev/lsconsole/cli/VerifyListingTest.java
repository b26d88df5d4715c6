package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.ReplicaFixture;
import dev.lsconsole.testing.S3Server;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * verify reads the objects from the one listing it checks the layout with: against S3Proxy serving the
 * replica the real litestream v0.3.13 wrote, it answers as many LIST pages for verify as for check (which
 * lists the bucket once), not one listing for the layout plus one per generation.
 */
class VerifyListingTest {
    @Test
    void verifyListsTheBucketOnce() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        try (S3Server s3 = S3Server.start(fx.dir.resolve("s3"))) {
            String url = "s3://" + ReplicaFixture.BUCKET + ".localhost:" + s3.port() + "/app.db";
            Map<String, String> env = Map.of("LITESTREAM_ACCESS_KEY_ID", S3Server.KEY,
                    "LITESTREAM_SECRET_ACCESS_KEY", S3Server.SECRET);
            CliRun.Result check = CliRun.run(env, "check", "--max-lag", "24h", url);
            assertThat(check.exit()).as(check.stdout() + check.stderr()).isEqualTo(0);
            int oneListing = s3.listings();
            assertThat(oneListing).isPositive();
            CliRun.Result verify = CliRun.run(env, "verify", url);
            assertThat(verify.exit()).as(verify.stdout() + verify.stderr()).isEqualTo(0);
            assertThat(s3.listings() - oneListing).as("LIST pages answered for verify").isEqualTo(oneListing);
        }
    }
}
