package dev.lsconsole.ui.inspect;

import dev.lsconsole.inspect.CellInfo;
import dev.lsconsole.inspect.CsvExport;
import dev.lsconsole.inspect.DbBrowser;
import dev.lsconsole.ui.common.Ctx;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A read-only SQL console on the restored database: highlighted editor, history, results grid, cancel. */
public final class SqlConsole extends SplitPane {
    static final int MAX_ROWS = 1000;
    private static final String[] KEYWORDS = {"select", "from", "where", "and", "or", "not", "null", "is", "in",
        "as", "join", "left", "inner", "outer", "on", "group", "by", "order", "having", "limit", "offset", "union",
        "all", "distinct", "case", "when", "then", "else", "end", "with", "like", "glob", "between", "exists",
        "asc", "desc", "insert", "update", "delete", "into", "values", "set", "create", "table", "pragma", "cast",
        "explain", "recursive", "begin", "commit", "rollback", "attach", "vacuum"};
    /** Quoted names ("…", `…`, […]) come first so a keyword inside one ("order", [from]) stays plain. */
    private static final Pattern TOKENS = Pattern.compile("(?<NAME>\"([^\"]|\"\")*\"?|`[^`]*`?|\\[[^\\]]*\\]?)"
            + "|(?<KEYWORD>(?i)\\b(" + String.join("|", KEYWORDS) + ")\\b)"
            + "|(?<STRING>'([^']|'')*'?)|(?<NUMBER>\\b\\d+(\\.\\d+)?\\b)|(?<COMMENT>--[^\\n]*)");

    private final Ctx ctx;
    private final DbBrowser db;
    private final CodeArea editor = new CodeArea();
    private final ValueGrid results = new ValueGrid("sql-results");
    private final Label status = new Label("Ctrl+Enter runs the statement. The connection is read-only.");
    private final ComboBox<String> history = new ComboBox<>();
    private final Button run = new Button("Run", new FontIcon(Feather.PLAY));
    private final Button cancel = new Button("Cancel");
    private final Button export = new Button("Export CSV…", new FontIcon(Feather.DOWNLOAD));
    private Task<DbBrowser.Rows> running;
    private Button whenButton;
    /** The statement whose rows are shown: what Export writes (run again, streamed, every row). */
    private String shownSql;
    private static final Pattern FROM = Pattern.compile("(?i)\\bFROM\\s+(\"((?:[^\"]|\"\")+)\"|([A-Za-z_][\\w$]*))");

    public SqlConsole(Ctx ctx, DbBrowser db, String initial) {
        this(ctx, db, initial, null);
    }

