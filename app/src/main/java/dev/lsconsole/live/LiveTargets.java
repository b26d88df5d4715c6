package dev.lsconsole.live;

import java.nio.file.Path;

/** Parses a live-database address: a local path, or {@code k8s://[CONTEXT@]NAMESPACE/POD[:CONTAINER]/ABS/DB/PATH}. */
public final class LiveTargets {
    private LiveTargets() {
    }

    public static LiveTarget open(String address, java.util.function.Function<String, String> env) {
        if (address.startsWith("k8s://")) {
            return KubernetesTargets.open(K8sAddress.parse(address), env);
        }
        if (address.matches("^\\w+://.*")) {
            throw new LiveException("unknown live database address " + address
                    + ": use a file path or k8s://[CONTEXT@]NAMESPACE/POD[:CONTAINER]/PATH");
        }
        return SqliteLiveTarget.localFile(Path.of(address));
    }
}
