package dev.lsconsole;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.live.KubernetesTargets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The app's own files follow the environment it is given, as any Linux program's do: $HOME, then the
 * XDG variables. Java's user.home comes from the password file, so it must not win over $HOME.
 */
@EnabledOnOs(OS.LINUX)
class AppDirsTest {
    @Test
    void homeFromTheEnvironmentNotThePasswordFile() {
        Map<String, String> env = Map.of("HOME", "/tmp/tester-home");
        assertThat(AppDirs.data(env::get)).isEqualTo(Path.of("/tmp/tester-home/.local/share/litestream-console"));
        assertThat(AppDirs.config(env::get)).isEqualTo(Path.of("/tmp/tester-home/.config/litestream-console"));
        assertThat(AppDirs.logFile(env::get))
                .isEqualTo(Path.of("/tmp/tester-home/.local/share/litestream-console/logs/console.log"));
    }

    @Test
    void xdgVariablesWinOverHome() {
        Map<String, String> env = Map.of("HOME", "/tmp/tester-home", "XDG_DATA_HOME", "/srv/data",
                "XDG_CONFIG_HOME", "/srv/conf");
        assertThat(AppDirs.data(env::get)).isEqualTo(Path.of("/srv/data/litestream-console"));
        assertThat(AppDirs.config(env::get)).isEqualTo(Path.of("/srv/conf/litestream-console"));
        assertThat(AppDirs.logFile(env::get)).isEqualTo(Path.of("/srv/data/litestream-console/logs/console.log"));
    }

    @Test
    void relativeXdgValuesAreIgnoredAsTheSpecSays() {
        Map<String, String> env = Map.of("HOME", "/tmp/tester-home", "XDG_DATA_HOME", "rel/data", "XDG_CONFIG_HOME", "");
        assertThat(AppDirs.data(env::get)).isEqualTo(Path.of("/tmp/tester-home/.local/share/litestream-console"));
        assertThat(AppDirs.config(env::get)).isEqualTo(Path.of("/tmp/tester-home/.config/litestream-console"));
    }

    @Test
    void noHomeFallsBackToTheAccount() {
        Map<String, String> env = Map.of();
        assertThat(AppDirs.data(env::get))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "share", "litestream-console"));
    }

    @Test
    void kubeconfigFollowsHomeAsKubectlDoes() {
        Map<String, String> env = Map.of("HOME", "/tmp/tester-home");
        assertThat(KubernetesTargets.kubeconfig(env::get)).isEqualTo(Path.of("/tmp/tester-home/.kube/config"));
    }
}
