package dev.lsconsole.ui.inspect;

import dev.lsconsole.inspect.DbBrowser;
import dev.lsconsole.ui.common.Ctx;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The restored database's tables and a paged grid of one table's rows, with a column filter. */
public final class DataPane extends SplitPane {
    static final int PAGE = 500;

    private final Ctx ctx;
    private final DbBrowser db;
    private final ListView<DbBrowser.Table> tables = new ListView<>();
    private final ValueGrid grid = new ValueGrid("data-grid");
    private final ComboBox<String> filterColumn = new ComboBox<>();
    private final TextField filterText = new TextField();
    private final Label position = new Label();
    private final Button prev = new Button("", new FontIcon(Feather.CHEVRON_LEFT));
    private final Button next = new Button("", new FontIcon(Feather.CHEVRON_RIGHT));
    private String table;
    private long offset;
    private long total;
    /** The table and filter {@code total} was counted for: turning pages does not count again. */
    private Counted counted;

    public DataPane(Ctx ctx, DbBrowser db) {
        this.ctx = ctx;
        this.db = db;
        tables.setId("table-list");
        tables.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(DbBrowser.Table t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.name() + ("view".equals(t.type()) ? " (view)" : ""));
                setGraphic(empty || t == null ? null : new FontIcon("view".equals(t.type()) ? Feather.EYE : Feather.GRID));
            }
        });
        tables.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null) {
                open(t.name());
            }
        });
        filterColumn.setPromptText("column");
        filterText.setPromptText("contains…");
        filterText.setId("filter-text");
        filterText.setOnAction(e -> {
            offset = 0;
            load();
        });
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            filterText.clear();
            offset = 0;
            load();
        });
        prev.setOnAction(e -> {
            offset = Math.max(0, offset - PAGE);
            load();
        });
        next.setOnAction(e -> {
            offset += PAGE;
            load();
        });
        prev.setId("page-prev");
        next.setId("page-next");
        position.setId("page-position");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("Filter"), filterColumn, filterText, clear, grow, prev, position, next);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        BorderPane right = new BorderPane(grid, bar, null, null, null);
        getItems().setAll(tables, right);
        setDividerPositions(0.2);
        ctx.jobs.job(c -> db.tables()).onSuccess(list -> {
            tables.setItems(FXCollections.observableArrayList(list));
            list.stream().filter(t -> !t.isLitestream()).findFirst().or(() -> list.stream().findFirst())
                    .ifPresent(t -> tables.getSelectionModel().select(t));
        }).onError(t -> ctx.showError("Reading tables of " + db.file(), t)).start();
    }

    /** Columns and pages of the table shown: a click on another table drops a slower earlier answer. */
    private final dev.lsconsole.ui.common.Jobs.Slot slot = new dev.lsconsole.ui.common.Jobs.Slot();

    private void open(String name) {
        table = name;
        offset = 0;
        filterText.clear();
        ctx.jobs.job(c -> db.columns(name)).in(slot).onSuccess(cols -> {
            filterColumn.setItems(FXCollections.observableArrayList(cols));
            filterColumn.getSelectionModel().select(0);
            load();
        }).onError(t -> ctx.showError("Reading " + name, t)).start();
    }

    private void load() {
        if (table == null) {
            return;
        }
        String t = table;
        long off = offset;
        DbBrowser.Filter f = new DbBrowser.Filter(filterColumn.getValue(), filterText.getText());
        position.setText("loading…");
        Counted key = new Counted(t, f);
        Long known = key.equals(counted) ? total : null;
        ctx.jobs.job(c -> new Page(known != null ? known : db.count(t, f), db.page(t, f, off, PAGE))).in(slot)
                .onSuccess(r -> {
            total = r.count;
            counted = key;
            grid.show(r.rows.columns(), r.rows.rows());
            position.setText(total == 0 ? "no rows" : String.format("rows %,d–%,d of %,d", off + 1,
                    off + r.rows.rows().size(), total));
            prev.setDisable(off == 0);
            next.setDisable(off + PAGE >= total);
        }).onError(x -> {
            position.setText("");
            ctx.showError("Reading rows of " + t, x);
        }).start();
    }

    private record Page(long count, DbBrowser.Rows rows) {
    }

    private record Counted(String table, DbBrowser.Filter filter) {
    }
}
