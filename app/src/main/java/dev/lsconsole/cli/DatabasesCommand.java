package dev.lsconsole.cli;

import dev.lsconsole.config.DbConfig;
import dev.lsconsole.config.LitestreamConfig;
import dev.lsconsole.config.ReplicaConfig;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "databases", mixinStandardHelpOptions = true,
        description = "List databases specified in the config file.")
final class DatabasesCommand extends ReplicaCommand {
    @Override
    public Integer call() {
        Cli.setVerbose(verbose);
        LitestreamConfig config = loadConfig();
        TabTable t = new TabTable("path", "replicas");
        for (DbConfig db : config.dbs()) {
            for (ReplicaConfig r : db.replicas()) { // litestream builds each replica first: an unknown type fails
                try {
                    dev.lsconsole.replica.ReplicaFactory.checkType(r);
                } catch (dev.lsconsole.config.ConfigException e) {
                    throw new CliException(config.source() + ": " + e.getMessage());
                }
            }
            t.add(db.path(), db.replicas().stream().map(ReplicaConfig::displayName).collect(Collectors.joining(",")));
        }
        t.print(cli.out);
        return 0;
    }
}
