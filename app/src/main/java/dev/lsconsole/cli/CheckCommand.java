package dev.lsconsole.cli;

import dev.lsconsole.config.GoDuration;
import dev.lsconsole.health.Checker;
import dev.lsconsole.health.ReplicaReport;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** check: a replica's health from its listing alone, for monitors (see {@link Checker}). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a replica's health from its listing (reads no object).",
            "Lag, concurrent writers, generation churn, retention, snapshot age,",
            "objects that are not litestream's.",
            "Exit 0 ok, 1 problems found, 2 could not run."})
final class CheckCommand extends HealthCommand {
    @Option(names = {"--max-lag", "-max-lag"}, paramLabel = "DURATION", defaultValue = "10m",
            description = "Lag (age of the newest object) beyond which replication is reported as stopped "
                    + "(default ${DEFAULT-VALUE}).")
    String maxLag;

    @Option(names = {"--max-churn", "-max-churn"}, paramLabel = "N", defaultValue = "5",
            description = "Generations started in the last day beyond which churn is reported "
                    + "(default ${DEFAULT-VALUE}).")
    int maxChurn;

    @Override
    void validate() {
        if (GoDuration.parse(maxLag).isNegative()) {
            throw new CliException("invalid --max-lag " + maxLag + ": a lag limit cannot be negative (e.g. 10m)");
        }
        if (maxChurn < 0) {
            throw new CliException("invalid --max-churn " + maxChurn + ": a number of generations cannot be negative");
        }
    }

    @Override
    ReplicaReport run(Replica replica, Instant now, Cancellation cancel) {
        return new Checker(GoDuration.parse(maxLag), maxChurn, cancel).check(replica, now);
    }
}
