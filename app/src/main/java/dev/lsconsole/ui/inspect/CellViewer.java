package dev.lsconsole.ui.inspect;

import dev.lsconsole.inspect.ByteText;
import dev.lsconsole.inspect.CellInfo;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Fmt;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiFunction;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One value in full view: its type and size in bytes, its text (UTF-8, invalid bytes shown as \xNN) and
 * its hex dump, of its first bytes only when it is large, and "Save to file…" writing its exact bytes
 * (read in chunks by a background job).
 */
final class CellViewer {
    static final int HEX_BYTES = 64 * 1024;

    private CellViewer() {
    }

    /** {@code save} writes the whole value to a file and returns the number of bytes written. */
    static void show(Ctx ctx, String title, CellInfo info, BiFunction<Path, Cancellation, Long> save) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(ctx.window());
        dev.lsconsole.ui.common.ChildWindows.centerOnOwner(d);
        d.setTitle(title);
        d.setResizable(true);
        d.getDialogPane().setId("cell-viewer");
        Label head = new Label(describe(info));
        head.setId("cell-info");
        TextArea text = area("cell-text", ByteText.utf8(info.head(), !info.complete()));
        byte[] hexBytes = info.head().length > HEX_BYTES ? Arrays.copyOf(info.head(), HEX_BYTES) : info.head();
        TextArea hex = area("cell-hex", ByteText.hex(hexBytes));
        Tab textTab = new Tab("Text", text);
        Tab hexTab = new Tab("Hex", hex);
        TabPane tabs = new TabPane(textTab, hexTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        if (info.type() == dev.lsconsole.sql.Value.Type.BLOB) {
            tabs.getSelectionModel().select(hexTab);
        }
        Label status = new Label();
        status.setId("cell-status");
        Button saveButton = new Button("Save to file…", new FontIcon(Feather.SAVE));
        saveButton.setId("cell-save");
        saveButton.setOnAction(e -> {
            Path to = SaveFile.ask(d.getDialogPane().getScene().getWindow(), "Save the value", suggestedName(info));
            if (to == null) {
                return;
            }
            saveButton.setDisable(true);
            status.setText("saving…");
            ctx.jobs.job(c -> save.apply(to, c.cancellation())).logged("save value", to.toString(), n -> n + " bytes")
                    .onSuccess(n -> status.setText("Saved " + Fmt.bytes(n) + " to " + to))
                    .onError(t -> status.setText(String.valueOf(t.getMessage())))
                    .andFinally(() -> saveButton.setDisable(false)).start();
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, saveButton, status, grow);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 0, 0, 0));
        BorderPane content = new BorderPane(tabs, head, null, bar, null);
        content.setPrefSize(720, 480);
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.show();
    }

    static String describe(CellInfo info) {
        String type = info.type().name();
        String size = String.format("%,d bytes", info.size());
        String shown = info.complete() ? "" : String.format(" · showing the first %,d bytes; Save to file… writes all",
                info.head().length);
        return type + " · " + size + shown;
    }

    private static String suggestedName(CellInfo info) {
        return info.type() == dev.lsconsole.sql.Value.Type.BLOB ? "value.bin" : "value.txt";
    }

    private static TextArea area(String id, String s) {
        TextArea a = new TextArea(s);
        a.setId(id);
        a.setEditable(false);
        a.setWrapText(false);
        a.setStyle("-fx-font-family: monospace;");
        return a;
    }
}
