package dev.lsconsole.ui.inspect;

import dev.lsconsole.LocalFiles;
import dev.lsconsole.inspect.DbBrowser;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.sql.Sql;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Fmt;
import dev.lsconsole.ui.diff.DiffPane;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One restored database: how it was verified, its data (paged), a read-only SQL console, and the diff
 * against live with the push. Several can be open side by side, one tab each.
 */
public final class RestoredView extends BorderPane {
    private final DbBrowser data;
    private final DbBrowser console;
    private final DiffPane diff;
    private final TabPane tabs = new TabPane();

    private final Path file;
    private boolean temporary;
    private final Ctx ctx;

    /** {@code temporary}: the file is in a temp directory of ours and is deleted when the view closes. */
    public RestoredView(Ctx ctx, RestoreResult r, String defaultLive, boolean temporary) {
        this(ctx, r, defaultLive, temporary, null);
    }

    /** {@code tt}: time travel over the generation this copy came from (null: none offered). */
    public RestoredView(Ctx ctx, RestoreResult r, String defaultLive, boolean temporary,
                        dev.lsconsole.ui.timetravel.TimeTravel tt) {
        this.file = r.output();
        this.temporary = temporary;
        this.ctx = ctx;
        setId("restored-view");
        this.data = new DbBrowser(file);
        this.console = new DbBrowser(file);
        boolean ok = r.checkedOk();
        Label badge = new Label(ok ? "Verified" : "Not checked", new FontIcon(ok ? Feather.CHECK_CIRCLE
                : Feather.ALERT_TRIANGLE));
        badge.setId("verify-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.getStyleClass().addAll("badge", ok ? "badge-ok" : "badge-bad");
        Label details = new Label((r.plan().format() == dev.lsconsole.history.Format.V05
                ? "LTX checksums verified on " + r.plan().objectCount() + (r.plan().objectCount() == 1 ? " file · "
                : " files · ") : "WAL checksums verified on " + r.walFrames() + " frames · ")
                + r.integrity() + " · " + Fmt.bytes(r.fileSize()) + " · restored to " + Fmt.time(r.plan().restoresTo())
                + " from " + r.plan().historyLabel() + " of replica " + r.plan().replica().name() + " in " + r.elapsed().toMillis() + " ms");
        details.getStyleClass().add("text-muted");
        Label path = new Label(file.toString());
        path.setTooltip(new javafx.scene.control.Tooltip(temporary ? "A temporary copy: deleted when this tab closes "
                + "(use Restore to… to keep one)" : file.toString()));
        path.setId("restored-path");
        path.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_WORD_ELLIPSIS);
        path.setMinWidth(120);
        details.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        details.setTooltip(new javafx.scene.control.Tooltip(details.getText()));
        details.setMinWidth(60);
        Button copy = new Button("", new FontIcon(Feather.COPY));
        copy.setTooltip(new javafx.scene.control.Tooltip("Copy the path"));
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(file.toString());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Button folder = new Button("", new FontIcon(Feather.FOLDER));
        folder.setTooltip(new javafx.scene.control.Tooltip("Open the folder"));
        folder.setOnAction(e -> ctx.open(file.getParent()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(10, badge, details, grow, path, copy, folder);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(8));
        setTop(head);

        String live = defaultLive != null && Files.isRegularFile(Path.of(defaultLive)) ? defaultLive : null;
        diff = new DiffPane(ctx, file, live);
        String first = data.tables().stream().filter(t -> !t.isLitestream()).map(
                DbBrowser.Table::name).findFirst().orElse("sqlite_schema");
        dev.lsconsole.ui.timetravel.Scope scope = new dev.lsconsole.ui.timetravel.Scope(r.plan().replica(),
                r.plan().historyId(), r.plan().restoresTo(), defaultLive);
        DataPane.RowQuestions questions = tt == null ? null : new DataPane.RowQuestions() {
            @Override
            public void whenChanged(dev.lsconsole.ui.timetravel.TimeTravel.RowPick row) {
                tt.bisectRow(scope, row);
            }

            @Override
            public void history(dev.lsconsole.ui.timetravel.TimeTravel.RowPick row) {
                tt.history(scope, row);
            }
        };
        Tab dataTab = new Tab("Data", new DataPane(ctx, data, questions));
        dataTab.setId("tab-data");
        Tab sqlTab = new Tab("SQL", new SqlConsole(ctx, console, "SELECT * FROM " + Sql.id(first) + " LIMIT 100;",
                tt == null ? null : (sql, say) -> tt.bisectQuery(scope, file, sql, say)));
        sqlTab.setId("tab-sql");
        Tab diffTab = new Tab("Diff & push", diff);
        diffTab.setId("tab-diff");
        tabs.getTabs().setAll(dataTab, sqlTab, diffTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    /** A temporary copy of ours, deleted when the view closes (unless {@link #keep()} was called). */
    public boolean isTemporary() {
        return temporary;
    }

    public Path file() {
        return file;
    }

    /** Keeps the restored file when the view closes (the user chose to keep temporary copies). */
    public void keep() {
        temporary = false;
        ctx.temps.release(file.getParent()); // never deleted at exit or by a later start's sweep
    }

    public void close() {
        diff.dispose();
        data.close();
        console.close();
        if (temporary) {
            LocalFiles.deleteWithSidecars(file);
            if (!ctx.temps.delete(file.getParent())) {
                org.slf4j.LoggerFactory.getLogger(RestoredView.class).warn("cannot delete {}", file.getParent());
            }
        }
    }
}
