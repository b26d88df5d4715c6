package dev.lsconsole.config;

import java.nio.file.Path;
import java.util.List;

/** A parsed {@code litestream.yml}. Global keys are already propagated to replicas, as litestream does. */
public record LitestreamConfig(Path source, String addr, String exec, List<DbConfig> dbs) {
    public LitestreamConfig {
        dbs = List.copyOf(dbs);
    }

    /** The database whose (expanded) path equals {@code path}, or null. */
    public DbConfig db(String path) {
        return dbs.stream().filter(d -> d.path().equals(path)).findFirst().orElse(null);
    }
}
