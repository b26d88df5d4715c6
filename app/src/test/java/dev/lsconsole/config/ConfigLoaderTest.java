package dev.lsconsole.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.replica.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final Map<String, String> ENV = Map.of("LITESTREAM_BUCKET", "myapp-backups",
            "LITESTREAM_ENDPOINT", "https://acct.r2.cloudflarestorage.com", "KEY", "AKIA123", "SECRET", "s3cr3t",
            "HOME_DIR", "/srv");

    final ConfigLoader loader = new ConfigLoader(ENV::get);

    @TempDir
    Path tmp;

    @Test
    void expandsEnvLikeGo() {
        assertThat(EnvExpander.expand("${KEY}-$KEY-$KEY_x-${MISSING}-$MISSING.", ENV::get)).isEqualTo("AKIA123-AKIA123--".concat("-."));
        assertThat(EnvExpander.expand("cost $5 and 100%", ENV::get)).isEqualTo("cost  and 100%");
        assertThat(EnvExpander.expand("a $ b", ENV::get)).isEqualTo("a $ b");
        assertThat(EnvExpander.expand("end$", ENV::get)).isEqualTo("end$");
        assertThat(EnvExpander.expand("x${}y", ENV::get)).isEqualTo("xy");
        assertThat(EnvExpander.expand("pa$$word", ENV::get)).isEqualTo("paword");
        assertThat(EnvExpander.expand("no vars", ENV::get)).isEqualTo("no vars");
    }

    @Test
    void parsesTheSeedConfigWithExpansion() {
        String yml = """
                dbs:
                - path: /data/app.db
                  replicas:
                  - type: s3
                    bucket: ${LITESTREAM_BUCKET}
                    path: app.db
                    endpoint: ${LITESTREAM_ENDPOINT}
                    access-key-id: ${KEY}
                    secret-access-key: ${SECRET}
                """;
        LitestreamConfig c = loader.parse(Path.of("litestream.yml"), yml, true);
        DbConfig db = c.db("/data/app.db");
        assertThat(db).isNotNull();
        ReplicaConfig r = db.replicas().get(0);
        assertThat(r.displayName()).isEqualTo("s3");
        assertThat(r.bucket()).isEqualTo("myapp-backups");
        assertThat(r.toString()).doesNotContain("s3cr3t").doesNotContain("AKIA123");
        S3Settings s = ReplicaFactory.s3Settings(r);
        assertThat(s.endpoint()).isEqualTo("https://acct.r2.cloudflarestorage.com");
        assertThat(s.forcePathStyle()).as("an endpoint implies path style, as litestream").isTrue();
        assertThat(s.region()).isEmpty();
        assertThat(s.accessKeyId()).isEqualTo("AKIA123");

        LitestreamConfig raw = loader.parse(Path.of("litestream.yml"), yml, false);
        assertThat(raw.dbs().get(0).replicas().get(0).bucket()).isEqualTo("${LITESTREAM_BUCKET}");
    }

    @Test
    void globalKeysFillReplicasAndScalarsStayRaw() {
        String yml = """
                access-key-id: GLOBALKEY
                secret-access-key: GLOBALSECRET
                dbs:
                  - path: ~/db/app.db
                    monitor-interval: 1s
                    replicas:
                      - url: s3://bucket-a/0123
                        sync-interval: 1m30s
                        force-path-style: false
                      - name: backup
                        type: file
                        path: /mnt/0755
                        access-key-id: own
                """;
        LitestreamConfig c = loader.parse(Path.of("x.yml"), yml, true);
        DbConfig db = c.dbs().get(0);
        assertThat(db.path()).isEqualTo(Path.of(System.getProperty("user.home"), "db/app.db").toString());
        ReplicaConfig a = db.replicas().get(0);
        assertThat(a.replicaType()).isEqualTo("s3");
        assertThat(a.accessKeyId()).isEqualTo("GLOBALKEY");
        assertThat(a.syncInterval()).isEqualTo(Duration.ofSeconds(90));
        S3Settings s = ReplicaFactory.s3Settings(a);
        assertThat(s.bucket()).isEqualTo("bucket-a");
        assertThat(s.path()).isEqualTo("0123");
        assertThat(s.forcePathStyle()).isFalse();
        ReplicaConfig b = db.replica("backup");
        assertThat(b.path()).isEqualTo("/mnt/0755");
        assertThat(b.accessKeyId()).isEqualTo("own");
        assertThat(b.secretAccessKey()).isEqualTo("GLOBALSECRET");
    }

    @Test
    void badConfigsSayWhere() throws Exception {
        assertThatThrownBy(() -> loader.load(tmp.resolve("nope.yml").toString(), true))
                .hasMessageStartingWith("config file not found: ");
        Path bad = Files.writeString(tmp.resolve("bad.yml"), "dbs:\n  - path: /a\n    replicas: [\n");
        assertThatThrownBy(() -> loader.load(bad.toString(), true)).hasMessageContaining("invalid YAML in " + bad)
                .hasMessageContaining("line");
        assertThatThrownBy(() -> loader.parse(Path.of("c.yml"), "dbs:\n  - replicas: []\n", true))
                .hasMessage("c.yml: dbs[0].path is required");
        assertThatThrownBy(() -> loader.parse(Path.of("c.yml"),
                "dbs:\n  - path: /a\n    replicas:\n      - type: s3\n        sync-interval: soon\n", true))
                .hasMessage("c.yml: dbs[0].replicas[0].sync-interval: invalid duration \"soon\"");
        assertThatThrownBy(() -> loader.parse(Path.of("c.yml"),
                "dbs:\n  - path: /a\n    replicas:\n      - force-path-style: maybe\n", true))
                .hasMessageContaining("force-path-style must be true or false");
    }

    @Test
    void oneAnchorReusedByManyDatabasesParsesAsInLitestream() {
        StringBuilder yml = new StringBuilder("x-replica: &r\n  - type: file\n    path: /backups\n"
                + "x-db: &d\n  monitor-interval: 1s\ndbs:\n");
        for (int i = 0; i < 120; i++) {
            yml.append("  - <<: *d\n    path: /data/db").append(i).append(".db\n    replicas: *r\n");
        }
        LitestreamConfig c = loader.parse(Path.of("many.yml"), yml.toString(), true);
        assertThat(c.dbs()).hasSize(120);
        assertThat(c.db("/data/db119.db").replicas().get(0).path()).isEqualTo("/backups");
    }

    @Test
    void anAliasBombIsRefusedWithYamlV2sWords() {
        StringBuilder yml = new StringBuilder("dbs:\n  - path: /a\n    replicas: []\n"
                + "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String prev = "a";
        for (String n : new String[] {"b", "c", "d", "e", "f", "g", "h", "i"}) {
            yml.append(n).append(": &").append(n).append(" [").append(String.join(",",
                    java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
            prev = n;
        }
        assertThatThrownBy(() -> loader.parse(Path.of("laughs.yml"), yml.toString(), true))
                .hasMessage("invalid YAML in laughs.yml: document contains excessive aliasing");
        assertThatThrownBy(() -> loader.parse(Path.of("self.yml"), "a: &a [*a]\ndbs: []\n", true))
                .hasMessageStartingWith("invalid YAML in self.yml");
    }

    @Test
    void aFileThatIsNotYamlTextSaysSo() throws Exception {
        byte[] junk = new byte[1024];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 7);
        }
        Path bin = Files.write(tmp.resolve("app.db"), junk);
        assertThatThrownBy(() -> loader.load(bin.toString(), true))
                .hasMessage("config file " + bin + " is not a YAML text file (it is not valid UTF-8 text; "
                        + "is it the right file?)");
        Path nul = Files.write(tmp.resolve("nul.yml"), "dbs:\n  - path: /a\u0000b\n".getBytes());
        assertThatThrownBy(() -> loader.load(nul.toString(), true))
                .hasMessage("config file " + nul + " is not a YAML text file (control character 0x00 on line 2; "
                        + "is it the right file?)");
        byte[] text = "dbs:\n  - path: /a\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path bom = Files.write(tmp.resolve("bom.yml"), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text));
        assertThat(loader.load(bom.toString(), true).dbs()).hasSize(1);
        byte[] utf16 = "dbs:\n  - path: /a\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        Path u16 = Files.write(tmp.resolve("u16.yml"), concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, utf16));
        assertThat(loader.load(u16.toString(), true).dbs()).hasSize(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void defaultConfigPath() {
        assertThat(loader.defaultConfigPath()).isEqualTo("/etc/litestream.yml");
        assertThat(new ConfigLoader(Map.of("LITESTREAM_CONFIG", "/x.yml")::get).defaultConfigPath()).isEqualTo("/x.yml");
    }

    @Test
    void replicaUrls() {
        assertThat(ReplicaUrl.isUrl("s3://b/p")).isTrue();
        assertThat(ReplicaUrl.isUrl("/data/app.db")).isFalse();
        assertThat(ReplicaUrl.parse("file:///var/backups/db/")).isEqualTo(new ReplicaUrl("file", "", "/var/backups/db"));
        assertThat(ReplicaUrl.parse("file://backup")).as("Go's path.Clean of //backup")
                .isEqualTo(new ReplicaUrl("file", "", "/backup"));
        assertThat(ReplicaUrl.parse("s3://bkt/a/../b//c/")).isEqualTo(new ReplicaUrl("s3", "bkt", "b/c"));
        assertThat(ReplicaUrl.parse("s3://bkt")).isEqualTo(new ReplicaUrl("s3", "bkt", ""));
        assertThatThrownBy(() -> new ReplicaFactory(ENV::get, 1).open(ReplicaConfig.ofUrl("gcs://b/p")))
                .hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> new ReplicaFactory(ENV::get, 1).open(ReplicaConfig.ofUrl("ftp://b/p")))
                .hasMessage("unknown replica type in config: \"ftp\" (litestream's types: file, s3, gcs, abs, sftp)");
    }

    @Test
    void s3HostsLikeLitestream() {
        assertS3("s3://mybkt.localhost:9000/db", "mybkt", "us-east-1", "http://localhost:9000", true);
        assertS3("s3://mybkt.s3.us-west-002.backblazeb2.com/db", "mybkt", "us-west-002",
                "https://s3.us-west-002.backblazeb2.com", true);
        assertS3("s3://mybkt.nyc3.digitaloceanspaces.com/db", "mybkt", "nyc3", "https://nyc3.digitaloceanspaces.com",
                true);
        assertS3("s3://mybkt.s3.filebase.com/db", "mybkt", "", "https://s3.filebase.com", true);
        assertS3("s3://mybkt.s3.fr-par.scw.cloud/db", "mybkt", "fr-par", "https://s3.fr-par.scw.cloud", true);
        assertS3("s3://mybkt.us-east-1.linodeobjects.com/db", "mybkt", "us-east-1",
                "https://us-east-1.linodeobjects.com", true);
        assertS3("s3://plain-bucket/db", "plain-bucket", "", "", false);
    }

    private static void assertS3(String url, String bucket, String region, String endpoint, boolean pathStyle) {
        S3Settings s = ReplicaFactory.s3Settings(ReplicaConfig.ofUrl(url));
        assertThat(s.bucket()).as(url).isEqualTo(bucket);
        assertThat(s.region()).as(url).isEqualTo(region);
        assertThat(s.endpoint()).as(url).isEqualTo(endpoint);
        assertThat(s.forcePathStyle()).as(url).isEqualTo(pathStyle);
        assertThat(s.path()).isEqualTo("db");
    }

    @Test
    void goDurations() {
        assertThat(GoDuration.parse("10ms")).isEqualTo(Duration.ofMillis(10));
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.parse("-2m")).isEqualTo(Duration.ofMinutes(-2));
        assertThatThrownBy(() -> GoDuration.parse("5")).isInstanceOf(IllegalArgumentException.class);
        assertThat(GoDuration.format(Duration.ofSeconds(16 * 3600 + 19 * 60))).isEqualTo("16h19m0s");
        assertThat(GoDuration.format(Duration.ofMillis(-3))).isEqualTo("-3ms");
        assertThat(GoDuration.format(Duration.ofSeconds(74))).isEqualTo("1m14s");
        assertThat(GoDuration.format(Duration.ofMillis(3500))).isEqualTo("3.5s");
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofNanos(1500))).isEqualTo("1.5µs");
        assertThat(GoDuration.truncateForDisplay(Duration.ofMillis(12_345))).isEqualTo(Duration.ofSeconds(12));
        assertThat(GoDuration.truncateForDisplay(Duration.ofMillis(3_456))).isEqualTo(Duration.ofMillis(3_400));
        assertThat(GoDuration.truncateForDisplay(Duration.ofMillis(-3_456))).isEqualTo(Duration.ofMillis(-3_400));
    }
}
