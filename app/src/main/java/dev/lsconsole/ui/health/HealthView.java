package dev.lsconsole.ui.health;

import dev.lsconsole.health.Checker;
import dev.lsconsole.health.Problem;
import dev.lsconsole.health.ReplicaReport;
import dev.lsconsole.health.Verifier;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.config.GoDuration;
import dev.lsconsole.ui.browse.ReplicaBadges;
import dev.lsconsole.ui.common.Activity;
import dev.lsconsole.ui.common.ChildWindows;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Fmt;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * One replica's health in the window, on the same core as the CLI's `check` and `verify`: a status
 * badge, the figures a monitor wants (lag, oldest restorable moment, snapshot age, churn), verify's
 * restorable windows (every one of each generation), and every problem with its object key. "Check" lists the replica (fast); "Verify now" reads every object;
 * "Deep verify" also restores each snapshot alone and each generation's newest point and runs
 * integrity_check. Progress and
 * Cancel while it runs; the work is cancelled in core when the window closes.
 * Lag is judged by the workspace's lag limit, the one the tree's badge uses (none for the demo, a frozen
 * copy), set here, by check and by both verifies alike (the CLI's verify reads objects and judges no lag; here
 * a verify must not clear the lag verdict of a check on the same listing); each verdict becomes the
 * replica's badge and its activity row's outcome, so the three never disagree.
 */
public final class HealthView extends BorderPane {
    private final Ctx ctx;
    private final Replica replica;
    private final ReplicaBadges badges;
    private final TextField maxLag = new TextField();
    private final Label maxLagHint = new Label();
    private final Label status = new Label("Not checked yet");
    private final Label figures = new Label();
    private final Label windows = new Label();
    private final TableView<Problem> problems = new TableView<>();
    /** What the empty table says: "No problems found" only after a run that judged the replica. */
    private final Label noProblems = new Label("Not checked yet");
    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final Button cancel = new Button("Cancel");
    private final List<Button> actions;
    private Task<ReplicaReport> running;

