package dev.lsconsole.ui.mainwindow;

import dev.lsconsole.config.ReplicaConfig;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * A replica given by URL, with what S3-compatible stores need (endpoint, region, path style) and,
 * optionally, keys. Keys are used for this session only and never saved; left empty, the usual
 * LITESTREAM_ / AWS_ variables and the AWS default chain apply.
 */
final class OpenReplicaDialog extends Dialog<ReplicaConfig> {
    OpenReplicaDialog(Window owner) {
        initOwner(owner);
        setTitle("Open a replica");
        setHeaderText("A replica URL, as litestream restore takes it: s3://bucket/path or file:///path");
        TextField url = new TextField();
        url.setId("replica-url");
        url.setPromptText("s3://my-bucket/db");
        TextField endpoint = new TextField();
        endpoint.setId("replica-endpoint");
        endpoint.setPromptText("https://<account>.r2.cloudflarestorage.com (empty for AWS)");
        TextField region = new TextField();
        region.setPromptText("us-east-1");
        CheckBox pathStyle = new CheckBox("Path-style requests (MinIO, S3Proxy)");
        TextField keyId = new TextField();
        keyId.setPromptText("optional: access key id");
        PasswordField secret = new PasswordField();
        secret.setPromptText("optional: secret access key");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("URL"), url);
        g.addRow(1, new Label("Endpoint"), endpoint);
        g.addRow(2, new Label("Region"), region);
        g.add(pathStyle, 1, 3);
        g.addRow(4, new Label("Access key id"), keyId);
        g.addRow(5, new Label("Secret key"), secret);
        Label note = new Label("Keys are kept in memory for this session only.");
        note.getStyleClass().add("text-muted");
        g.add(note, 1, 6);
        url.setPrefColumnCount(40);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(url.textProperty().isEmpty());
        setResultConverter(b -> b != ButtonType.OK ? null : new ReplicaConfig(null, null, null, url.getText().strip(),
                null, null, null, null, null, blank(keyId.getText()), blank(secret.getText()), blank(region.getText()),
                null, blank(endpoint.getText()), pathStyle.isSelected() ? Boolean.TRUE : null, false, null, null, null,
                null, null, null, List.of(), List.of()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
