package dev.lsconsole.timetravel;

import java.nio.file.Path;

/** What bisect watches: a result read from the database at one restore point, compared with {@code equals}. */
public interface Probe<S> {
    S read(Path db);
}
