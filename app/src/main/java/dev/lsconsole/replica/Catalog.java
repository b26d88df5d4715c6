package dev.lsconsole.replica;

import dev.lsconsole.config.ConfigLoader;
import dev.lsconsole.config.DbConfig;
import dev.lsconsole.config.LitestreamConfig;
import dev.lsconsole.config.ReplicaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The databases and replicas one litestream.yml (or one replica URL) names, with their clients open.
 * Opening contacts no server: the first listing does.
 */
public final class Catalog implements AutoCloseable {
    /** One database of the config and its replicas; a bare replica URL has no database path. */
    public record Database(String path, List<Replica> replicas) {
        public Database {
            replicas = List.copyOf(replicas);
        }

        /** The name shown for it: the path, or the replica's location for a bare URL. */
        public String title() {
            return path != null ? path : replicas.get(0).client().location();
        }
    }

    private final String source;
    private final List<Database> databases;

    private Catalog(String source, List<Database> databases) {
        this.source = source;
        this.databases = List.copyOf(databases);
    }

    /** Every database of a litestream.yml, as litestream reads it ({@code expandEnv} like -no-expand-env). */
    public static Catalog ofConfig(String configPath, boolean expandEnv, Function<String, String> env) {
        LitestreamConfig config = new ConfigLoader(env).load(configPath, expandEnv);
        ReplicaFactory factory = new ReplicaFactory(env, 10);
        List<Database> dbs = new ArrayList<>();
        try {
            for (DbConfig db : config.dbs()) {
                dbs.add(new Database(db.path(), open(factory, db.replicas(), config.source())));
            }
        } catch (RuntimeException e) {
            dbs.forEach(d -> d.replicas().forEach(Replica::close));
            throw e;
        }
        return new Catalog(String.valueOf(config.source()), dbs);
    }

    /** One replica given by URL (and, for S3-compatible stores, its endpoint and keys). */
    public static Catalog ofReplica(ReplicaConfig replica, Function<String, String> env) {
        ReplicaFactory factory = new ReplicaFactory(env, 10);
        return new Catalog(replica.url(), List.of(new Database(null, List.of(factory.open(replica)))));
    }

    /** Opens the replicas of a config file; a replica it cannot describe is refused naming the file. */
    public static List<Replica> open(ReplicaFactory factory, List<ReplicaConfig> configs, java.nio.file.Path source) {
        try {
            return open(factory, configs);
        } catch (dev.lsconsole.config.ConfigException e) {
            throw source == null ? e : new dev.lsconsole.config.ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** Opens every replica of a list, closing those already open if one fails. */
    public static List<Replica> open(ReplicaFactory factory, List<ReplicaConfig> configs) {
        List<Replica> out = new ArrayList<>();
        try {
            for (ReplicaConfig rc : configs) {
                out.add(factory.open(rc));
            }
        } catch (RuntimeException e) {
            out.forEach(Replica::close);
            throw e;
        }
        return out;
    }

    /**
     * Lists replicas' generations until one answers, so a workspace nothing of which can be read is refused
     * before it replaces one that can: when no replica answers, this catalog is closed and the first error
     * thrown. (A config with some readable replicas opens; the others show their error where listed.)
     */
    public Catalog requireReadable() {
        RuntimeException first = null;
        for (Database d : databases) {
            for (Replica r : d.replicas()) {
                try {
                    r.client().generations();
                    return this;
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            close();
            throw first;
        }
        return this;
    }

    /** The config file or URL this catalog was opened from. */
    public String source() {
        return source;
    }

    public List<Database> databases() {
        return databases;
    }

    @Override
    public void close() {
        databases.forEach(d -> d.replicas().forEach(Replica::close));
    }
}
