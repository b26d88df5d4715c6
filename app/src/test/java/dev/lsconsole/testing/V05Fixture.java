package dev.lsconsole.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The committed v0.5 replicas made by the real litestream (src/test/resources/v05/fixture-file*): a file-layout
 * replica with levels 0, 1, 2 and 9 and, in expected.json, what litestream said about it when it was made
 * (its {@code ltx -level all -json} listing, each file's LTX header timestamp and mtime, the commits, and
 * restore cases with the sha256 of the restored database or litestream's one-line error and exit code).
 * Git does not keep mtimes and litestream's file client takes a file's "created" time from its mtime, so
 * {@link #materialize} copies the replica and sets each file's mtime back before anyone reads it.
 */
public final class V05Fixture {
    public static final String V0516 = "fixture-file";
    public static final String V0515 = "fixture-file-v0515";
    static final ObjectMapper JSON = new ObjectMapper();

    private V05Fixture() {
    }

    /** Copies the v0.5.16 fixture's replica to {@code tempDir/replica} with its mtimes; returns that folder. */
    public static Path materialize(Path tempDir) throws IOException {
        return materialize(V0516, tempDir);
    }

    public static Path materialize(String name, Path tempDir) throws IOException {
        Path replica = tempDir.resolve("replica");
        for (JsonNode f : expected(name).get("files")) {
            String rel = f.get("path").asText();
            Path to = replica.resolve(rel);
            Files.createDirectories(to.getParent());
            try (InputStream in = resource(name + "/replica/" + rel)) {
                Files.copy(in, to);
            }
            Files.setLastModifiedTime(to, FileTime.fromMillis(f.get("mtime_ms").asLong()));
        }
        return replica;
    }

    /** The fixture's expected.json. */
    public static JsonNode expected(String name) throws IOException {
        try (InputStream in = resource(name + "/expected.json")) {
            return JSON.readTree(in);
        }
    }

    private static InputStream resource(String rel) throws IOException {
        InputStream in = V05Fixture.class.getResourceAsStream("/v05/" + rel);
        if (in == null) {
            throw new IOException("test resource v05/" + rel + " is missing");
        }
        return in;
    }

    /** Where the fixture lives in the source tree (for the generator), found from the compiled resources. */
    static Path sourceDir(String name) throws IOException, URISyntaxException {
        URL marker = V05Fixture.class.getResource("/logback-test.xml");
        Path testClasses = Path.of(marker.toURI()).getParent(); // app/target/test-classes
        return testClasses.getParent().getParent().resolve("src/test/resources/v05").resolve(name);
    }

    /**
     * One restore case run by the real litestream ({@code version}) on a replica URL: {args, exit, sha256} on
     * success, {args, exit, error} (the line litestream printed starting "Error:", else its last line) on failure.
     */
    public static ObjectNode runCase(String version, Path dir, String url, List<String> args) throws Exception {
        Path out = Files.createTempFile(dir, "restore-", ".db");
        Files.delete(out);
        List<String> cmd = new java.util.ArrayList<>(List.of("restore", "-o", out.toString()));
        cmd.addAll(args);
        cmd.add(url);
        Litestream.Result r = Litestream05.exec(version, dir, Map.of(), cmd.toArray(String[]::new));
        ObjectNode c = JSON.createObjectNode();
        args.forEach(c.putArray("args")::add);
        c.put("exit", r.exit());
        if (r.exit() == 0) {
            c.put("sha256", sha256(out));
            Files.delete(out);
        } else {
            c.put("error", errorLine(r.stdout() + "\n" + r.stderr()));
            Files.deleteIfExists(out);
        }
        return c;
    }

    static String errorLine(String output) {
        String last = "";
        for (String line : output.split("\n")) {
            if (line.startsWith("Error:")) {
                return line.strip();
            }
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        return last;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The timestamp (ms since the epoch) in an LTX file's header: bytes 32..39, big-endian. */
    static long headerTimestamp(Path ltx) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(ltx.toFile(), "r")) {
            f.seek(32);
            return f.readLong();
        }
    }
}
