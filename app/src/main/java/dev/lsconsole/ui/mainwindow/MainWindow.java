package dev.lsconsole.ui.mainwindow;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.ui.browse.ReplicaBadges;
import dev.lsconsole.ui.browse.ReplicaTree;
import dev.lsconsole.ui.browse.TimelineView;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Themes;
import dev.lsconsole.ui.inspect.RestoredView;
import dev.lsconsole.ui.settings.Settings;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The console's window: a toolbar (open a config, a replica URL or the demo; recent files; theme), the
 * replica tree, the timeline and one tab per restored database, and the activity log.
 */
public final class MainWindow extends BorderPane {
    private final Ctx ctx;
    /** Lag beyond which the tree's health badge of a replica fails (as check's default --max-lag). */
    private static final java.time.Duration LIVE_LAG = java.time.Duration.ofMinutes(10);
    /** The tree's share of the window's width at first, and its most once the window narrows. */
    private static final double TREE_SHARE = 0.3;
    private final ReplicaTree tree;
    private final TimelineView timeline;
    private final TabPane tabs = new TabPane();
    /** A tab's title beyond this width is elided (its tooltip has it whole). */
    private static final double TAB_MAX_WIDTH = 170;
    private final Tab timelineTab;
    private final StackPane center = new StackPane();
    /** The tree beside the tabs, once a workspace is open. */
    private final SplitPane main;
    /** The welcome screen, then {@link #main}, above the activity log. */
    private final SplitPane vertical;
    private final ActivityDock dock;
    private final MenuButton recent = new MenuButton("Recent", new FontIcon(Feather.CLOCK));
    private final Label where = new Label();
    private Catalog catalog;
    private DemoWorkspace demo;
    private final dev.lsconsole.ui.timetravel.TimeTravel timeTravel;
    /** Keys typed in "Open replica URL…", in memory for this window's session only. */
    private final OpenReplicaDialog.SessionKeys sessionKeys = new OpenReplicaDialog.SessionKeys();

    /** What the views share (the app sweeps leftover temp folders through it). */
    public Ctx ctx() {
        return ctx;
    }

