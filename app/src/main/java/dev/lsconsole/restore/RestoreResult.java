package dev.lsconsole.restore;

import dev.lsconsole.history.Plan;
import java.nio.file.Path;
import java.time.Duration;

/** What a finished restore produced and how it was checked. */
public record RestoreResult(Path output, Plan plan, long fileSize, int pageSize, long walFrames,
                            long pagesWritten, String integrity, Duration elapsed) {
    /** True when the restored file passed SQLite's check ({@code integrity} is e.g. "integrity_check ok"). */
    public boolean checkedOk() {
        return integrity.endsWith(" ok");
    }
}
