package dev.lsconsole.cli;

import dev.lsconsole.config.ConfigLoader;
import dev.lsconsole.config.DbConfig;
import dev.lsconsole.config.LitestreamConfig;
import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.config.ReplicaUrl;
import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The flags and argument handling litestream's replica commands share: -config, -no-expand-env, -replica. */
abstract class ReplicaCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = {"-config", "--config"}, paramLabel = "PATH",
            description = "Specifies the configuration file. Defaults to $LITESTREAM_CONFIG or /etc/litestream.yml.")
    String configPath;

    @Option(names = {"-no-expand-env", "--no-expand-env"}, arity = "0..1", fallbackValue = "true",
            description = "Disables environment variable expansion in configuration file.")
    boolean noExpandEnv;

    @Option(names = {"-v", "--verbose"}, arity = "0..1", fallbackValue = "true", description = "Verbose output.")
    boolean verbose;

    /** The replicas an argument names: a replica URL, or a DB path looked up in the config. */
    record Source(List<Replica> replicas, DbConfig db, LitestreamConfig config) implements AutoCloseable {
        @Override
        public void close() {
            replicas.forEach(Replica::close);
        }
    }

    Source resolve(String arg, String replicaName, int connections) {
        Cli.setVerbose(verbose);
        if (arg == null || arg.isEmpty()) {
            throw new CliException("database path or replica URL required");
        }
        ReplicaFactory factory = new ReplicaFactory(cli.env, connections);
        if (ReplicaUrl.isUrl(arg)) {
            if (configPath != null && !configPath.isEmpty()) {
                throw new CliException("cannot specify a replica URL and the -config flag");
            }
            checkUrlScheme(arg);
            return new Source(List.of(factory.open(ReplicaConfig.ofUrl(arg))), null, null);
        }
        LitestreamConfig config = loadConfig();
        String path = ConfigLoader.expandPath(arg);
        DbConfig db = config.db(path);
        if (db == null) {
            throw new CliException("database not found in config: " + path);
        }
        List<ReplicaConfig> chosen = db.replicas();
        if (replicaName != null && !replicaName.isEmpty()) {
            ReplicaConfig rc = db.replica(replicaName);
            if (rc == null) {
                throw new CliException("replica \"" + replicaName + "\" not found for database \"" + db.path() + "\"");
            }
            chosen = List.of(rc);
        }
        return new Source(Catalog.open(factory, chosen, config.source()), db, config);
    }

    /**
     * A replica URL's scheme is a replica type (s3://, file://…): an http(s):// address was typed as the
     * argument, not read from a config, and for S3 the bucket goes in the URL and the endpoint elsewhere.
     */
    static void checkUrlScheme(String arg) {
        String scheme = ReplicaUrl.parse(arg).scheme();
        if (List.of("file", "s3", "gcs", "abs", "sftp").contains(scheme)) {
            return;
        }
        throw new CliException("unknown replica URL scheme \"" + scheme + "\" in the argument " + arg
                + " (litestream's: file, s3, gcs, abs, sftp)" + (scheme.startsWith("http")
                ? "; for S3 write s3://BUCKET/PATH, and for another S3-compatible endpoint give -config with a "
                        + "replica that sets endpoint: and the database path instead of a URL" : ""));
    }

    LitestreamConfig loadConfig() {
        ConfigLoader loader = new ConfigLoader(cli.env);
        String path = configPath == null || configPath.isEmpty() ? loader.defaultConfigPath() : configPath;
        return loader.load(path, !noExpandEnv);
    }
}
