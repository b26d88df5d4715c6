package dev.lsconsole.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.replica.FileReplicaClient;
import dev.lsconsole.replica.ObjectCodec;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.testing.ReplicaFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C's token stops a verify in the middle: it ends with a cancel, not a report, and soon. */
class VerifierCancelTest {
    @TempDir
    Path tmp;

    @Test
    void cancelStopsVerifyMidway() throws Exception {
        ReplicaFixture fx = ReplicaFixture.get();
        Replica replica = new Replica("file", new FileReplicaClient(fx.fileReplica), ObjectCodec.plain());
        Cancellation cancel = new Cancellation();
        Verifier v = new Verifier(new Verifier.Options(null, false, 1, tmp), cancel);
        CompletableFuture<ReplicaReport> run = CompletableFuture.supplyAsync(() -> v.verify(replica, Instant.now()));
        for (int i = 0; i < 10_000 && v.progress()[0] < 20 && !run.isDone(); i++) {
            Thread.sleep(1);
        }
        cancel.cancel();
        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
        long total = new Verifier(new Verifier.Options(null, false, 1, tmp), new Cancellation())
                .verify(replica, Instant.now()).objectsRead();
        assertThat(v.progress()[0]).as("stopped before reading everything").isLessThan(total);
    }
}
