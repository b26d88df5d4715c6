package dev.lsconsole.live;

import java.nio.file.Path;

/** Parses a live-database address: a local path, or {@code k8s://[CONTEXT@]NAMESPACE/POD[:CONTAINER]/ABS/DB/PATH}. */
public final class LiveTargets {
    private LiveTargets() {
    }

    public static LiveTarget open(String address) {
        if (address.startsWith("k8s://")) {
            throw new LiveException("Kubernetes targets (" + address + ") are not supported yet by this version; "
                    + "copy the database with the steps in the README or use a local file");
        }
        if (address.matches("^\\w+://.*")) {
            throw new LiveException("unknown live database address " + address
                    + ": use a file path or k8s://[CONTEXT@]NAMESPACE/POD[:CONTAINER]/PATH");
        }
        return SqliteLiveTarget.localFile(Path.of(address));
    }
}
