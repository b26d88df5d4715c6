package dev.lsconsole.ui.common;

import java.time.Instant;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The activity log: every restore, diff and push of this session with its outcome (also written to the log file). */
public final class Activity {
    private static final Logger LOG = LoggerFactory.getLogger(Activity.class);

    /**
     * How an entry ended. WARN and FAIL are a health verdict (the check ran; the replica has problems),
     * FAILED is work that could not finish; UNDONE is a push whose undo succeeded since.
     */
    public enum Outcome { RUNNING, OK, WARN, FAIL, FAILED, CANCELLED, UNDONE }

    /** One line of the log; its outcome and detail change when the job ends. */
    public static final class Entry {
        public final Instant started;
        public final String action;
        public final ObjectProperty<Outcome> outcome = new SimpleObjectProperty<>(Outcome.RUNNING);
        public final StringProperty detail = new SimpleStringProperty();
        /** For a push: what the audit log says of it (its undo script, whether it was undone). */
        public final dev.lsconsole.push.AuditLog.Push push;

        Entry(String action, String detail) {
            this(Instant.now(), action, detail, null);
        }

        Entry(Instant started, String action, String detail, dev.lsconsole.push.AuditLog.Push push) {
            this.started = started;
            this.action = action;
            this.detail.set(detail);
            this.push = push;
        }
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();

    public ObservableList<Entry> entries() {
        return entries;
    }

    /** Adds a running entry (call on the FX thread). */
    public Entry start(String action, String detail) {
        Entry e = new Entry(action, detail);
        entries.add(0, e);
        LOG.info("{}: {}", action, detail);
        return e;
    }

    /**
     * Shows the pushes of the audit log (this session's and earlier ones), replacing those shown before,
     * newest first among the other entries (call on the FX thread).
     */
    public void showPushes(java.util.List<dev.lsconsole.push.AuditLog.Push> pushes) {
        entries.removeIf(e -> e.push != null);
        for (dev.lsconsole.push.AuditLog.Push p : pushes) {
            Entry e = new Entry(p.time(), "push", (p.undone() ? "undone at " + Fmt.time(p.undoneAt()) + ": " : "")
                    + p.summary() + (p.outcome().startsWith("interrupted") ? " · " + p.outcome() : "")
                    + (p.error() != null ? " · " + p.error() : ""), p);
            e.outcome.set(p.undone() ? Outcome.UNDONE : switch (p.outcome()) {
                case "ok", dev.lsconsole.push.Pusher.WRITTEN -> Outcome.OK;
                case "started" -> Outcome.FAILED; // no outcome recorded: the app stopped during the push
                default -> Outcome.FAILED;
            });
            entries.add(e);
        }
        FXCollections.sort(entries, java.util.Comparator.comparing((Entry e) -> e.started).reversed());
    }

    /** Ends an entry; safe from any thread. */
    public void finish(Entry e, Outcome outcome, String detail) {
        LOG.info("{} {}: {}", e.action, outcome.name().toLowerCase(java.util.Locale.ROOT), detail);
        Runnable r = () -> {
            e.outcome.set(outcome);
            if (detail != null) {
                e.detail.set(detail);
            }
        };
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
