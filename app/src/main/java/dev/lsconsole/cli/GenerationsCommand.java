package dev.lsconsole.cli;

import dev.lsconsole.config.GoDuration;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.restore.RestorePlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "generations", mixinStandardHelpOptions = true,
        description = {"List the generations of a database or replica.",
            "With each one's lag behind the database and the time range it covers."})
final class GenerationsCommand extends TargetCommand {

    @Override
    public Integer call() {
        try (Source src = resolve(target, replica, 8)) {
            Instant dbUpdatedAt = src.db() == null ? Instant.now() : localUpdatedAt(Path.of(src.db().path()));
            RestorePlanner planner = new RestorePlanner();
            TabTable t = new TabTable("name", "generation", "lag", "start", "end");
            for (Replica r : src.replicas()) {
                List<String> generations = r.client().generations();
                V03Only.noteIfLtxOnly(cli.err, r, generations, "v0.3 generations",
                        "`ltx -level all` (one TXID chain) and `timeline`");
                for (String g : generations) {
                    GenerationBounds b = planner.bounds(r, g);
                    Instant start = b.isEmpty() ? Instant.parse("0001-01-01T00:00:00Z") : b.createdAt();
                    Instant end = b.isEmpty() ? start : b.updatedAt();
                    Duration lag = GoDuration.truncateForDisplay(Duration.between(end, dbUpdatedAt));
                    t.add(r.name(), g, GoDuration.format(lag), Times.rfc3339(start), Times.rfc3339(end));
                }
            }
            t.print(cli.out);
        }
        return 0;
    }

    /**
     * litestream's DB.UpdatedAt: the later of the database's and its -wal's modification time. When the
     * database is not on this machine (the usual case for us) litestream fails; we measure lag from now.
     */
    static Instant localUpdatedAt(Path db) {
        try {
            Instant t = Files.getLastModifiedTime(db).toInstant();
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            if (Files.exists(wal)) {
                Instant w = Files.getLastModifiedTime(wal).toInstant();
                if (w.isAfter(t)) {
                    t = w;
                }
            }
            return t;
        } catch (IOException e) {
            return Instant.now();
        }
    }
}