    /**
     * {@code whenChanged}: "When did this result change?" for the statement in the editor; it gets the
     * statement and where to say, in one line, why it was refused (null: no such button).
     */
    public SqlConsole(Ctx ctx, DbBrowser db, String initial,
                      java.util.function.BiConsumer<String, java.util.function.Consumer<String>> whenChanged) {
        this.ctx = ctx;
        this.db = db;
        setOrientation(javafx.geometry.Orientation.VERTICAL);
        editor.setId("sql-editor");
        editor.getStyleClass().add("sql-editor");
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.textProperty().addListener((o, a, b) -> editor.setStyleSpans(0, highlight(b)));
        editor.replaceText(initial);
        KeyCombination runKey = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
        editor.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (runKey.match(e)) {
                e.consume();
                run();
            }
        });
        run.setId("sql-run");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> run());
        cancel.setDisable(true);
        cancel.setOnAction(e -> db.cancel());
        history.setPromptText("History");
        history.setPrefWidth(280);
        history.setOnAction(e -> {
            if (history.getValue() != null) {
                editor.replaceText(history.getValue());
            }
        });
        status.setId("sql-status");
        export.setId("sql-export");
        export.setDisable(true);
        export.setOnAction(e -> exportResult());
        results.setSource(new ValueGrid.Source() {
            @Override
            public void full(java.util.List<java.util.List<dev.lsconsole.sql.Value>> rows,
                    java.util.function.Consumer<java.util.List<java.util.List<dev.lsconsole.sql.Value>>> then) {
                then.accept(rows); // query results are held whole
            }

            @Override
            public void view(java.util.List<dev.lsconsole.sql.Value> row, int column) {
                dev.lsconsole.sql.Value v = row.get(column);
                CellViewer.show(ctx, results.getColumns().get(column).getText(), CellInfo.of(v),
                        (to, c) -> CsvExport.bytes(CellInfo.bytes(v), to, c));
            }

            @Override
            public void export() {
                exportResult();
            }
        });
        Region grow = new Region();
        // a flow: in a narrow window the buttons wrap to a second line instead of losing their words
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6, run, cancel, history, export, grow,
                status);
        if (whenChanged != null) {
            Button when = new Button("When did this result change?", new FontIcon(Feather.SEARCH));
            when.setId("tt-when-query");
            when.setMinWidth(Region.USE_PREF_SIZE);
            when.setOnAction(e -> {
                String sql = editor.getText().strip();
                if (sql.isEmpty()) {
                    return;
                }
                status.setText("Checking that the statement only reads…");
                whenChanged.accept(sql, why -> status.setText(why));
            });
            whenButton = when;
        }
        // the buttons keep their words; the history list gives way; the status line wraps below them
        for (javafx.scene.Node n : bar.getChildren()) {
            if (n instanceof Button b) {
                b.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        history.setMinWidth(100);
        bar.getChildren().removeAll(grow, status);
        status.setWrapText(true);
        status.setMinWidth(0);
        history.setPrefWidth(200);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        javafx.scene.layout.HBox line = whenButton == null ? new javafx.scene.layout.HBox(status)
                : new javafx.scene.layout.HBox(8, whenButton, status);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(0, 6, 4, 6));
        javafx.scene.layout.HBox.setHgrow(status, Priority.ALWAYS);
        VirtualizedScrollPane<CodeArea> editorPane = new VirtualizedScrollPane<>(editor);
        editorPane.setMinHeight(60); // at 700 px high the statement stays visible
        BorderPane top = new BorderPane(editorPane, null, null, new javafx.scene.layout.VBox(bar, line), null);
        getItems().setAll(top, results);
        setDividerPositions(0.35);
    }

    private void run() {
        String sql = editor.getText().strip();
        if (sql.isEmpty() || running != null) {
            return;
        }
        history.getItems().remove(sql);
        history.getItems().add(0, sql);
        status.setText("running…");
        cancel.setDisable(false);
        run.setDisable(true);
        long start = System.nanoTime();
        running = ctx.jobs.job(c -> db.query(sql, MAX_ROWS)).onSuccess(r -> {
            results.setTableName(tableOf(sql));
            results.show(r.columns(), r.rows());
            shownSql = sql;
            export.setDisable(false);
            status.setText(r.rows().size() + (r.truncated() ? "+ rows (first " + MAX_ROWS + " shown)" : " rows")
                    + " in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        }).onError(t -> {
            results.show(java.util.List.of(), java.util.List.of());
            shownSql = null;
            export.setDisable(true);
            status.setText(String.valueOf(t.getMessage()));
        }).andFinally(() -> {
            running = null;
            cancel.setDisable(true);
            run.setDisable(false);
        }).start();
    }

    /** Writes every row of the statement shown (run again on a connection of its own) to a CSV file. */
    private void exportResult() {
        String sql = shownSql;
        if (sql == null || running != null) {
            return;
        }
        java.nio.file.Path to = SaveFile.ask(getScene().getWindow(), "Export the result to CSV", "result.csv");
        if (to == null) {
            return;
        }
        status.setText("exporting…");
        cancel.setDisable(false);
        run.setDisable(true);
        export.setDisable(true);
        java.nio.file.Path file = db.file();
        Task<Long> t = ctx.jobs.job(c -> CsvExport.query(file, sql, to, c.cancellation(),
                (n, of) -> c.progress(-1, String.format("exporting… %,d rows", n))))
                .logged("export", "query result to " + to, n -> String.format("%,d rows", n))
                .onSuccess(n -> status.setText(String.format("exported %,d rows to %s", n, to)))
                .onError(x -> status.setText(String.valueOf(x.getMessage())))
                .andFinally(() -> {
                    cancel.setOnAction(e -> db.cancel());
                    cancel.setDisable(true);
                    run.setDisable(false);
                    export.setDisable(false);
                }).start();
        cancel.setOnAction(e -> t.cancel());
    }

    /** The table a simple query reads from, for the copied INSERT statements ("query" if there is none). */
    static String tableOf(String sql) {
        Matcher m = FROM.matcher(sql);
        if (!m.find()) {
            return "query";
        }
        return m.group(2) != null ? m.group(2).replace("\"\"", "\"") : m.group(3);
    }

    public static StyleSpans<Collection<String>> highlight(String text) {
        Matcher m = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            if (m.group("NAME") != null) {
                continue; // plain text: left for the next span
            }
            String style = m.group("KEYWORD") != null ? "keyword" : m.group("STRING") != null ? "string"
                    : m.group("NUMBER") != null ? "number" : "comment";
            spans.add(Collections.emptyList(), m.start() - last);
            spans.add(Collections.singleton(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }
}