    private HealthView(Ctx ctx, Replica replica, ReplicaBadges badges) {
        this.ctx = ctx;
        this.replica = replica;
        this.badges = badges;
        setId("health-view");
        setPadding(new Insets(12));
        Label title = new Label("Replica " + replica.name() + " · " + replica.client().location());
        title.getStyleClass().add("title-4");
        Fmt.elided(title);
        status.setId("health-status");
        status.getStyleClass().add("badge");
        status.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        figures.setId("health-figures");
        figures.setWrapText(true);
        windows.setId("health-windows");
        windows.setWrapText(true);
        windows.managedProperty().bind(windows.textProperty().isNotEmpty()); // no blank line before verify ran
        Button check = new Button("Check");
        check.setId("health-check");
        check.setOnAction(e -> run(false, false));
        Button verify = new Button("Verify now");
        verify.setId("health-verify");
        verify.setOnAction(e -> run(true, false));
        Button deep = new Button("Deep verify");
        deep.setId("health-deep");
        deep.setOnAction(e -> run(true, true));
        actions = List.of(check, verify, deep);
        cancel.setId("health-cancel");
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        progress.setPrefWidth(200);
        HBox bar = new HBox(8, check, verify, deep, progress, progressText, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        showRunning(false);
        setupTable();
        setTop(new VBox(8, title, new HBox(10, status, figures), lagLimitRow(), windows, bar));
        setCenter(problems);
        BorderPane.setMargin(problems, new Insets(10, 0, 0, 0));
    }

    /**
     * Opens the health window of {@code replica} over its owner and runs a check at once; its verdicts
     * become the replica's badge in {@code badges}, whose lag limit it judges lag by.
     */
    public static HealthView open(Ctx ctx, Replica replica, ReplicaBadges badges) {
        HealthView v = new HealthView(ctx, replica, badges);
        Stage s = new Stage();
        s.initOwner(ctx.window());
        s.setTitle("Health of replica " + replica.name());
        Scene scene = new Scene(v);
        scene.getStylesheets().addAll(ctx.window().getScene().getStylesheets());
        s.setScene(scene);
        s.setOnHidden(e -> {
            if (v.running != null) {
                v.running.cancel();
            }
        });
        ChildWindows.placeOverOwner(s, 900, 560, 640, 400);
        s.show();
        v.run(false, false);
        return v;
    }

    /** "Lag limit [10m]": beyond it the newest object's age fails the check; empty: lag is only a figure. */
    private HBox lagLimitRow() {
        maxLag.setId("health-max-lag");
        maxLag.setPrefColumnCount(6);
        maxLag.setPromptText("none");
        maxLag.setText(badges.maxLag() == null ? "" : GoDuration.format(badges.maxLag()));
        maxLag.setTooltip(new javafx.scene.control.Tooltip("A Go duration such as 10m, 1h or 1h30m; empty: no limit"));
        maxLag.setOnAction(e -> applyLagLimit());
        maxLag.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                applyLagLimit();
            }
        });
        maxLagHint.setId("health-max-lag-hint");
        maxLagHint.setWrapText(true);
        showLagHint(null);
        Label name = new Label("Lag limit");
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        maxLag.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the hint wraps; the field keeps its width
        HBox.setHgrow(maxLagHint, javafx.scene.layout.Priority.ALWAYS);
        HBox row = new HBox(8, name, maxLag, maxLagHint);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Takes the limit typed (Enter or leaving the field): the workspace's badges and this window check again. */
    private void applyLagLimit() {
        String text = maxLag.getText().strip();
        Duration d;
        try {
            d = text.isEmpty() ? null : GoDuration.parse(text);
            if (d != null && d.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
        } catch (RuntimeException e) {
            showLagHint("Not a duration: \"" + text + "\" (e.g. 10m, 1h, 1h30m; empty: no limit).");
            return;
        }
        showLagHint(null);
        if (java.util.Objects.equals(d, badges.maxLag())) {
            return;
        }
        badges.setMaxLag(d);
        showLagHint(null);
        if (running == null) {
            run(false, false);
        }
    }

    private void showLagHint(String error) {
        maxLagHint.getStyleClass().remove("error-text");
        if (error != null) {
            maxLagHint.getStyleClass().add("error-text");
            maxLagHint.setText(error);
        } else {
            maxLagHint.setText(badges.maxLag() == null
                    ? "None: the newest object's age is shown, not judged. Type e.g. 10m to fail a replica idle longer."
                    : "The check fails when the newest object is older (empty: no limit).");
        }
    }

    private void setupTable() {
        problems.setId("health-problems");
        noProblems.setId("health-no-problems");
        noProblems.setWrapText(true);
        problems.setPlaceholder(noProblems);
        problems.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        problems.setRowFactory(t -> new javafx.scene.control.TableRow<>() { // the whole key and message
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setTooltip(empty || p == null ? null : new javafx.scene.control.Tooltip(p.kind().label() + ": "
                        + p.object() + "\n" + p.message()));
            }
        });
        problems.getColumns().setAll(List.of(col("Kind", p -> p.kind().label(), 130), col("Object", Problem::object, 330),
                col("What is wrong", Problem::message, 400)));
    }

    private static TableColumn<Problem, String> col(String name, java.util.function.Function<Problem, String> f,
                                                    double width) {
        TableColumn<Problem, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private void run(boolean verify, boolean deep) {
        if (running != null) {
            return;
        }
        showRunning(true);
        status.setText(verify ? "Verifying…" : "Checking…");
        Verifier[] v = new Verifier[1];
        Path[] tmp = new Path[1];
        Duration lag = badges.maxLag();
        String what = deep ? "deep verify" : verify ? "verify" : "check";
        running = ctx.jobs.<ReplicaReport>job(c -> {
            if (!verify) {
                return new Checker(lag, ReplicaBadges.MAX_CHURN, c.cancellation(), ReplicaBadges.LAG_LIMIT_NAME)
                        .check(replica, Instant.now());
            }
            tmp[0] = ctx.temps.create("lsc-verify-"); // deleted at exit (SIGTERM too) if the verify still runs
            v[0] = new Verifier(new Verifier.Options(null, deep, 8, tmp[0]), c.cancellation());
            ReplicaReport r = v[0].verify(replica, Instant.now());
            Checker.judgeLag(r, lag, ReplicaBadges.LAG_LIMIT_NAME); // the lag did not change: keep its verdict
            return r;
        }).logged(what, replica.name() + " · " + replica.client().location(), HealthView::summary)
                .outcome(r -> switch (r.status()) {
                    case "ok" -> Activity.Outcome.OK;
                    case "warn" -> Activity.Outcome.WARN;
                    default -> Activity.Outcome.FAIL;
                })
                .onSuccess(r -> {
                    show(r);
                    badges.report(replica, r, what);
                })
                .onError(t -> {
                    status.setText("Could not run");
                    status.getStyleClass().removeAll("badge-ok", "badge-bad");
                    figures.setText(""); // the figures of an earlier run are no verdict on the replica now
                    windows.setText("");
                    problems.getItems().clear();
                    noProblems.setText("Could not run: nothing was judged (the error window says why).");
                    ctx.showError("Health of replica " + replica.name(), t);
                })
                .andFinally(() -> {
                    if (tmp[0] != null) {
                        ctx.temps.delete(tmp[0]);
                    }
                    running = null;
                    showRunning(false);
                    if (status.getText().endsWith("…")) {
                        status.setText("Cancelled");
                        noProblems.setText(problems.getItems().isEmpty() && figures.getText().isEmpty()
                                ? "Cancelled: nothing was judged." : noProblems.getText());
                    }
                })
                .start();
        javafx.animation.Timeline tick = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.millis(250), e -> {
                    if (v[0] != null) {
                        long[] p = v[0].progress();
                        progressText.setText(p[0] + " objects, " + Fmt.bytes(p[1]) + " read");
                    }
                }));
        tick.setCycleCount(javafx.animation.Animation.INDEFINITE);
        tick.play();
        running.runningProperty().addListener((o, a, b) -> {
            if (!b) {
                tick.stop();
            }
        });
    }

    private void showRunning(boolean on) {
        actions.forEach(b -> b.setDisable(on));
        for (javafx.scene.Node n : List.of(progress, progressText, cancel)) {
            n.setVisible(on);
            n.setManaged(on);
        }
        progressText.setText("");
    }

    private void show(ReplicaReport r) {
        status.setText(r.status().toUpperCase(java.util.Locale.ROOT));
        status.getStyleClass().removeAll("badge-ok", "badge-bad");
        status.getStyleClass().add(r.status().equals("ok") ? "badge-ok" : "badge-bad");
        StringBuilder f = new StringBuilder();
        f.append(r.generations().size()).append(r.generations().size() == 1 ? " generation" : " generations");
        if (r.lag() != null) {
            f.append(" · newest object ").append(human(r.lag())).append(" old");
            if (badges.maxLag() == null) {
                f.append(" (no lag limit)");
            }
        }
        if (r.oldestRestorable() != null) {
            f.append(" · restorable from ").append(Fmt.time(r.oldestRestorable()));
        }
        if (r.snapshotAge() != null) {
            f.append(" · newest snapshot ").append(human(r.snapshotAge())).append(" old");
        }
        f.append(" · ").append(r.generationsLastDay()).append(" started in the last day");
        if (r.objectsRead() > 0) {
            f.append(" · ").append(r.objectsRead()).append(" objects, ").append(Fmt.bytes(r.bytesRead())).append(" read");
        }
        figures.setText(f.toString());
        windows.setText(windows(r));
        problems.setItems(FXCollections.observableArrayList(r.problems()));
        noProblems.setText("No problems found");
    }

    /** The activity row's detail: how many problems and of which kinds ("no problems found" when none). */
    static String summary(ReplicaReport r) {
        if (r.problemCount() == 0) {
            return "no problems found";
        }
        java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
        r.problems().forEach(p -> kinds.add(p.kind().label()));
        return r.problemCount() + (r.problemCount() == 1 ? " problem: " : " problems: ") + String.join(", ", kinds);
    }

    /** verify's restorable windows, one line per window (a generation split by a fault has several). */
    private static String windows(ReplicaReport r) {
        StringBuilder b = new StringBuilder();
        r.windows().forEach((g, ws) -> ws.forEach(w -> b.append(b.length() == 0 ? "Restorable:\n" : "\n")
                .append("  ").append(dev.lsconsole.history.History.label(g)).append("  ")
                .append(w.restorable() ? Fmt.time(w.from()) + " – " + Fmt.time(w.to()) : "nothing")
                .append(w.note() == null ? "" : "  (" + w.note() + ")")));
        return b.toString();
    }

    /** The restorable windows shown, as text (tests read it). */
    public String windowsText() {
        return windows.getText();
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s < 172800 ? s / 3600 + " h" : s / 86400 + " days";
    }

    /** The problems shown (tests read them). */
    public List<Problem> problems() {
        return problems.getItems();
    }
}
