package dev.lsconsole.ui.settings;

import java.util.ArrayList;
import java.util.List;

/** What the console remembers between runs: recent configs, theme, window bounds, kube context. No secrets. */
public final class Settings {
    public enum Theme { AUTO, LIGHT, DARK }

    public static final int MAX_RECENT = 8;

    public Theme theme = Theme.AUTO;
    public List<String> recentConfigs = new ArrayList<>();
    /** The window size last used; 0 until then (the window then takes 90 % of the screen). */
    public double windowWidth;
    public double windowHeight;
    public String kubeContext;
    /** The Open-replica dialog's last values, for a retry: URL, endpoint, region, path style. Never keys. */
    public LastReplica lastReplica = new LastReplica();

    /** See {@link #lastReplica}. */
    public static final class LastReplica {
        public String url = "";
        public String endpoint = "";
        public String region = "";
        public boolean pathStyle;
    }

    /** Moves {@code path} to the front of the recent list. */
    public void addRecent(String path) {
        recentConfigs.remove(path);
        recentConfigs.add(0, path);
        while (recentConfigs.size() > MAX_RECENT) {
            recentConfigs.remove(recentConfigs.size() - 1);
        }
    }
}
