package dev.lsconsole.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The bundled demo: a replica made by the real litestream v0.3.13, the "live" database after an
 * accident, and a litestream.yml, unpacked into a directory of its own. A file replica's timeline is its
 * objects' modification times, which no jar or git checkout keeps, so they are set from the manifest
 * recorded when the demo was made. The bundled copy is never modified.
 */
public record DemoWorkspace(Path dir, Path config, Path liveDb, Path replica, Instant accident) {
    private static final String ROOT = "/dev/lsconsole/demo/";

    /** The moment just before the accident: restore to this to get the lost rows back. */
    public Instant beforeAccident() {
        return accident.minusMillis(1);
    }

    public static DemoWorkspace unpack(Path dir) {
        try {
            Files.createDirectories(dir);
            try (var s = Files.list(dir)) {
                // a folder the console owns holds its lock file (see TempFolders): empty otherwise
                if (s.anyMatch(p -> !p.getFileName().toString().equals(dev.lsconsole.TempFolders.OWNER))) {
                    throw new IllegalArgumentException("demo directory is not empty: " + dir);
                }
            }
            Path replica = dir.resolve("replica");
            for (String line : resource("manifest.tsv").lines().filter(l -> !l.isBlank()).toList()) {
                String[] f = line.split("\t");
                Path to = replica.resolve(f[0]);
                Files.createDirectories(to.getParent());
                copy("replica/" + f[0], to);
                Files.setLastModifiedTime(to, FileTime.from(Instant.parse(f[1])));
            }
            Path live = dir.resolve("live.db");
            copy("live.db", live);
            Path config = dir.resolve("litestream.yml");
            Files.writeString(config, "# Demo workspace of Litestream Console: the \"live\" database and its replica.\n"
                    + "dbs:\n  - path: " + live + "\n    replicas:\n      - type: file\n        path: " + replica + "\n");
            return new DemoWorkspace(dir, config, live, replica, Instant.parse(resource("accident.txt").strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the demo workspace into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copy(String name, Path to) throws IOException {
        try (InputStream in = open(name)) {
            Files.copy(in, to);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = DemoWorkspace.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IOException("demo resource missing: " + name);
        }
        return in;
    }
}
