package dev.lsconsole.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Dbs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled demo unpacks with its real timeline, and the whole recovery works on it. */
class DemoWorkspaceTest {
    @TempDir
    Path tmp;

    private static long count(Path db, String sql) throws Exception {
        try (Connection c = Dbs.open(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.getLong(1);
        }
    }

    @Test
    void unpacksWithItsTimelineAndRecoversTheLostInvoices() throws Exception {
        DemoWorkspace w = DemoWorkspace.unpack(tmp.resolve("demo"));
        String teamInvoices = "SELECT count(*) FROM invoices WHERE customer_id IN "
                + "(SELECT id FROM customers WHERE plan = 'team')";
        assertThat(count(w.liveDb(), teamInvoices)).as("the accident").isZero();

        // the replica's objects carry the times recorded when the demo was made, not the unpack time
        try (var s = Files.walk(w.replica())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertThat(Files.getLastModifiedTime(p).toInstant()).isBefore(w.accident().plusSeconds(10))
                        .isAfter(w.accident().minusSeconds(60));
            }
        }
        Path before = tmp.resolve("before.db");
        CliRun.Result restore = CliRun.run(Map.of(), "restore", "-config", w.config().toString(), "-timestamp",
                w.beforeAccident().toString(), "-o", before.toString(), w.liveDb().toString());
        assertThat(restore.exit()).as(restore.stderr()).isZero();
        long lost = count(before, teamInvoices);
        assertThat(lost).isGreaterThan(10);

        CliRun.Result diff = CliRun.run(Map.of(), "diff", before.toString(), w.liveDb().toString());
        assertThat(diff.stdout()).contains("invoices   id   " + lost).contains("columns only in live: confirmed");

        CliRun.Result push = CliRun.run(Map.of(), "push", before.toString(), w.liveDb().toString(), "--table",
                "invoices", "--all-missing", "--yes", "--state-dir", tmp.resolve("state").toString());
        assertThat(push.exit()).as(push.stderr()).isZero();
        assertThat(count(w.liveDb(), teamInvoices)).isEqualTo(lost);
        assertThat(count(w.liveDb(), "SELECT count(*) FROM invoices WHERE note = 'after'"))
                .as("what happened after the accident is kept").isEqualTo(1);

        assertThatThrownBy(() -> DemoWorkspace.unpack(w.dir())).hasMessageContaining("not empty");
        assertThat(DemoWorkspace.unpack(tmp.resolve("again")).accident()).isEqualTo(w.accident());
        assertThat(w.accident()).isBefore(Instant.now());
    }

    @Test
    void demoCommandWalksTheFlow() {
        CliRun.Result r = CliRun.run(Map.of(), "demo", "--walk", "--dir", tmp.resolve("walk").toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("$ litestream-console restore").contains("missing in live")
                .contains("INSERT OR IGNORE INTO \"invoices\"");
    }
}
