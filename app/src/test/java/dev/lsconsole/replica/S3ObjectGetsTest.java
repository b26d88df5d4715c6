package dev.lsconsole.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.testing.S3Server;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object reads through the signed-GET path (not the SDK's pipeline) against a real S3 server: exact
 * bytes, keys that need encoding, and the same one-line errors as the SDK path (secrets never shown).
 */
class S3ObjectGetsTest {
    @TempDir
    Path tmp;

    @Test
    void readsExactBytesOfKeysThatNeedEncoding() throws Exception {
        try (S3Server s3 = S3Server.start(tmp)) {
            s3.createBucket("bkt");
            byte[] data = new byte[300_000];
            new Random(3).nextBytes(data);
            Path key = Files.createDirectories(tmp.resolve("bkt/my db/app+1 é.db/generations/0123456789abcdef/snapshots"));
            Files.write(key.resolve("00000000.snapshot.lz4"), data);
            try (S3ReplicaClient c = client(s3, "my db/app+1 é.db", S3Server.SECRET);
                 InputStream in = c.openSnapshot("0123456789abcdef", 0)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void aMissingObjectIsNamed() throws Exception {
        try (S3Server s3 = S3Server.start(tmp)) {
            s3.createBucket("bkt");
            try (S3ReplicaClient c = client(s3, "app.db", S3Server.SECRET)) {
                assertThatThrownBy(() -> c.openWalSegment(new Pos("0123456789abcdef", 2, 4096)))
                        .isInstanceOf(ReplicaException.class)
                        .hasMessage("object not found: s3://bkt/app.db/generations/0123456789abcdef/wal/"
                                + "00000002_00001000.wal.lz4");
            }
        }
    }

    @Test
    void aWrongSecretSaysSoWithoutShowingIt() throws Exception {
        try (S3Server s3 = S3Server.start(tmp)) {
            s3.createBucket("bkt");
            String wrong = "wrong-secret-0123456789";
            try (S3ReplicaClient c = client(s3, "app.db", wrong)) {
                assertThatThrownBy(() -> c.openSnapshot("0123456789abcdef", 0))
                        .isInstanceOf(ReplicaException.class)
                        .hasMessageStartingWith("cannot read s3://bkt/app.db/generations/0123456789abcdef/snapshots/"
                                + "00000000.snapshot.lz4 at " + s3.endpoint() + " (HTTP 403 SignatureDoesNotMatch)")
                        .hasMessageContaining("the access key or secret is wrong")
                        .hasMessageNotContaining(wrong)
                        .satisfies(e -> assertThat(((ReplicaException) e).isRetryable()).isFalse());
            }
        }
    }

    @Test
    void aStoppedServerIsARetryableConnectError() throws Exception {
        S3Server s3 = S3Server.start(tmp);
        s3.createBucket("bkt");
        try (S3ReplicaClient c = client(s3, "app.db", S3Server.SECRET)) {
            s3.close();
            assertThatThrownBy(() -> c.openSnapshot("0123456789abcdef", 0))
                    .isInstanceOf(ReplicaException.class)
                    .hasMessageContaining("at " + s3.endpoint() + ": cannot connect (")
                    .satisfies(e -> assertThat(((ReplicaException) e).isRetryable()).isTrue());
        }
    }

    private static S3ReplicaClient client(S3Server s3, String path, String secret) {
        return new S3ReplicaClient(new S3Settings("bkt", path, "us-east-1", s3.endpoint(), true, false, S3Server.KEY,
                secret), name -> null, 4);
    }
}
