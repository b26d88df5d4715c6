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

    @Test
    void thePathStyleBucketUrlOnACustomEndpointIsTheSdks() {
        for (String endpoint : new String[] {"http://127.0.0.1:9000", "https://acc.r2.cloudflarestorage.com",
                "s3.us-west-002.backblazeb2.com", "http://localhost:9000/"}) {
            {
                S3Settings s = new S3Settings("my-bucket", "app.db", "us-east-1", endpoint, true, false, "k", "s");
                String sdk;
                try (software.amazon.awssdk.services.s3.S3Client c = software.amazon.awssdk.services.s3.S3Client
                        .builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .endpointOverride(java.net.URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint))
                        .forcePathStyle(true).credentialsProvider(
                                software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build()) {
                    String probe = c.utilities().getUrl(r -> r.bucket("my-bucket").key("k")).toExternalForm();
                    sdk = probe.substring(0, probe.length() - 1);
                }
                assertThat(S3ReplicaClient.customBucketUrl(s)).as(endpoint).isEqualTo(sdk);
            }
        }
    }

    @Test
    void listingsPageThroughContinuationTokens() throws Exception {
        try (S3Server s3 = S3Server.start(tmp)) {
            s3.createBucket("bkt");
            Path wal = Files.createDirectories(tmp.resolve("bkt/app.db/generations/0123456789abcdef/wal"));
            for (int i = 0; i < 1203; i++) {
                Files.write(wal.resolve(String.format("%08x_%08x.wal.lz4", i / 10, (i % 10) * 4152L)), new byte[i % 7]);
            }
            Files.createDirectories(tmp.resolve("bkt/app.db/generations/fedcba9876543210/snapshots"));
            Files.write(tmp.resolve("bkt/app.db/generations/fedcba9876543210/snapshots/00000000.snapshot.lz4"),
                    new byte[3]);
            try (S3ReplicaClient c = client(s3, "app.db", S3Server.SECRET);
                 ObjectIterator<WalSegmentInfo> it = c.walSegments("0123456789abcdef")) {
                assertThat(c.generations()).containsExactly("0123456789abcdef", "fedcba9876543210");
                java.util.List<WalSegmentInfo> all = new java.util.ArrayList<>();
                it.forEachRemaining(all::add);
                assertThat(all).hasSize(1203);
                assertThat(all.get(1202).index()).isEqualTo(120);
                assertThat(all.get(1202).offset()).isEqualTo(2 * 4152L);
                assertThat(all.get(1202).size()).isEqualTo(1202 % 7);
                assertThat(all).allSatisfy(w -> assertThat(w.createdAt()).isNotNull());
            }
        }
    }

    private static S3ReplicaClient client(S3Server s3, String path, String secret) {
        return new S3ReplicaClient(new S3Settings("bkt", path, "us-east-1", s3.endpoint(), true, false, S3Server.KEY,
                secret), name -> null, 4);
    }
}