    public MainWindow(Ctx ctx) {
        this.ctx = ctx;
        setId("main-window");
        timeline = new TimelineView(ctx, this::restored);
        timelineTab = new Tab("Timeline", timeline);
        tree = new ReplicaTree(ctx, (db, replica, generation, all) -> {
            tabs.getSelectionModel().select(timelineTab);
            timeline.show(db, replica, generation, all);
            flagConcurrentWriters(replica);
        });
        timeline.setOnGeneration(g -> tree.selectSibling(g));
        timeTravel = new dev.lsconsole.ui.timetravel.TimeTravel(ctx, new dev.lsconsole.ui.timetravel.TimeTravel.Host() {
            @Override
            public void openTab(String title, javafx.scene.Node content, Runnable onClose) {
                Tab t = new Tab(uniqueTitle(title), content);
                t.setId("tab-timetravel");
                t.setOnClosed(e -> onClose.run());
                tabs.getTabs().add(t);
                tabs.getSelectionModel().select(t);
            }

            @Override
            public String restoreAt(Replica replica, String generation, java.time.Instant t) {
                return timeline.restoreAt(replica, generation, t);
            }

            @Override
            public void mark(Replica replica, String generation, java.util.List<dev.lsconsole.ui.browse.TimelineChart.Mark> m,
                             java.time.Instant from, java.time.Instant to) {
                timeline.mark(replica, generation, m, from, to);
            }
        });
        timeline.setOnChanges((replica, generation, live, from, to) -> timeTravel.changes(
                new dev.lsconsole.ui.timetravel.Scope(replica, generation, from, live), from, to));
        tree.badges().setOnBadge((r, b) -> {
            tree.refresh();
            if (timeline.replica() == r) {
                flagConcurrentWriters(r);
            }
        });
        timelineTab.setClosable(false);
        timelineTab.setId("tab-timeline");
        tabs.getTabs().add(timelineTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        // narrow tabs, each with its whole title on hover: six fit at 1600 wide, so Timeline stays in sight
        tabs.setTabMaxWidth(TAB_MAX_WIDTH);
        tabs.getTabs().addListener((javafx.collections.ListChangeListener<Tab>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(MainWindow::titleOnHover);
            }
        });
        titleOnHover(timelineTab);

        Button openConfig = new Button("Open config…", new FontIcon(Feather.FILE_TEXT));
        openConfig.setId("open-config");
        openConfig.setTooltip(new Tooltip("Open a litestream.yml (Ctrl+O)"));
        openConfig.setOnAction(e -> chooseConfig());
        Button openUrl = new Button("Open replica URL…", new FontIcon(Feather.CLOUD));
        openUrl.setId("open-url");
        openUrl.setTooltip(new Tooltip("s3://bucket/path, with endpoint and keys (Ctrl+U)"));
        openUrl.setOnAction(e -> chooseReplica());
        Button openDemo = new Button("Open demo", new FontIcon(Feather.PLAY_CIRCLE));
        openDemo.setId("open-demo");
        openDemo.setTooltip(new Tooltip("A bundled replica and a live database after an accident (Ctrl+D)"));
        openDemo.setOnAction(e -> openDemo());
        Button health = new Button("Health…", new FontIcon(Feather.ACTIVITY));
        health.setId("health-button");
        health.setTooltip(new Tooltip("Check the chosen replica, verify every object, catch a second writer"));
        health.setOnAction(e -> {
            Replica r = tree.selectedReplica();
            if (r == null) {
                where.setText("Choose a replica or one of its generations in the tree, then click Health…");
                return;
            }
            dev.lsconsole.ui.health.HealthView.open(ctx, r, tree.badges());
        });
        ToggleButton dark = new ToggleButton("", new FontIcon(Feather.MOON));
        dark.setTooltip(new Tooltip("Dark theme"));
        dark.setSelected(Themes.isDark(ctx.settings.settings().theme));
        dark.setOnAction(e -> {
            ctx.settings.settings().theme = dark.isSelected() ? Settings.Theme.DARK : Settings.Theme.LIGHT;
            ctx.settings.changed();
            Themes.apply(dark.isSelected());
        });
        refreshRecent();
        Region grow = new Region();
        javafx.scene.layout.HBox.setHgrow(grow, Priority.ALWAYS);
        where.getStyleClass().add("text-muted");
        ToolBar bar = new ToolBar(openConfig, openUrl, openDemo, recent, new javafx.scene.control.Separator(), health,
                grow, dark);
        setTop(bar);
        where.setId("status-line");
        dev.lsconsole.ui.common.Fmt.elided(where);
        where.setPadding(new Insets(4, 10, 4, 10));

        VBox emptyBox = new VBox(12, title("Recover lost rows from a Litestream replica"),
                new Label("Open your litestream.yml or a replica URL, or try the demo: a shop database that lost invoices."),
                new javafx.scene.layout.HBox(8, button("Open demo", this::openDemo), button("Open config…",
                        this::chooseConfig), button("Open replica URL…", this::chooseReplica)));
        emptyBox.setAlignment(Pos.CENTER);
        ((javafx.scene.layout.HBox) emptyBox.getChildren().get(2)).setAlignment(Pos.CENTER);
        emptyBox.setId("empty-state");

        main = new SplitPane(tree, tabs);
        main.setDividerPositions(TREE_SHARE);
        SplitPane.setResizableWithParent(tree, false);
        // the tree keeps its width as the window grows; as it shrinks, the tree gives way (at most 30 %), so
        // the timeline of a narrow window keeps room for its restore points' times
        main.widthProperty().addListener((o, was, w) -> {
            if (w.doubleValue() > 0 && w.doubleValue() < was.doubleValue()
                    && tree.getWidth() > TREE_SHARE * w.doubleValue()) {
                javafx.application.Platform.runLater(() -> main.setDividerPositions(TREE_SHARE));
            }
        });
        dock = new ActivityDock(ctx);
        // the welcome screen stands where the tree and tabs will: the activity log docks under either
        // (on the welcome screen its button showed the log inside the hidden workspace: nothing at all)
        vertical = new SplitPane(emptyBox);
        vertical.setOrientation(Orientation.VERTICAL);
        dock.dockInto(vertical);
        vertical.setDividerPositions(0.8);
        where.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.HBox.setHgrow(where, Priority.ALWAYS);
        javafx.scene.layout.HBox status = new javafx.scene.layout.HBox(8, where, dock.openButton());
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(0, 6, 0, 0));
        setBottom(status);
        ctx.setOnPushesChanged(this::reloadPushes);
        reloadPushes();
        vertical.setId("workspace");
        center.getChildren().add(vertical);
        setCenter(center);
        setPadding(Insets.EMPTY);
    }

    /** Puts the tree and tabs where the welcome screen stood (once), the log's divider where it was. */
    private void showWorkspace() {
        if (vertical.getItems().get(0) != main) {
            double[] dividers = vertical.getDividerPositions();
            vertical.getItems().set(0, main);
            vertical.setDividerPositions(dividers);
            dock.workspaceOpened();
        }
    }

    /** Lists the pushes of the audit log in the activity log (at start, after each push or undo). */
    private void reloadPushes() {
        java.nio.file.Path log = ctx.dataDir.resolve("audit.log");
        ctx.jobs.job(c -> dev.lsconsole.push.AuditLog.read(log)).onSuccess(p -> {
            ctx.activity.showPushes(p.pushes());
            if (p.unreadableLines() > 0) {
                org.slf4j.LoggerFactory.getLogger(MainWindow.class).warn("{} lines of {} are not audit entries",
                        p.unreadableLines(), log);
            }
        }).onError(t -> org.slf4j.LoggerFactory.getLogger(MainWindow.class).warn("cannot read {}: {}", log,
                t.getMessage())).start();
    }

    private static Label title(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("title-2");
        return l;
    }

    private static Button button(String text, Runnable r) {
        Button b = new Button(text);
        b.setOnAction(e -> r.run());
        return b;
    }

    /** Keyboard shortcuts, once the window is in a scene. */
    public void installShortcuts(Scene scene) {
        // Windows opened by a shortcut open after the key event, never inside it: a modal dialog's nested event
        // loop started from GTK's key handling crashed the JVM (SIGSEGV in GTK) twice in a tester's session
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                () -> Platform.runLater(this::chooseConfig));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN),
                () -> Platform.runLater(this::chooseReplica));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN),
                () -> Platform.runLater(this::openDemo));
        // quits as the window's close button does: asks about temporary copies first
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> Platform.runLater(() -> {
                    if (confirmClose()) {
                        scene.getWindow().hide();
                    }
                }));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), () -> {
            Tab t = tabs.getSelectionModel().getSelectedItem();
            if (t != null && t != timelineTab) {
                tabs.getTabs().remove(t);
                if (t.getOnClosed() != null) {
                    t.getOnClosed().handle(null);
                }
            }
        });
    }

    private void chooseConfig() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open litestream.yml");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Litestream config", "*.yml", "*.yaml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        java.io.File f = fc.showOpenDialog(getScene().getWindow());
        if (f != null) {
            openConfig(f.getAbsolutePath());
        }
    }

    private void chooseReplica() {
        new OpenReplicaDialog(getScene().getWindow(), ctx.settings.settings().lastReplica, ctx.settings::changed,
                sessionKeys).showAndWait().ifPresent(this::openReplica);
    }

    public void openConfig(String path) {
        open(() -> Catalog.ofConfig(path, true, ctx.env).requireReadable(), path, LIVE_LAG, () -> { }, () -> {
            ctx.settings.settings().addRecent(path);
            ctx.settings.changed();
            refreshRecent();
        });
    }

    /** Flags on the timeline's lanes the generations the replica's last check found written alongside others. */
    private void flagConcurrentWriters(Replica replica) {
        ReplicaBadges.Badge b = tree.badges().of(replica);
        timeline.lanes().setConcurrentWriters(b == null ? null : b.concurrentWith());
    }

    public void openReplica(ReplicaConfig rc) {
        open(() -> Catalog.ofReplica(rc, ctx.env).requireReadable(), rc.url(), LIVE_LAG, () -> { }, () -> { });
    }

    /**
     * Opens a fresh copy of the demo. The previous copy is deleted only once the new one is open (a
     * failed open leaves the previous workspace whole); the last copy is deleted on close.
     */
    public void openDemo() {
        DemoWorkspace[] fresh = new DemoWorkspace[1];
        open(() -> {
            try {
                // owned like restored copies: deleted at exit (SIGTERM too), else by the next start's sweep
                fresh[0] = DemoWorkspace.unpack(ctx.temps.create("lsc-demo-"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create a temp directory for the demo: " + e.getMessage(), e);
            }
            return Catalog.ofConfig(fresh[0].config().toString(), true, ctx.env).requireReadable();
        }, "the demo workspace", null, () -> {
            if (fresh[0] != null) { // not opened (failed, or Cancel when asked about restored copies)
                ctx.temps.delete(fresh[0].dir());
            }
        }, () -> { // a frozen copy: its writer stopped long ago on purpose
            if (demo != null) {
                ctx.temps.delete(demo.dir());
            }
            demo = fresh[0];
            // the story first, its folder last: a narrow window cuts the end (the tooltip has it all)
            where.setTextOverrun(javafx.scene.control.OverrunStyle.WORD_ELLIPSIS);
            where.setText("Demo: the invoices of team customers were deleted at "
                    + dev.lsconsole.ui.common.Fmt.time(demo.accident()) + "; restore to a moment before it. "
                    + "Workspace: " + demo.dir());
            timeline.setMarker(demo.accident(), "accident");
        });
    }

    /**
     * Opens a workspace in the background. On failure the current workspace stays whole and active (its
     * tree, timeline and tabs), the error in one line; on success it is replaced whole: its tabs close
     * (temporary restored copies are asked about first, as quitting does; Cancel keeps the current one
     * and drops the new) and the old timeline is cleared before the new tree shows. {@code discard} runs
     * when the new workspace is not used.
     */
    private void open(Supplier<Catalog> opener, String what, java.time.Duration maxLag, Runnable discard,
                      Runnable after) {
        ctx.jobs.job(c -> opener.get()).onSuccess(cat -> {
            Copies copies = askAboutCopies("open", "Open " + what, "open");
            if (copies == Copies.STAY) {
                cat.close();
                discard.run();
                return;
            }
            closeWorkspaceTabs(copies == Copies.KEEP);
            timeline.clear();
            if (catalog != null) {
                catalog.close();
            }
            catalog = cat;
            where.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_WORD_ELLIPSIS);
            where.setText(cat.source());
            timeline.setMarker(null, null);
            showWorkspace();
            tabs.getSelectionModel().select(timelineTab);
            tree.show(cat, maxLag);
            after.run();
        }).onError(t -> {
            discard.run();
            ctx.showError("Could not open " + what, t); // the window's title: failed, not still opening
        }).start();
    }

    private void refreshRecent() {
        recent.getItems().clear();
        for (String p : ctx.settings.settings().recentConfigs) {
            MenuItem i = new MenuItem(p);
            i.setOnAction(e -> openConfig(p));
            recent.getItems().add(i);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private void restored(RestoreResult r, String label, String source, boolean temporary) {
        // the restore came from the timeline: its database's live file, whatever node the tree has selected
        String live = timeline.database() == null ? null : timeline.database().path();
        RestoredView view = new RestoredView(ctx, r, live, temporary, timeTravel);
        Tab t = new Tab(uniqueTitle("Restored " + label), view);
        t.setId("tab-restored");
        t.setTooltip(new Tooltip(source + "\nrestore point " + label + "\n" + r.output()));
        t.setOnClosed(e -> view.close());
        tabs.getTabs().add(t);
        tabs.getSelectionModel().select(t);
    }

    /** Tab titles never repeat: a second restore of the same point gets "(2)", and so on. */
    private String uniqueTitle(String base) {
        java.util.Set<String> used = new java.util.HashSet<>();
        tabs.getTabs().forEach(x -> used.add(x.getText()));
        String title = base;
        for (int n = 2; used.contains(title); n++) {
            title = base + " (" + n + ")";
        }
        return title;
    }

    /** Titles of the open tabs, in order (tests read them). */
    /** Gives a tab a tooltip that follows its title (tabs are narrow: a long title is elided). */
    private static void titleOnHover(Tab t) {
        if (t.getTooltip() == null) {
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(t.textProperty());
            t.setTooltip(tip);
        }
    }

    public java.util.List<String> tabTitles() {
        return tabs.getTabs().stream().map(Tab::getText).toList();
    }

    /** The demo workspace, once opened. */
    public DemoWorkspace demo() {
        return demo;
    }

    /** "action OUTCOME" of each activity entry, newest first (what the activity pane lists). */
    public java.util.List<String> activityOutcomes() {
        return ctx.activity.entries().stream().map(e -> e.action + " " + e.outcome.get()).toList();
    }

    /** Each activity entry as "action: detail" (tests read what the log says). */
    public java.util.List<String> activityDetails() {
        return ctx.activity.entries().stream().map(e -> e.action + ": " + e.detail.get()).toList();
    }

    /** The longest the FX thread has been busy at once since the window opened (see FxWatchdog). */
    public long maxFxStallMs() {
        return ctx.watchdog.maxStallMs();
    }

    public TimelineView timeline() {
        return timeline;
    }

    /**
     * Asks before the window closes when temporary restored copies are open: delete them (the default)
     * or keep them where they are. False when the user chose to stay.
     */
    public boolean confirmClose() {
        Copies c = askAboutCopies("quit", "Quit Litestream Console", "close");
        if (c == Copies.KEEP) {
            keepTemporaryCopies();
        }
        return c != Copies.STAY;
    }

    /** The answer about temporary restored copies before their tabs close (quitting, opening another workspace). */
    private enum Copies { NONE, DELETE, KEEP, STAY }

    private java.util.List<RestoredView> temporaryCopies() {
        return tabs.getTabs().stream().map(Tab::getContent)
                .filter(c -> c instanceof RestoredView v && v.isTemporary()).map(c -> (RestoredView) c).toList();
    }

    /**
     * Asks what to do with the temporary restored copies before "Delete … and VERB": NONE when there are
     * none, STAY on Cancel. The dialog's id is ID-confirm, its buttons ID-delete and ID-keep.
     */
    private Copies askAboutCopies(String verb, String title, String id) {
        java.util.List<RestoredView> temps = temporaryCopies();
        if (temps.isEmpty()) {
            return Copies.NONE;
        }
        javafx.scene.control.ButtonType delete = new javafx.scene.control.ButtonType("Delete " + temps.size()
                + (temps.size() == 1 ? " copy" : " copies") + " and " + verb, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.ButtonType keep = new javafx.scene.control.ButtonType("Keep and " + verb,
                javafx.scene.control.ButtonBar.ButtonData.OTHER);
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                String.join("\n", temps.stream().map(v -> v.file().toString()).toList()), delete, keep,
                javafx.scene.control.ButtonType.CANCEL);
        a.initOwner(getScene().getWindow());
        dev.lsconsole.ui.common.ChildWindows.centerOnOwner(a);
        a.setTitle(title);
        a.setHeaderText(temps.size() + " restored " + (temps.size() == 1 ? "copy is" : "copies are")
                + " in temporary folders and will be deleted.");
        a.getDialogPane().setId(id + "-confirm");
        a.getDialogPane().lookupButton(delete).setId(id + "-delete");
        a.getDialogPane().lookupButton(keep).setId(id + "-keep");
        dev.lsconsole.ui.common.DialogButtons.fitLabels(a); // "Delete 1 copy and quit" whole, even at 1024x700
        a.getDialogPane().setPrefWidth(600); // the theme's widest: a temp copy's path on one line
        javafx.scene.control.ButtonType b = a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL);
        return b == delete ? Copies.DELETE : b == keep ? Copies.KEEP : Copies.STAY;
    }

    private void keepTemporaryCopies() {
        for (RestoredView v : temporaryCopies()) {
            v.keep();
            org.slf4j.LoggerFactory.getLogger(MainWindow.class).info("kept {}", v.file());
        }
    }

    /**
     * Closes every tab of the workspace being replaced (restored copies, time-travel results) as closing
     * them by hand does: walks still running are cancelled, temporary copies deleted unless {@code keep}.
     */
    private void closeWorkspaceTabs(boolean keep) {
        if (keep) {
            keepTemporaryCopies();
        }
        for (Tab t : java.util.List.copyOf(tabs.getTabs())) {
            if (t != timelineTab) {
                tabs.getTabs().remove(t);
                if (t.getOnClosed() != null) {
                    t.getOnClosed().handle(null);
                }
            }
        }
    }

    public void close() {
        tabs.getTabs().forEach(t -> {
            if (t.getContent() instanceof RestoredView v) {
                v.close();
            } else if ("tab-timetravel".equals(t.getId()) && t.getOnClosed() != null) {
                t.getOnClosed().handle(null); // a walk still running is cancelled; kept states are removed
            }
        });
        if (catalog != null) {
            catalog.close();
        }
        ctx.watchdog.stop();
        if (demo != null && !ctx.temps.delete(demo.dir())) {
            org.slf4j.LoggerFactory.getLogger(MainWindow.class).warn("cannot delete the demo copy {}", demo.dir());
        }
    }
}
