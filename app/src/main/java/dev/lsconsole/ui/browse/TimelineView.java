package dev.lsconsole.ui.browse;

import dev.lsconsole.history.History;
import dev.lsconsole.history.Plan;
import dev.lsconsole.history.Restores;
import dev.lsconsole.ltx.Granularity;
import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.ltx.LtxPlan;
import dev.lsconsole.ltx.LtxPlanner;
import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.restore.RestoreException;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.restore.RestorePlan;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.restore.RestoreProgress;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.restore.Verify;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Fmt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One generation's timeline: the chart, a date-time picker that says exactly which restore point a
 * moment uses, every restore point in a table, and the restore itself (progress, throughput, cancel).
 */
public final class TimelineView extends BorderPane {
    /** One row of the points table: a snapshot or a WAL segment, with the exact time to restore up to it. */
    public record Point(String kind, Instant time, int index, long offset, long size) {
    }

    private final Ctx ctx;
    private final Restored onRestored;
    private final TimelineChart chart = new TimelineChart();
    private final GenerationLanes lanes = new GenerationLanes();
    private final Label title = new Label("Choose a generation in the tree on the left.");
    private final Label summary = new Label();
    private final DatePicker date = new DatePicker();
    private final TextField clock = new TextField();
    private final Label snap = new Label();
    private final TableView<Point> points = new TableView<>();
    private final Button restore = new Button("Restore", new FontIcon(Feather.DOWNLOAD));
    private final Button restoreTo = new Button("Restore to…");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Button cancel = new Button("Cancel");
    private final HBox progressRow;

    private Catalog.Database db;
    private Replica replica;
    private RestorePlanner.Listing listing;
    private GenerationBounds bounds;
    private Instant chosen;
    private Plan plan;
    /** The replica's v0.5 chain when it is shown instead of a generation (then {@code listing} only feeds the chart). */
    private LtxChain chain;
    private Task<?> running;
    /** Counts clear(): a restore started before the last one belongs to a workspace that is gone. */
    private int cleared;
    private boolean updatingFields;
    private final dev.lsconsole.ui.common.Jobs.Slot listingSlot = new dev.lsconsole.ui.common.Jobs.Slot();
    private final javafx.util.StringConverter<LocalDate> baseDates;
    /** Set while the table's selection follows a choice made elsewhere (it must not choose again). */
    private boolean showingInTable;
    private String dateNote;
    private Changes onChanges = (r, g, live, a, b) -> { };
    private final Button changes = new Button("Changes between…", new FontIcon(Feather.GIT_PULL_REQUEST));

    /** Asks for what changed in generation {@code generation} between two moments (a drag or the dialog). */
    public interface Changes {
        void request(Replica replica, String generation, String live, Instant from, Instant to);
    }

    /** Receives a finished restore; {@code temporary} when it went to a temp directory of ours. */
    public interface Restored {
        /** {@code label}: the restore point's time; {@code source}: database, replica and generation. */
        void accept(RestoreResult result, String label, String source, boolean temporary);
    }

