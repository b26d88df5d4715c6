package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.ReplicaFixture;
import dev.lsconsole.testing.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3 replica with no keys anywhere (none in the environment passed in, no profile file, no instance
 * metadata): the AWS SDK's credential chain fails with a dump of every provider it tried; restore must say
 * in one line that there are no credentials, for which replica, and what to set.
 */
class NoCredentialsTest {
    @TempDir
    Path tmp;

    @Test
    void restoreWithoutCredentialsSaysInOneLineWhatToSet() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        String[] props = {"aws.disableEc2Metadata", "aws.sharedCredentialsFile", "aws.configFile"};
        String[] saved = new String[props.length];
        for (int i = 0; i < props.length; i++) {
            saved[i] = System.getProperty(props[i]);
        }
        // only loopback: no instance-metadata lookup, and no profile files of whoever runs the tests
        System.setProperty(props[0], "true");
        System.setProperty(props[1], tmp.resolve("no-credentials").toString());
        System.setProperty(props[2], tmp.resolve("no-config").toString());
        try (S3Server s3 = S3Server.start(fx.dir.resolve("s3"))) {
            String url = "s3://" + ReplicaFixture.BUCKET + ".localhost:" + s3.port() + "/app.db";
            Path out = tmp.resolve("x.db");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = Cli.run(new String[] {"restore", "-o", out.toString(), url}, Map.<String, String>of()::get, o, e);
            }
            String msg = err.toString(StandardCharsets.UTF_8).strip();
            assertThat(code).as(msg).isEqualTo(1);
            assertThat(msg).as("one line").doesNotContain("\n").hasSizeLessThan(400);
            assertThat(msg).contains("no credentials").contains("s3://" + ReplicaFixture.BUCKET + "/app.db")
                    .contains("LITESTREAM_ACCESS_KEY_ID").contains("LITESTREAM_SECRET_ACCESS_KEY")
                    .contains("AWS_ACCESS_KEY_ID").contains("AWS_SECRET_ACCESS_KEY")
                    .contains("access-key-id").contains("secret-access-key");
            assertThat(out).doesNotExist();
        } finally {
            for (int i = 0; i < props.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(props[i]);
                } else {
                    System.setProperty(props[i], saved[i]);
                }
            }
        }
    }
}
