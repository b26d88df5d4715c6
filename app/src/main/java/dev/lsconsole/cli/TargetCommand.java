package dev.lsconsole.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A replica command that names a database or replica: DB_PATH or REPLICA_URL, and -replica. */
abstract class TargetCommand extends ReplicaCommand {
    @Option(names = {"-replica", "--replica"}, paramLabel = "NAME",
            description = "Only this replica (by default: all; for restore: the one with the latest data).")
    String replica;

    @Parameters(paramLabel = "DB_PATH|REPLICA_URL", arity = "0..1",
            description = "A database path from the config, or a replica URL (s3://…, file://…).")
    String target;

    /** restore's and verify's -parallelism: at least one at a time (litestream 0.3.13 quietly uses one). */
    static void checkParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new CliException("invalid -parallelism " + parallelism + ": download at least 1 WAL index at a time");
        }
    }
}
