package dev.lsconsole.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What verify or check found on one replica: its generations' figures, problems (the first
 * {@value #MAX_PROBLEMS} kept in full, all counted by kind), verify's restorable windows (every one of each
 * generation) and check's
 * monitor figures. Problems may be added from worker threads.
 */
public final class ReplicaReport {
    static final int MAX_PROBLEMS = 1000;

    private final String replica;
    private final String location;
    private final Instant now;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private Map<String, GenerationStats> generations = Map.of();
    private final Map<String, List<Window>> windows = new LinkedHashMap<>();
    private final Map<String, java.util.SortedSet<String>> concurrent = new java.util.TreeMap<>();
    private List<String> emptyGenerations = List.of();
    private long objectsRead;
    private long bytesRead;

    ReplicaReport(String replica, String location, Instant now) {
        this.replica = replica;
        this.location = location;
        this.now = now;
    }

    synchronized void add(Problem p) {
        counts.merge(p.kind(), 1, Integer::sum);
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }

    void generations(Map<String, GenerationStats> g) {
        generations = Collections.unmodifiableMap(g);
    }

    void emptyGenerations(List<String> names) {
        emptyGenerations = List.copyOf(names);
    }

    /** Generation folders with nothing in them (litestream stopped before their first snapshot): a note, not a problem. */
    public List<String> emptyGenerations() {
        return emptyGenerations;
    }

    /** Adds one of a generation's restorable windows (in time order). */
    synchronized void window(Window w) {
        windows.computeIfAbsent(w.generation(), g -> new ArrayList<>()).add(w);
    }

    /** Records that generations {@code a} and {@code b} were written at the same time (both ways). */
    synchronized void concurrent(String a, String b) {
        concurrent.computeIfAbsent(a, g -> new java.util.TreeSet<>()).add(b);
        concurrent.computeIfAbsent(b, g -> new java.util.TreeSet<>()).add(a);
    }

    /** check's concurrent writers: each generation another one was written alongside, with those others. */
    public synchronized Map<String, java.util.SortedSet<String>> concurrentWith() {
        Map<String, java.util.SortedSet<String>> out = new java.util.TreeMap<>();
        concurrent.forEach((g, o) -> out.put(g, java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(o))));
        return out;
    }

    synchronized void read(long objects, long bytes) {
        objectsRead = objects;
        bytesRead = bytes;
    }

    public String replica() {
        return replica;
    }

    public String location() {
        return location;
    }

    /** The moment the report was made (lag and ages are measured from it). */
    public Instant now() {
        return now;
    }

    public synchronized List<Problem> problems() {
        return List.copyOf(problems);
    }

    public synchronized Map<Kind, Integer> counts() {
        return new EnumMap<>(counts);
    }

    public synchronized int problemCount() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Map<String, GenerationStats> generations() {
        return generations;
    }

    /** verify's restorable windows of each generation, oldest first (more than one when a fault splits it). */
    public synchronized Map<String, List<Window>> windows() {
        Map<String, List<Window>> out = new LinkedHashMap<>();
        windows.forEach((g, w) -> out.put(g, List.copyOf(w)));
        return out;
    }

    public synchronized long objectsRead() {
        return objectsRead;
    }

    public synchronized long bytesRead() {
        return bytesRead;
    }

    /** "ok", "warn" (only warn kinds) or "fail". */
    public synchronized String status() {
        return status(counts.keySet());
    }

    static String status(Iterable<Kind> kinds) {
        String s = "ok";
        for (Kind k : kinds) {
            if (k.fails()) {
                return "fail";
            }
            s = "warn";
        }
        return s;
    }

    /** The generation written last (the one litestream replicates to now), or null. */
    public GenerationStats current() {
        GenerationStats cur = null;
        for (GenerationStats g : generations.values()) {
            if (g.last() != null && (cur == null || g.last().isAfter(cur.last()))) {
                cur = g;
            }
        }
        return cur;
    }

    /** Age of the newest object of the replica, or null when it holds none. */
    public Duration lag() {
        GenerationStats cur = current();
        return cur == null ? null : Duration.between(cur.last(), now);
    }

    /** Age of the current generation's newest snapshot, or null. */
    public Duration snapshotAge() {
        GenerationStats cur = current();
        return cur == null || cur.newestSnapshot() == null ? null : Duration.between(cur.newestSnapshot(), now);
    }

    /** The oldest moment any generation can be restored to ({@link GenerationStats#restorableFrom}), or null. */
    public Instant oldestRestorable() {
        Instant t = null;
        for (GenerationStats g : generations.values()) {
            Instant from = g.restorableFrom();
            if (from != null && (t == null || from.isBefore(t))) {
                t = from;
            }
        }
        return t;
    }

    /** Generations whose first object is less than a day old. */
    public int generationsLastDay() {
        Instant dayAgo = now.minus(Duration.ofDays(1));
        return (int) generations.values().stream().filter(g -> g.first() != null && g.first().isAfter(dayAgo))
                .filter(g -> !g.generation().equals(dev.lsconsole.history.History.LTX_ID)) // the v0.5 chain never restarts
                .count();
    }
}
