package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init-container first deploy (the seed's run.sh): {@code restore -if-replica-exists} before anything was
 * ever replicated. The real litestream v0.3.13 says "no matching backups found" and exits 0 whether the file
 * replica's folder is missing, the replica URL names no folder, or the S3 path holds no object; without the
 * flag both tools fail (ours naming the missing folder). Each case runs both tools on the same input. Ours
 * says it on stderr always (litestream logs it to stdout when it read a config, its default logging).
 */
class IfReplicaExistsTest {
    private static final String NONE = "no matching backups found";

    @TempDir
    Path tmp;

    @Test
    void missingFileReplicaFolderFromConfig() throws Exception {
        Path db = tmp.resolve("data").resolve("app.db");
        Path config = tmp.resolve("litestream.yml");
        Files.writeString(config, Litestream.fileReplicaConfig(db, tmp.resolve("not-yet-replica"), 40));
        List<String> args = List.of("restore", "-if-db-not-exists", "-if-replica-exists", "-config", config.toString(),
                db.toString());
        assertBothSkip(Map.of(), args, db);
        assertBothFail(Map.of(), without(args, "-if-replica-exists"), db, "replica directory not found: "
                + tmp.resolve("not-yet-replica"));
    }

    @Test
    void replicaUrlNamingNoFolder() throws Exception {
        Path out = tmp.resolve("out").resolve("x.db");
        String url = tmp.resolve("nonexistent").resolve("x").toUri().toString();
        List<String> args = List.of("restore", "-if-replica-exists", "-o", out.toString(), url);
        assertBothSkip(Map.of(), args, out);
        assertBothFail(Map.of(), without(args, "-if-replica-exists"), out, "replica directory not found");
    }

    @Test
    void s3PathWithNoObjects() throws Exception {
        try (S3Server s3 = S3Server.start(Files.createDirectories(tmp.resolve("s3")))) {
            s3.createBucket("backups");
            Path db = tmp.resolve("data").resolve("app.db");
            Path config = tmp.resolve("litestream.yml");
            Files.writeString(config, "dbs:\n  - path: " + db + "\n    replicas:\n      - type: s3\n"
                    + "        bucket: backups\n        path: never-replicated/app.db\n        endpoint: "
                    + s3.endpoint() + "\n        region: us-east-1\n        force-path-style: true\n"
                    + "        access-key-id: ${LSC_TEST_KEY}\n        secret-access-key: ${LSC_TEST_SECRET}\n");
            Map<String, String> env = Map.of("LSC_TEST_KEY", S3Server.KEY, "LSC_TEST_SECRET", S3Server.SECRET);
            List<String> args = List.of("restore", "-if-replica-exists", "-config", config.toString(), db.toString());
            assertBothSkip(env, args, db);
            assertBothFail(env, without(args, "-if-replica-exists"), db, NONE);
        }
    }

    /** A replica whose folder was never made holds no backups for litestream: it restores from the other one. */
    @Test
    void aMissingReplicaBesideAnotherIsSkippedWithANote() throws Exception {
        dev.lsconsole.testing.ReplicaFixture fx = dev.lsconsole.testing.ReplicaFixture.get();
        Path db = tmp.resolve("data").resolve("app.db");
        Path config = tmp.resolve("two.yml");
        Files.writeString(config, "dbs:\n  - path: " + db + "\n    replicas:\n"
                + "      - name: gone\n        type: file\n        path: " + tmp.resolve("never-made") + "\n"
                + "      - name: kept\n        type: file\n        path: " + fx.fileReplica + "\n");
        Path theirs = tmp.resolve("theirs.db");
        Path ours = tmp.resolve("ours.db");
        Litestream.Result lit = Litestream.exec(tmp, Map.of(), "restore", "-o", theirs.toString(), "-config",
                config.toString(), db.toString());
        assertThat(lit.exit()).as("litestream: " + lit.stderr()).isZero();
        CliRun.Result r = CliRun.run(Map.of(), "restore", "-o", ours.toString(), "-config", config.toString(),
                db.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("note: replica gone: " + tmp.resolve("never-made") + " does not exist");
        assertThat(Files.mismatch(ours, theirs)).isEqualTo(-1L);
    }

    /** Both tools exit 0 saying "no matching backups found" on stderr, and write nothing. */
    private void assertBothSkip(Map<String, String> env, List<String> args, Path out) {
        Litestream.Result lit = Litestream.exec(tmp, env, args.toArray(String[]::new));
        assertThat(lit.exit()).as("litestream: " + lit.stderr()).isZero();
        // litestream logs it to stdout when a config is read (its default logging), to stderr otherwise
        assertThat(lit.stdout() + lit.stderr()).contains(NONE);
        CliRun.Result ours = CliRun.run(env, args.toArray(String[]::new));
        assertThat(ours.exit()).as("ours: " + ours.stderr()).isZero();
        assertThat(ours.stderr().strip()).isEqualTo(NONE);
        assertThat(ours.stdout()).isEmpty();
        assertThat(out).doesNotExist();
    }

    /** Without the flag it stays an error in both: exit 1, ours one line. */
    private void assertBothFail(Map<String, String> env, List<String> args, Path out, String ourMessage) {
        Litestream.Result lit = Litestream.exec(tmp, env, args.toArray(String[]::new));
        assertThat(lit.exit()).as("litestream: " + lit.stderr()).isEqualTo(1);
        assertThat(lit.stdout() + lit.stderr()).contains(NONE);
        CliRun.Result ours = CliRun.run(env, args.toArray(String[]::new));
        assertThat(ours.exit()).as("ours: " + ours.stderr()).isEqualTo(1);
        assertThat(ours.stderr().strip()).startsWith("error: ").contains(ourMessage).doesNotContain("\n");
        assertThat(out).doesNotExist();
    }

    private static List<String> without(List<String> args, String flag) {
        List<String> out = new ArrayList<>(args);
        out.remove(flag);
        return out;
    }
}