    public TimelineView(Ctx ctx, Restored onRestored) {
        this.ctx = ctx;
        this.onRestored = onRestored;
        setId("timeline-view");
        setPadding(new Insets(10, 12, 8, 12)); // tight vertically: a laptop's window leaves the table little room
        title.getStyleClass().add("title-4");
        Fmt.elided(title);
        Fmt.elided(summary);
        // the summary's times come first and are what matters: a narrow window cuts its end, never them
        summary.setTextOverrun(javafx.scene.control.OverrunStyle.WORD_ELLIPSIS);
        summary.getStyleClass().add("text-muted");
        summary.setId("timeline-summary");
        date.setId("restore-date");
        baseDates = date.getConverter();
        date.setConverter(lenientDates());
        date.setPrefWidth(150);
        date.setMinWidth(130);
        clock.setId("restore-time");
        clock.setPromptText("HH:mm:ss.SSS");
        clock.setPrefColumnCount(10);
        snap.setId("restore-snap");
        snap.setWrapText(true);
        Button latest = new Button("Latest");
        latest.setOnAction(e -> choose(bounds == null ? null : bounds.updatedAt()));
        // One validated moment: every edit of the date or the time is parsed and planned at once, so
        // Restore and Restore to… always use what the fields say, or are disabled with the reason.
        date.setOnAction(e -> typed());
        date.getEditor().textProperty().addListener((o, a, b) -> typed());
        clock.textProperty().addListener((o, a, b) -> typed());
        clock.setOnAction(e -> { // Enter after a typed time restores it, as the Restore button would
            if (!restore.isDisabled()) {
                restore(null);
            }
        });
        chart.setOnPick(this::choose);
        chart.setOnRange(this::changesBetween);
        changes.setId("changes-button");
        changes.setTooltip(new javafx.scene.control.Tooltip("What changed between two moments (or drag across the chart)"));
        changes.setOnAction(e -> {
            Instant[] r = chart.range();
            Instant a = r != null ? r[0] : bounds.createdAt();
            Instant b = r != null ? r[1] : chosen != null ? chosen : bounds.updatedAt();
            ChangesDialog.ask(getScene().getWindow(), bounds, a, b).ifPresent(x -> changesBetween(x[0], x[1]));
        });
        restore.setId("restore-button");
        restore.getStyleClass().add("accent");
        restore.setDefaultButton(false);
        restore.setOnAction(e -> restore(null));
        restoreTo.setId("restore-to-button");
        restoreTo.disableProperty().bind(restore.disableProperty());
        restoreTo.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Restore to a new file");
            fc.setInitialFileName(baseName() + ".db");
            java.io.File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) {
                restore(f.toPath());
            }
        });
        cancel.setId("restore-cancel");
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        progressText.setId("restore-progress-text");
        progress.setPrefWidth(260);
        progress.setMinWidth(60); // in a narrow window the bar gives way, not Cancel's word
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        progressRow = new HBox(10, progress, cancel);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.setVisible(false);
        // the progress line under the buttons, the whole width: bytes, throughput and time left stay readable
        progressText.setWrapText(true);
        progressText.setMaxWidth(Double.MAX_VALUE);
        progressText.setMinHeight(Region.USE_PREF_SIZE);
        progressText.visibleProperty().bind(progressRow.visibleProperty());
        progressText.managedProperty().bind(progressRow.visibleProperty());

        Label restoreToLabel = new Label("Restore to");
        restoreToLabel.setMinWidth(Region.USE_PREF_SIZE); // in a narrow window the fields give way, not the words
        latest.setMinWidth(Region.USE_PREF_SIZE);
        clock.setMinWidth(130);
        HBox picker = new HBox(8, restoreToLabel, date, clock, latest);
        picker.setAlignment(Pos.CENTER_LEFT);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        changes.setMinWidth(Region.USE_PREF_SIZE);
        restore.setMinWidth(Region.USE_PREF_SIZE);
        restoreTo.setMinWidth(Region.USE_PREF_SIZE);
        // hidden progress takes no room: in a narrow window the buttons keep their words
        progressRow.managedProperty().bind(progressRow.visibleProperty());
        HBox actions = new HBox(8, restore, restoreTo, changes, grow, progressRow);
        actions.setAlignment(Pos.CENTER_LEFT);
        setupTable();
        VBox top = new VBox(4, title, summary, lanes, chart, picker, snap, actions, progressText);
        top.setPadding(new Insets(0, 0, 6, 0));
        setTop(top);
        setCenter(points);
        setDisable(true);
    }

    private void setupTable() {
        points.setId("restore-points");
        points.setPlaceholder(new Label("No restore points"));
        points.getStyleClass().add(atlantafx.base.theme.Styles.DENSE); // one-line rows: more restore points in view
        points.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setupColumns(false);
        points.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (showingInTable) {
                return;
            }
            if (p != null && chain != null) {
                chooseTxid(p.offset()); // chain points can share a time: the row names its TXID
            } else if (p != null && !p.time().equals(chosen)) {
                choose(p.time());
            }
        });
    }

    /**
     * The points table's columns: a v0.3 generation's objects (WAL index, offset), or the v0.5 chain's
     * restore points (the LTX file's level and the TXID it restores to, in {@code index}/{@code offset}).
     */
    private void setupColumns(boolean ltx) {
        TableColumn<Point, String> time = col("Restore point (local time)", p -> Fmt.time(p.time()));
        time.setPrefWidth(210);
        dev.lsconsole.ui.common.WholeTextCell.apply(time); // the column that tells the points apart keeps its text
        TableColumn<Point, String> kind = col("Object", Point::kind);
        TableColumn<Point, String> size = col("Stored size", p -> Fmt.bytes(p.size()));
        if (ltx) {
            TableColumn<Point, String> txid = col("TXID", p -> LtxNames.txid(p.offset()));
            txid.setMinWidth(150); // 16 hex digits, whole: people copy them into restore -txid
            kind.setPrefWidth(120);
            time.setPrefWidth(190);
            points.getColumns().setAll(List.of(time, kind, txid, size));
            return;
        }
        TableColumn<Point, String> index = col("WAL index", p -> Layout.hex8(p.index()));
        TableColumn<Point, String> offset = col("Offset", p -> p.offset() < 0 ? "" : Layout.hex8((int) p.offset()));
        dev.lsconsole.ui.common.WholeTextCell.apply(index); // 8 hex digits: a cut one reads as any other
        dev.lsconsole.ui.common.WholeTextCell.apply(offset);
        points.getColumns().setAll(List.of(time, kind, index, offset, size));
    }

    private static TableColumn<Point, String> col(String name, java.util.function.Function<Point, String> f) {
        TableColumn<Point, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    /** Where a click on another generation's lane goes (the tree chooses it). */
    public void setOnGeneration(java.util.function.Consumer<String> c) {
        lanes.setOnChoose(c);
    }

    /** The database whose replica is shown, or null. */
    public Catalog.Database database() {
        return db;
    }

    /** The replica shown, or null. */
    public Replica replica() {
        return replica;
    }

    /** The lanes of every generation of the replica shown (tests read them). */
    public GenerationLanes lanes() {
        return lanes;
    }

    /**
     * Loads and shows one generation (its listing is read once and kept for planning); {@code all}, every
     * generation of the replica, goes on the lanes above the chart.
     */
    public void show(Catalog.Database db, Replica replica, String generation, List<GenerationBounds> all) {
        if (bounds == null || !generation.equals(bounds.generation()) || replica != this.replica) {
            chart.setMarks(List.of(), null, null); // marks belong to the generation they were found in
        }
        this.db = db;
        this.replica = replica;
        lanes.show(all, generation);
        setDisable(true);
        if (History.LTX_ID.equals(generation)) {
            showChain();
            return;
        }
        chain = null;
        chart.setBands(List.of());
        title.setText("Generation " + generation + " · replica " + replica.name() + " · " + db.title());
        summary.setText("Reading the generation's listing…");
        ctx.jobs.job(c -> new RestorePlanner().list(replica, generation)).in(listingSlot).onSuccess(l -> {
            listing = l;
            bounds = RestorePlanner.bounds(generation, l);
            loaded();
        }).onError(t -> {
            summary.setText("Cannot read this generation.");
            ctx.showError("Reading generation " + generation, t);
        }).start();
    }

    /** Loads the replica's v0.5 chain: every restore point (one per LTX file of the finest steps). */
    private void showChain() {
        title.setText("v0.5 LTX chain · replica " + replica.name() + " · " + db.title());
        summary.setText("Reading the LTX files of every level…");
        Replica r = replica;
        Task<LtxChain> task = ctx.jobs.job(c -> LtxChain.of(r, (done, total) -> c.progress(total == 0 ? -1
                : (double) done / total, "Reading the exact times of the chain's " + total + " restore points: "
                + done + " of " + total + "…"))).in(listingSlot).onSuccess(ch -> {
            chain = ch;
            List<SnapshotInfo> snaps = new ArrayList<>();
            List<WalSegmentInfo> others = new ArrayList<>();
            long bytes = 0;
            for (LtxChain.Step st : ch.steps()) { // the chart draws snapshots as diamonds, other points as ticks
                if (st.file().isSnapshot()) {
                    snaps.add(new SnapshotInfo(History.LTX_ID, snaps.size(), st.file().size(), st.time()));
                } else {
                    others.add(new WalSegmentInfo(History.LTX_ID, st.file().level(), st.txid(), st.file().size(), st.time()));
                }
                bytes += st.file().size();
            }
            listing = new RestorePlanner.Listing(snaps, others);
            List<LtxChain.Step> steps = ch.steps();
            bounds = steps.isEmpty() ? new GenerationBounds(History.LTX_ID, null, null, 0, 0, 0)
                    : new GenerationBounds(History.LTX_ID, steps.get(0).time(), steps.get(steps.size() - 1).time(),
                    snaps.size(), others.size(), bytes);
            chainLoaded();
        }).onError(t -> {
            summary.setText("Cannot read the v0.5 LTX chain.");
            ctx.showError("Reading the v0.5 LTX chain", t);
        }).start();
        task.messageProperty().addListener((o, a, m) -> {
            if (!task.isDone() && m != null && !m.isEmpty()) {
                summary.setText(m); // S3: one HEAD per restore point for its exact time, 8 at a time
            }
        });
    }

    private void chainLoaded() {
        List<Granularity.Band> bands = Granularity.bands(chain.steps());
        StringBuilder spacing = new StringBuilder();
        for (Granularity.Band b : bands) {
            if (b.points() > 1) {
                spacing.append(spacing.length() == 0 ? "" : "; ").append("level ").append(b.level()).append(" from ")
                        .append(Fmt.CLOCK.format(b.from())).append(b.level() == 0 ? ", each sync (" : ", about ")
                        .append(Granularity.human(b.gap())).append(b.level() == 0 ? " apart)" : " apart");
            }
        }
        summary.setText(bounds.isEmpty() ? "No restore point: no LTX file starts at TXID 1 (a snapshot)."
                : chain.steps().size() + " restore points, " + Fmt.span(bounds.createdAt(), bounds.updatedAt())
                + " · they thin out with age: " + spacing); // whole, wrapped, in the tooltip
        chart.setData(listing, bounds);
        List<TimelineChart.Band> shown = new ArrayList<>();
        for (Granularity.Band b : bands) {
            shown.add(new TimelineChart.Band(b.from(), b.to(), "L" + b.level() + (b.points() < 2 ? ""
                    : " · " + (b.level() == 0 ? "each sync" : "~" + Granularity.human(b.gap())))));
        }
        chart.setBands(shown);
        List<Point> rows = new ArrayList<>(chain.steps().size());
        for (LtxChain.Step st : chain.steps()) {
            rows.add(new Point(st.file().isSnapshot() ? "snapshot (level 9)" : "level " + st.file().level() + " file",
                    st.time(), st.file().level(), st.txid(), st.file().size()));
        }
        setupColumns(true);
        points.setItems(FXCollections.observableArrayList(rows));
        setDisable(bounds.isEmpty());
        choose(bounds.isEmpty() ? null : bounds.updatedAt());
    }

    /** The state at {@code t}: the last restore point of the chain at or before it, restored by its TXID. */
    private void chooseInChain(Instant t) {
        LtxChain.Step at = null;
        for (LtxChain.Step st : chain.steps()) {
            if (!st.time().isAfter(t)) {
                at = st;
            }
        }
        if (at == null) {
            invalid(beforeFirst());
            return;
        }
        planStep(at);
    }

    /** Chooses the chain's restore point at {@code txid} (a row of the points table). */
    private void chooseTxid(long txid) {
        for (LtxChain.Step st : chain.steps()) {
            if (st.txid() == txid) {
                choose(st.time());
                planStep(st);
                return;
            }
        }
    }

    private void planStep(LtxChain.Step at) {
        try {
            LtxPlan p = new LtxPlanner().plan(replica, at.txid(), null);
            plan = p;
            String note = dateNote == null ? "" : dateNote;
            dateNote = null;
            LtxChain.Hole hole = chain.holeAfter(at);
            snap.setText(note + "Uses the restore point of " + Fmt.time(at.time()) + ": TXID " + LtxNames.txid(at.txid())
                    + " (" + p.files().size() + " LTX files, " + Fmt.bytes(p.bytes()) + " to read)."
                    + (hole == null ? "" : " TXIDs " + LtxNames.txid(hole.from()) + ".." + LtxNames.txid(hole.to())
                    + " after it are in no LTX file (a gap in the replica: their states are lost).")
                    + afterMarker(at.time()));
            snap.getStyleClass().remove("error-text");
            restore.setDisable(running != null);
            showInTable(r -> r.offset() == at.txid());
        } catch (RestoreException e) {
            invalid(e.getMessage());
        }
    }

    private void loaded() {
        setupColumns(false);
        chart.setBands(List.of());
        summary.setText(bounds.isEmpty() ? "This generation is empty." : "Restorable from "
                + Fmt.span(bounds.createdAt(), bounds.updatedAt()) + " · " + bounds.snapshots() + " snapshots, " + bounds.segments()
                + " WAL segments, " + Fmt.bytes(bounds.bytes()) + " stored");
        chart.setData(listing, bounds);
        List<Point> rows = new ArrayList<>(listing.snapshots().size() + listing.segments().size());
        for (SnapshotInfo s : listing.snapshots()) {
            rows.add(new Point("snapshot", s.createdAt(), s.index(), -1, s.size()));
        }
        for (WalSegmentInfo s : listing.segments()) {
            rows.add(new Point("WAL segment", s.createdAt(), s.index(), s.offset(), s.size()));
        }
        points.setItems(FXCollections.observableArrayList(rows));
        setDisable(bounds.isEmpty());
        choose(bounds.isEmpty() ? null : bounds.updatedAt());
    }

    /** Chooses a moment: updates the picker, the chart and the sentence that names the point used. */
    public void choose(Instant t) {
        choose(t, true);
    }

    /**
     * Selects the points table's row of the restore point in use and scrolls it into view (a click on the
     * chart or a typed time shows which object it is), without choosing again from the selection.
     */
    private void showInTable(java.util.function.Predicate<Point> used) {
        try {
            selectRow(used);
        } catch (RuntimeException e) { // only the table's view of the choice: the sentence and plan stand
            org.slf4j.LoggerFactory.getLogger(TimelineView.class).warn("cannot show the restore point's row", e);
        }
    }

    private void selectRow(java.util.function.Predicate<Point> used) {
        List<Point> rows = points.getItems();
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (used.test(rows.get(i))) {
                if (points.getSelectionModel().getSelectedIndex() != i) {
                    showingInTable = true;
                    try {
                        points.getSelectionModel().clearAndSelect(i);
                    } finally {
                        showingInTable = false;
                    }
                    int row = Math.max(0, i - 2);
                    points.scrollTo(row);
                    // again after the coming layout pass: a table still being sized scrolls short of it
                    javafx.application.Platform.runLater(() -> points.scrollTo(row));
                }
                return;
            }
        }
    }

    /** A moment marked on the chart (the demo's accident), or null. */
    private Instant marker;
    private String markerLabel;

    /** How the moment chosen is named in messages: as typed, or as the fields show a clicked one. */
    private String chosenLabel = "";

    private void choose(Instant t, boolean showInFields) {
        chosen = t;
        plan = null;
        chart.selectedProperty().set(t);
        if (t == null) {
            snap.setText("");
            restore.setDisable(true);
            return;
        }
        // a typed moment is named as typed: its instant is the end of the unit typed (…:00.999999999)
        chosenLabel = showInFields ? Fmt.time(t) : date.getEditor().getText().strip() + " " + clock.getText().strip();
        if (showInFields) {
            var local = t.atZone(ZoneId.systemDefault());
            updatingFields = true;
            try {
                date.setValue(local.toLocalDate());
                date.getEditor().setText(date.getConverter().toString(local.toLocalDate()));
                clock.setText(local.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")));
            } finally {
                updatingFields = false;
            }
        }
        if (chain != null) {
            chooseInChain(t);
            return;
        }
        if (t.isBefore(bounds.createdAt())) {
            invalid(beforeFirst());
            return;
        }
        try {
            RestorePlan plan = new RestorePlanner().plan(new RestorePlanner.Target(replica, bounds, null, listing),
                    new RestoreOptions(null, bounds.generation(), null, t));
            this.plan = plan;
            WalSegmentInfo last = plan.segments().isEmpty() ? null : plan.segments().get(plan.segments().size() - 1);
            String note = dateNote == null ? "" : dateNote;
            dateNote = null;
            snap.setText(note + "Uses the restore point of " + Fmt.time(plan.restoresTo()) + ": snapshot "
                    + Layout.hex8(plan.snapshot().index()) + (last == null ? " only" : " + " + plan.segments().size()
                    + " WAL segments up to " + Layout.hex8(last.index()) + "/" + Layout.hex8((int) last.offset()))
                    + " (" + Fmt.bytes(plan.bytes()) + " to read)." + afterMarker(plan.restoresTo()));
            snap.getStyleClass().remove("error-text");
            restore.setDisable(running != null);
            showInTable(r -> r.time().equals(plan.restoresTo()));
        } catch (RestoreException e) {
            invalid(e.getMessage());
        }
    }

    /**
     * Dates shown as ISO 8601 (2026-11-25), like every other time in the console; typed, the ISO form or the
     * user's locale's own short form (DatePicker's default converter, {@code baseDates}) is read. Text that
     * is not a date keeps the current date instead of throwing on the FX thread; the sentence under the
     * picker then says the typed text was not used.
     */
    private javafx.util.StringConverter<LocalDate> lenientDates() {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return d == null ? "" : d.toString();
            }

            @Override
            public LocalDate fromString(String text) {
                if (text == null || text.isBlank()) {
                    return null;
                }
                try {
                    return day(text);
                } catch (DateTimeParseException e) {
                    dateNote = "\"" + text.strip() + "\" is not a date, so the date stays "
                            + toString(date.getValue()) + ". ";
                    // said by the planning this commit causes, or by none: never by a later one
                    javafx.application.Platform.runLater(() -> dateNote = null);
                    return date.getValue();
                }
            }
        };
    }

    /** A typed day: ISO 8601, else the locale's short form; throws when it is neither. */
    private LocalDate day(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException notIso) {
            return baseDates.fromString(text.strip());
        }
    }

    private String beforeFirst() {
        return "No restore point at or before " + chosenLabel + ": the first is at " + Fmt.time(bounds.createdAt()) + ".";
    }

    private void invalid(String why) {
        plan = null;
        snap.setText(why);
        if (!snap.getStyleClass().contains("error-text")) {
            snap.getStyleClass().add("error-text");
        }
        restore.setDisable(true);
    }

    private void typed() {
        if (updatingFields || bounds == null || bounds.isEmpty()) {
            return;
        }
        String dayText = date.getEditor().getText().strip();
        LocalDate d;
        try {
            d = dayText.isEmpty() ? null : day(dayText);
        } catch (DateTimeParseException e) {
            d = null;
        }
        if (d == null) {
            invalid(dayText.isEmpty() ? "Enter a date." : "Not a date: " + dayText + " (use "
                    + date.getConverter().toString(LocalDate.of(2026, 12, 31)) + " for 31 December 2026)");
            return;
        }
        Instant t;
        try {
            // the typed time means the whole unit it is written to (07:32:15.822 is every instant shown so)
            t = dev.lsconsole.ui.common.TypedMoment.clock(d, clock.getText()).last();
        } catch (DateTimeParseException e) {
            invalid("Not a time: " + clock.getText().strip() + " (use HH:mm:ss, with a fraction if you need one: "
                    + "14:05:02.5)");
            return;
        }
        if (!t.equals(chosen) || plan == null || dateNote != null) { // a kept date's note is said now
            choose(t, false);
        }
    }

    /**
     * Forgets the generation shown (its replica was closed or replaced): nothing here can restore, and a
     * restore still running is cancelled (its result would belong to the workspace that went).
     */
    public void clear() {
        if (running != null) {
            running.cancel();
        }
        cleared++;
        db = null;
        replica = null;
        listing = null;
        bounds = null;
        chosen = null;
        plan = null;
        chain = null;
        title.setText("Choose a generation in the tree on the left.");
        summary.setText("");
        snap.setText("");
        chart.setData(new RestorePlanner.Listing(List.of(), List.of()), null);
        chart.setMarks(List.of(), null, null);
        lanes.show(List.of(), null);
        chart.selectedProperty().set(null);
        points.getItems().clear();
        restore.setDisable(true);
        setDisable(true);
    }

    private String baseName() {
        String name = db.path() != null ? Path.of(db.path()).getFileName().toString() : "replica";
        name = name.replaceFirst("\\.(db|sqlite3?|sqlite)$", "");
        return name + "@" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS").withZone(ZoneId.systemDefault())
                .format(plan.restoresTo());
    }

    private void restore(Path chosenOutput) {
        if (plan == null || running != null) {
            return;
        }
        Plan p = plan;
        Path out;
        Path tempDir = null;
        try {
            if (chosenOutput == null) {
                tempDir = ctx.temps.create("lsc-restore-");
            }
            out = chosenOutput != null ? chosenOutput : tempDir.resolve(baseName() + ".db");
        } catch (IOException e) {
            ctx.showError("Restore", new UncheckedIOException("cannot create a temp directory: " + e.getMessage(), e));
            return;
        }
        Path ours = tempDir;
        int workspace = cleared;
        String label = Fmt.time(p.restoresTo());
        String source = (db.path() != null ? Path.of(db.path()).getFileName().toString() : db.title())
                + " · replica " + replica.name() + " · " + p.historyLabel();
        progressRow.setVisible(true);
        restore.setDisable(true);
        long start = System.nanoTime();
        Task<RestoreResult> task = ctx.jobs.<RestoreResult>job(c -> {
                    try {
                        return new Restores(8, Verify.FULL).run(p, out,
                                pr -> c.progress(pr.fraction(), describe(pr, start)), c.cancellation());
                    } catch (Exception | Error e) { // the worker's own end: a cancel returns before it
                        if (ours != null) {
                            ctx.temps.delete(ours);
                        }
                        throw e;
                    }
                })
                .logged("restore", (db.path() != null ? db.path() : replica.name()) + " to " + label + " → " + out,
                        r -> "restored " + Fmt.bytes(r.fileSize()) + " in " + r.elapsed().toMillis() + " ms, "
                                + r.integrity())
                .andFinally(() -> {
                    if (ours != null && running != null && running.getState() != javafx.concurrent.Worker.State.SUCCEEDED) {
                        ctx.temps.delete(ours); // a cancelled or failed restore leaves no folder
                    }
                    running = null;
                    progressRow.setVisible(false);
                    progress.progressProperty().unbind();
                    progressText.textProperty().unbind();
                    restore.setDisable(plan == null);
                })
                .onSuccess(r -> {
                    if (workspace != cleared) { // finished as its workspace closed: never shown in the next one
                        if (ours != null) {
                            ctx.temps.delete(ours);
                        }
                        return;
                    }
                    onRestored.accept(r, label, source, chosenOutput == null);
                })
                .onError(t -> ctx.showError("Restore to " + label, t))
                .start();
        running = task;
        progress.progressProperty().bind(task.progressProperty());
        progressText.textProperty().bind(task.messageProperty());
    }

    private static String describe(RestoreProgress p, long start) {
        return progressLine(p, System.nanoTime() - start);
    }

    /**
     * The progress line of a restore: phase, percent, bytes read of the total, throughput and, once the
     * rate is known, the time left (from the bytes still to read at the rate so far).
     */
    public static String progressLine(RestoreProgress p, long elapsedNanos) {
        double secs = Math.max(1e-3, elapsedNanos / 1e9);
        String phase = switch (p.phase()) {
            case SNAPSHOT -> "snapshot";
            case WAL -> "WAL " + p.indexesApplied() + "/" + p.indexesTotal();
            case VERIFY -> "verifying";
            case DONE -> "done";
        };
        double rate = p.bytesFetched() / secs;
        String left = "";
        if (p.phase() != RestoreProgress.Phase.VERIFY && p.phase() != RestoreProgress.Phase.DONE && secs >= 0.5
                && rate > 0 && p.bytesTotal() > p.bytesFetched()) {
            long s = Math.round((p.bytesTotal() - p.bytesFetched()) / rate);
            left = " · " + (s < 60 ? Math.max(1, s) + " s left" : s / 60 + " min " + s % 60 + " s left");
        }
        return phase + " · " + Math.round(p.fraction() * 100) + "% · " + Fmt.bytes(p.bytesFetched()) + " of "
                + Fmt.bytes(p.bytesTotal()) + " · " + Fmt.bytes((long) rate) + "/s" + left;
    }

    /** Where "changes between" requests go (the main window runs them). */
    public void setOnChanges(Changes c) {
        onChanges = c;
    }

    private void changesBetween(Instant from, Instant to) {
        if (bounds == null || bounds.isEmpty()) {
            return;
        }
        chart.setMarks(chart.marks(), from, to);
        onChanges.request(replica, bounds.generation(), db.path(), from, to);
    }

    /**
     * Shows time-travel results of generation {@code generation} on the chart (nothing when another
     * generation is shown): marks (null: keep those shown), and the range of a "changes between" (null:
     * keep the range shown).
     */
    public void mark(Replica r, String generation, List<TimelineChart.Mark> marks, Instant from, Instant to) {
        if (bounds != null && r == replica && generation.equals(bounds.generation())) {
            Instant[] keep = chart.range();
            chart.setMarks(marks != null ? marks : chart.marks(), from != null ? from : keep == null ? null : keep[0],
                    from != null ? to : keep == null ? null : keep[1]);
        }
    }

    /** The chart (tests read its marks). */
    public TimelineChart chart() {
        return chart;
    }

    /**
     * "Restore here" of a time-travel result: restores the point at {@code t} of that generation through
     * the usual restore (progress, cancel, a new tab). Null when it started, else why not (one line).
     */
    public String restoreAt(Replica r, String generation, Instant t) {
        if (bounds == null || r != replica || !generation.equals(bounds.generation())) {
            String what = History.label(generation); // across an upgrade, a point may be in the other history
            return Character.toUpperCase(what.charAt(0)) + what.substring(1)
                    + " is not the one on the timeline: choose it in the tree, then Restore here.";
        }
        if (running != null) {
            return "A restore is running: wait for it or cancel it, then Restore here.";
        }
        choose(t);
        if (plan == null) {
            return snap.getText();
        }
        restore(null);
        return null;
    }

    /** Marks a moment on the chart (the demo's accident); null clears it. */
    public void setMarker(Instant t, String label) {
        chart.setMarker(t, label);
        marker = t;
        markerLabel = label;
    }

    /** " It is after the accident (…)." when a marked moment precedes the point used: easy to miss in a typed time. */
    private String afterMarker(Instant used) {
        return marker == null || !used.isAfter(marker) ? ""
                : " It is after the " + markerLabel + " (" + Fmt.time(marker) + ").";
    }

    /** The moment chosen (tests and the main window read it). */
    public Instant chosen() {
        return chosen;
    }
}
