package dev.lsconsole.restore;

import java.time.Instant;

/**
 * What to restore, as litestream's flags say it: an optional replica name, generation, WAL index
 * (inclusive; needs a generation) or point in time. All null means "the latest data".
 */
public record RestoreOptions(String replicaName, String generation, Integer index, Instant timestamp) {
    public static RestoreOptions latest() {
        return new RestoreOptions(null, null, null, null);
    }

    public RestoreOptions {
        if (index != null && timestamp != null) {
            throw new IllegalArgumentException("cannot specify index & timestamp to restore");
        }
        if (index != null && (generation == null || generation.isEmpty())) {
            throw new IllegalArgumentException("must specify generation when restoring to index");
        }
    }
}
