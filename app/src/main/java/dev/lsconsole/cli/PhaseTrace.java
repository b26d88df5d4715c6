package dev.lsconsole.cli;

import dev.lsconsole.restore.RestoreProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * For tests that interrupt a restore in a given phase: when the system property
 * {@value #PROPERTY} names a file, each phase the restore enters is appended to it as a line
 * ({@code fetch}, {@code apply N} after N WAL indexes, {@code verify}, {@code done}); verify's phases
 * ({@code list}, {@code read}, {@code deep}, {@code done}) likewise.
 */
final class PhaseTrace {
    static final String PROPERTY = "lsconsole.restore.trace";
    private final Path file;

    private PhaseTrace(Path file) {
        this.file = file;
    }

    /** The trace named by the system property, or null. */
    static PhaseTrace fromSystemProperty() {
        String f = System.getProperty(PROPERTY);
        return f == null || f.isEmpty() ? null : new PhaseTrace(Path.of(f));
    }

    void fetch() {
        line("fetch");
    }

    void on(RestoreProgress p) {
        switch (p.phase()) {
            case SNAPSHOT, WAL -> line("apply " + p.indexesApplied());
            case VERIFY -> line("verify");
            case DONE -> line("done");
        }
    }

    /** A phase named by the job itself (verify's). */
    void phase(String name) {
        line(name);
    }

    private synchronized void line(String s) {
        try {
            Files.writeString(file, s + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
