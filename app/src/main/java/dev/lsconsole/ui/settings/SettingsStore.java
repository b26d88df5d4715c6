package dev.lsconsole.ui.settings;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings in a small JSON file ({@code settings.json} in the user config directory), written through a
 * temp file and a rename a moment after the last change. A file that cannot be read gives defaults and a
 * warning; it is not overwritten until something changes.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Settings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "settings-save");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pending;

    public SettingsStore(Path file) {
        this.file = file;
        this.settings = load(file);
    }

    public Settings settings() {
        return settings;
    }

    public Path file() {
        return file;
    }

    static Settings load(Path file) {
        if (!Files.exists(file)) {
            return new Settings();
        }
        try {
            Settings s = JSON.readValue(file.toFile(), Settings.class);
            if (s.theme == null) {
                s.theme = Settings.Theme.AUTO;
            }
            if (s.recentConfigs == null) {
                s.recentConfigs = new java.util.ArrayList<>();
            }
            if (s.lastReplica == null) {
                s.lastReplica = new Settings.LastReplica();
            }
            return s;
        } catch (IOException e) {
            LOG.warn("settings file {} cannot be read ({}); using defaults", file, e.getMessage().lines().findFirst()
                    .orElse(""));
            return new Settings();
        }
    }

    /** Saves shortly after the last call. */
    public synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(this::saveNow, 500, TimeUnit.MILLISECONDS);
    }

    public synchronized void saveNow() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), settings);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot save settings to {}: {}", file, e.getMessage());
        }
    }
}
