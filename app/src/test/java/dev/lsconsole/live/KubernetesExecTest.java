package dev.lsconsole.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.push.PushException;
import dev.lsconsole.push.PushMode;
import dev.lsconsole.push.PushPlan;
import dev.lsconsole.push.PushPlanner;
import dev.lsconsole.push.Pusher;
import dev.lsconsole.testing.CliRun;
import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.StandInApiServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live databases in a pod, through the real fabric8 client and its pod-exec websocket, against a loopback
 * stand-in API server that runs the real sqlite3 on a local file.
 */
class KubernetesExecTest {
    @TempDir
    Path tmp;
    StandInApiServer api;
    Path restored;
    Path live;
    Map<String, String> env;
    String address;

    @BeforeEach
    void setUp() throws Exception {
        api = new StandInApiServer("prod", "app-0", "app");
        env = Map.of("KUBECONFIG", api.writeKubeconfig(tmp.resolve("kubeconfig")).toString());
        restored = tmp.resolve("restored.db");
        live = tmp.resolve("app.db");
        for (Path p : List.of(restored, live)) {
            Dbs.exec(p, "CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, note TEXT)",
                    "INSERT INTO users VALUES (1,'a@x','one'),(2,'b@x','two'),(3,'c@x','three'),(4,'d@x','four')");
        }
        Dbs.exec(live, "DELETE FROM users WHERE id IN (2, 3)", "UPDATE users SET note = 'changed' WHERE id = 4");
        address = "k8s://standin@prod/app-0:app" + live;
    }

    @AfterEach
    void tearDown() throws Exception {
        api.close();
    }

    private long count(String where) throws Exception {
        try (Connection c = Dbs.open(live); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM users WHERE " + where)) {
            return rs.getLong(1);
        }
    }

    private LiveTarget target() {
        return LiveTargets.open(address, env::get);
    }

    @Test
    void diffThroughExecMatchesTheLocalDiffAndChangesNothing() throws Exception {
        String before = Dbs.checksum(live);
        CliRun.Result viaPod = CliRun.run(env, "diff", restored.toString(), address);
        assertThat(viaPod.exit()).as(viaPod.stderr()).isZero();
        CliRun.Result local = CliRun.run(Map.of(), "diff", restored.toString(), live.toString());
        assertThat(viaPod.stdout()).isEqualTo(local.stdout());
        assertThat(viaPod.stdout()).contains("users  id   2                0             1");
        assertThat(Dbs.checksum(live)).isEqualTo(before);
        assertThat(api.execs).anyMatch(e -> e.equals("sqlite3 -readonly " + live))
                .anyMatch(e -> e.startsWith("cat /tmp/.lsc-snapshot-")).anyMatch(e -> e.startsWith("rm -f /tmp/.lsc-"));
    }

