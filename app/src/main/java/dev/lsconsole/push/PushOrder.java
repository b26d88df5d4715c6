package dev.lsconsole.push;

import dev.lsconsole.diff.SchemaInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order tables are written in: parents before children, from the live schema's foreign keys
 * (Kahn's algorithm, ties by name). A cycle is refused with the cycle named, unless the user allows it
 * (the rows then go in one transaction and foreign_key_check before COMMIT is the guard).
 */
final class PushOrder {
    private PushOrder() {
    }

    static List<String> of(Collection<String> tables, SchemaInfo live, boolean allowCycles) {
        Set<String> left = new TreeSet<>(tables);
        List<String> out = new ArrayList<>();
        while (!left.isEmpty()) {
            String next = left.stream().filter(t -> parents(t, live, left).isEmpty()).findFirst().orElse(null);
            if (next == null) {
                if (!allowCycles) {
                    throw new PushException("foreign keys form a cycle: " + cycle(left, live) + "; no order writes "
                            + "parents first. Push them anyway with --allow-fk-cycles (one transaction, checked by "
                            + "foreign_key_check before COMMIT)");
                }
                next = left.iterator().next();
            }
            out.add(next);
            left.remove(next);
        }
        return out;
    }

    /** Tables among {@code left} that {@code t} refers to (not itself). */
    private static Set<String> parents(String t, SchemaInfo live, Set<String> left) {
        Set<String> out = new TreeSet<>();
        for (SchemaInfo.ForeignKey f : live.foreignKeys(t)) {
            for (String l : left) {
                if (l.equalsIgnoreCase(f.parent()) && !l.equalsIgnoreCase(t)) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** One cycle among the tables left, as "a -> b -> a" ("refers to"). */
    private static String cycle(Set<String> left, SchemaInfo live) {
        List<String> path = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String t = left.iterator().next();
        while (seen.add(t)) {
            path.add(t);
            t = parents(t, live, left).iterator().next();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(t), path.size()));
        loop.add(t);
        return String.join(" -> ", loop);
    }
}
