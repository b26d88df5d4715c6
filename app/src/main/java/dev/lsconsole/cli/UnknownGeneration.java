package dev.lsconsole.cli;

import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.restore.RestorePlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a -generation found nothing when it is not in the replica at all (a typo, another database's
 * generation): litestream only says "no matching backups found"; this says the generation does not exist,
 * how many the replica has and which is the newest.
 */
final class UnknownGeneration {
    private UnknownGeneration() {
    }

    /** The reason, or null when {@code generation} is one of the named replicas' generations. */
    static String reason(List<Replica> replicas, String replicaName, String generation) {
        List<String> names = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Replica r : replicas) {
            if (replicaName == null || replicaName.isEmpty() || r.name().equals(replicaName)) {
                names.add(r.name());
                all.addAll(r.client().generations());
            }
        }
        if (names.isEmpty() || all.contains(generation)) {
            return null;
        }
        String where = (names.size() == 1 ? "replica " : "replicas ") + String.join(", ", names);
        if (all.isEmpty()) {
            return "generation " + generation + " does not exist in " + where + " (it has no generations)";
        }
        RestorePlanner.Target newest = new RestorePlanner().chooseTarget(replicas,
                new RestoreOptions(replicaName, null, null, null));
        return "generation " + generation + " does not exist in " + where + " (it has " + all.size()
                + (all.size() == 1 ? " generation" : " generations")
                + (newest == null ? "" : "; the newest is " + newest.bounds().generation()) + ")";
    }
}