    @Test
    void pushThroughExecIsVerifiedAndUndoable() throws Exception {
        CliRun.Result r = CliRun.run(env, "push", restored.toString(), address, "--table", "users", "--all-missing",
                "--mode", "upsert", "--yes", "--state-dir", tmp.resolve("state").toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("done: 2 inserts, 1 updates").contains(address);
        assertThat(count("id IN (2, 3)")).isEqualTo(2);
        assertThat(count("id = 4 AND note = 'four'")).isEqualTo(1);
        assertThat(api.execs).anyMatch(e -> e.equals("sqlite3 " + live));
    }

    @Test
    void sqlite3MissingInThePodSaysSoAndHowToFixIt() {
        api.sqlite3Program = tmp.resolve("no-such-sqlite3").toString();
        assertThatThrownBy(() -> target().snapshotTo(tmp.resolve("snap.db"))).isInstanceOf(LiveException.class)
                .hasMessageContaining("sqlite3: not found in pod prod/app-0 container app")
                .hasMessageContaining("apk add sqlite");
        assertThat(tmp.resolve("snap.db")).doesNotExist();
    }

    @Test
    void podGoneAndExecRefused() {
        api.podExists = false;
        assertThatThrownBy(() -> target().snapshotTo(tmp.resolve("a.db"))).isInstanceOf(LiveException.class)
                .hasMessageContaining("pod prod/app-0 container app not found");
        api.podExists = true;
        api.refuseExec = true;
        assertThatThrownBy(() -> target().snapshotTo(tmp.resolve("b.db"))).isInstanceOf(LiveException.class)
                .hasMessageContaining("refused (HTTP 403)");
    }

    /** Reads live through the pod and plans pushing every missing user. */
    private PushPlan planInsertMissing() {
        Path snap = tmp.resolve("snap.db");
        target().snapshotTo(snap);
        try (DiffEngine d = new DiffEngine(restored, snap)) {
            return new PushPlanner().plan(d, "users", PushMode.INSERT_MISSING, null, null);
        }
    }

    @Test
    void podDeletedMidPushLeavesLiveWholeOrUnchanged() throws Exception {
        PushPlan plan = planInsertMissing();
        api.onStdin = exec -> {
            api.onStdin = null;
            exec.podDeleted();
        };
        assertThatThrownBy(() -> new Pusher(tmp.resolve("state")).push(target(), plan))
                .isInstanceOf(PushException.class).hasMessageContaining("push to " + address + " failed");
        long pushed = count("id IN (2, 3)");
        assertThat(pushed).as("never half").isIn(0L, 2L);
    }

    @Test
    void lockedLiveDatabaseInThePod() throws Exception {
        PushPlan plan = planInsertMissing();
        try (Connection writer = Dbs.open(live); Statement st = writer.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            assertThatThrownBy(() -> new Pusher(tmp.resolve("state")).push(target(), plan))
                    .hasMessageContaining("database is locked").hasMessageContaining("nothing was written");
            st.execute("ROLLBACK");
        }
        assertThat(count("id IN (2, 3)")).isZero();
    }

    @Test
    void discoveryListsWhatThePodPickerShows() throws Exception {
        assertThat(KubernetesDiscovery.contexts(env::get)).containsExactly("standin");
        try (var client = KubernetesTargets.client(env::get, "standin")) {
            KubernetesDiscovery d = new KubernetesDiscovery(client);
            assertThat(d.namespaces()).containsExactly("default", "prod");
            KubernetesDiscovery.PodInfo p = d.pods("prod").get(0);
            assertThat(p.name()).isEqualTo("app-0");
            assertThat(p.ready()).isTrue();
            assertThat(p.containers()).containsExactly("app");
            assertThat(p.ownerKind()).isEqualTo("StatefulSet");
            assertThat(p.multiWriter()).isFalse();
            api.replicas = 2;
            assertThat(d.pods("prod").get(0).multiWriter()).isTrue();
            var shell = new KubernetesShell(client, "prod", "app-0", "app");
            assertThat(KubernetesDiscovery.databaseFiles(shell, tmp.toString())).contains(live.toString(),
                    restored.toString());
        }
    }

    @Test
    void missingSqlite3IsInstalledOnlyWhenAskedAndConfirmed() throws Exception {
        Path bin = java.nio.file.Files.createDirectories(tmp.resolve("bin"));
        api.sqlite3Program = bin.resolve("sqlite3").toString();
        // a fake apk: "installing sqlite" puts the real sqlite3 where the stand-in looks for it
        Path apk = bin.resolve("apk");
        java.nio.file.Files.writeString(apk, "#!/bin/sh\nln -s \"$(command -v sqlite3)\" '" + bin.resolve("sqlite3")
                + "'\n");
        apk.toFile().setExecutable(true);
        api.programs.put("apk", apk.toString());

        CliRun.Result refused = CliRun.run(env, "diff", restored.toString(), address);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).contains("sqlite3: not found in pod prod/app-0").contains("--install-sqlite3");
        assertThat(api.execs).noneMatch(e -> e.startsWith("apk"));

        CliRun.Result noTerminal = CliRun.run(env, "diff", "--install-sqlite3", restored.toString(), address);
        assertThat(noTerminal.exit()).isEqualTo(1);
        assertThat(noTerminal.stderr()).contains("add --yes");
        assertThat(api.execs).noneMatch(e -> e.startsWith("apk"));

        CliRun.Result ok = CliRun.run(env, "diff", "--install-sqlite3", "--yes", restored.toString(), address);
        assertThat(ok.exit()).as(ok.stderr()).isZero();
        assertThat(ok.stderr()).contains("installed sqlite3 with: apk add --no-cache sqlite");
        assertThat(api.execs).contains("apk add --no-cache sqlite");
        assertThat(ok.stdout()).contains("users");
    }

    @Test
    void addresses() {
        K8sAddress a = K8sAddress.parse("k8s://prod-ctx@default/web-7c9d-abc:app/data/app.db");
        assertThat(a).isEqualTo(new K8sAddress("prod-ctx", "default", "web-7c9d-abc", "app", "/data/app.db"));
        assertThat(K8sAddress.parse("k8s://ns/pod/data/app.db").container()).isNull();
        assertThatThrownBy(() -> K8sAddress.parse("k8s://ns/pod")).hasMessageContaining("invalid Kubernetes address");
    }
}
