package dev.lsconsole.live;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Opens live targets in Kubernetes pods with the user's kubeconfig ($KUBECONFIG or ~/.kube/config). */
public final class KubernetesTargets {
    private KubernetesTargets() {
    }

    public static Path kubeconfig(Function<String, String> env) {
        String v = env.apply("KUBECONFIG");
        if (v != null && !v.isBlank()) {
            return Path.of(v.split(java.io.File.pathSeparator)[0]);
        }
        return Path.of(dev.lsconsole.AppDirs.home(env), ".kube", "config"); // $HOME, as kubectl
    }

    /** A client for {@code context} (null: the current context) of the kubeconfig. */
    public static KubernetesClient client(Function<String, String> env, String context) {
        Path file = kubeconfig(env);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LiveException("cannot read kubeconfig " + file + ": " + dev.lsconsole.LocalFiles.reason(e), e);
        }
        Config config;
        try {
            config = Config.fromKubeconfig(context, text, file.toString());
        } catch (RuntimeException e) {
            throw new LiveException("cannot use kubeconfig " + file + (context == null ? "" : " context " + context)
                    + ": " + e.getMessage(), e);
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public static SqliteLiveTarget open(K8sAddress a, Function<String, String> env) {
        KubernetesClient client = client(env, a.context());
        return new SqliteLiveTarget(new KubernetesShell(client, a.namespace(), a.pod(), a.container()), a.dbPath(),
                a.toString(), false);
    }
}
