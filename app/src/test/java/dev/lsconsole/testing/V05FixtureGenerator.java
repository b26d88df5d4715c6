package dev.lsconsole.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-makes the committed v0.5 fixtures with the real litestream (excluded from the normal run by its tag):
 * {@code mvn -B -o test -Dtest=V05FixtureGenerator -Dtest.excludedGroups=bench -Dsurefire.failIfNoSpecifiedTests=false}
 * writes src/test/resources/v05/fixture-file (v0.5.16) and fixture-file-v0515 (v0.5.15, LZ4-frame pages).
 */
@Tag("fixture")
class V05FixtureGenerator {
    @TempDir
    Path tmp;

    @Test
    void v0516() throws Exception {
        generate(V05Fixture.V0516, V05Replica.Settings.quick());
    }

    @Test
    void v0515() throws Exception {
        generate(V05Fixture.V0515, V05Replica.Settings.quick().withVersion("v0.5.15"));
    }

    private void generate(String name, V05Replica.Settings settings) throws Exception {
        try (V05Replica r = V05Replica.make(tmp, V05Replica.Target.FILE, settings, false)) {
            Path target = V05Fixture.sourceDir(name);
            Litestream.deleteTree(target);
            ObjectNode expected = V05Fixture.JSON.createObjectNode();
            expected.put("litestream", settings.version());
            expected.put("made_at", Instant.now().toString());
            expected.put("note", "files[].mtime_ms is what tests must set (git drops mtimes); litestream's file "
                    + "client reads 'created' from the mtime, which it set to the LTX header timestamp");
            Litestream.Result ls = r.ltxListing("all");
            if (ls.exit() != 0) {
                throw new IllegalStateException("litestream ltx failed: " + ls.stderr());
            }
            expected.set("ltx", V05Fixture.JSON.readTree(ls.stdout()));
            ArrayNode files = expected.putArray("files");
            List<Long> l0Times = new ArrayList<>();
            long firstSnapshot = Long.MAX_VALUE;
            long newest = 0;
            for (var e : r.filesByLevel().entrySet()) {
                for (String f : e.getValue()) {
                    String rel = "ltx/" + e.getKey() + "/" + f;
                    Path src = r.replicaRoot.resolve(rel);
                    long header = V05Fixture.headerTimestamp(src);
                    ObjectNode n = files.addObject();
                    n.put("path", rel);
                    n.put("level", e.getKey());
                    n.put("timestamp_ms", header);
                    n.put("timestamp", Instant.ofEpochMilli(header).toString());
                    n.put("mtime_ms", Files.getLastModifiedTime(src).toMillis());
                    Path to = target.resolve("replica").resolve(rel);
                    Files.createDirectories(to.getParent());
                    Files.copy(src, to, StandardCopyOption.COPY_ATTRIBUTES);
                    if (e.getKey() == 0) {
                        l0Times.add(header);
                    }
                    newest = Math.max(newest, header);
                    if (e.getKey() == 9) {
                        firstSnapshot = Math.min(firstSnapshot, header);
                    }
                }
            }
            ArrayNode commits = expected.putArray("commits");
            for (V05Replica.Commit c : r.commits()) {
                commits.addObject().put("txid", c.txidHex()).put("committed_at", c.committedAt().toString())
                        .put("rows", c.rows());
            }
            ArrayNode cases = expected.putArray("cases");
            String url = r.replicaRoot.toUri().toString();
            for (List<String> args : cases(r.commits(), l0Times, firstSnapshot, newest)) {
                cases.add(V05Fixture.runCase(settings.version(), tmp, url, args));
            }
            Files.createDirectories(target);
            V05Fixture.JSON.writerWithDefaultPrettyPrinter().writeValue(target.resolve("expected.json").toFile(),
                    expected);
        }
    }

    /**
     * Txids (middle, early, last, beyond); timestamps at an L0 file's time, 1 ms after, between two, at the next,
     * after the second L0 file (before any snapshot), before the first snapshot, just after it, at the newest file's time, after it.
     */
    private static List<List<String>> cases(List<V05Replica.Commit> commits, List<Long> l0, long firstSnapshot,
                                            long newest) {
        l0.sort(Long::compare);
        long mid = l0.get(l0.size() / 2);
        long next = l0.get(l0.size() / 2 + 1);
        long lastTxid = commits.get(commits.size() - 1).txid();
        return List.of(
                List.of("-txid", commits.get(commits.size() / 2).txidHex()),
                List.of("-txid", commits.get(1).txidHex()),
                List.of("-txid", String.format("%016x", lastTxid)),
                List.of("-txid", String.format("%016x", lastTxid + 5)),
                ts(mid), ts(mid + 1), ts((mid + next) / 2), ts(next),
                ts(l0.get(1) + 1), ts(firstSnapshot - 1000), ts(firstSnapshot + 1),
                ts(newest), ts(newest + 1), ts(newest + 3_600_000));
    }

    private static List<String> ts(long ms) {
        return List.of("-timestamp", Instant.ofEpochMilli(ms).toString());
    }
}
