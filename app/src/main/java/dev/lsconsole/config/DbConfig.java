package dev.lsconsole.config;

import java.util.List;

/** One entry of {@code dbs[]}: the database path (already expanded to an absolute path) and its replicas. */
public record DbConfig(String path, String metaPath, List<ReplicaConfig> replicas) {
    public DbConfig {
        replicas = List.copyOf(replicas);
    }

    public ReplicaConfig replica(String name) {
        return replicas.stream().filter(r -> r.displayName().equals(name)).findFirst().orElse(null);
    }
}
