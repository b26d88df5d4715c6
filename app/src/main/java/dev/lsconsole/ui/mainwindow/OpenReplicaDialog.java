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
 * optionally, keys. Keys are kept in memory for this session only (a retry finds them filled in) and
 * never saved; left empty, the usual LITESTREAM_ / AWS_ variables and the AWS default chain apply.
 */
final class OpenReplicaDialog extends Dialog<ReplicaConfig> {
    /**
     * The keys typed last, kept in memory by the window for a retry within its session: never saved,
     * logged or shown (toString hides them).
     */
    static final class SessionKeys {
        private String keyId = "";
        private String secret = "";

        @Override
        public String toString() {
            return "SessionKeys[hidden]";
        }
    }

    OpenReplicaDialog(Window owner, dev.lsconsole.ui.settings.Settings.LastReplica last, Runnable saveLast,
                      SessionKeys keys) {
        initOwner(owner);
        dev.lsconsole.ui.common.ChildWindows.centerOnOwner(this);
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
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Endpoint", never "End…"
        g.getColumnConstraints().setAll(labels, new javafx.scene.layout.ColumnConstraints());
        Label problem = new Label();
        problem.setId("replica-url-problem");
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        problem.setMaxWidth(520);
        g.add(problem, 1, 7);
        url.setText(last.url);
        endpoint.setText(last.endpoint);
        region.setText(last.region);
        pathStyle.setSelected(last.pathStyle);
        keyId.setText(keys.keyId);
        secret.setText(keys.secret);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        javafx.scene.Node ok = getDialogPane().lookupButton(ButtonType.OK);
        Runnable check = () -> {
            String p = problem(url.getText());
            problem.setText(p == null || url.getText().isBlank() ? "" : p); // an empty field is not an error yet
            ok.setDisable(p != null);
            javafx.application.Platform.runLater(() -> { // the window grows to show the whole reason
                javafx.stage.Window w = getDialogPane().getScene() == null ? null : getDialogPane().getScene().getWindow();
                if (w != null && w.isShowing() && w.getHeight() < getDialogPane().prefHeight(getDialogPane().getWidth())) {
                    w.sizeToScene();
                }
            });
        };
        url.textProperty().addListener((o, a, b) -> check.run());
        check.run();
        setOnShown(e -> javafx.application.Platform.runLater(url::requestFocus));
        setOnHidden(e -> {
            last.url = url.getText().strip();
            last.endpoint = endpoint.getText().strip();
            last.region = region.getText().strip();
            last.pathStyle = pathStyle.isSelected();
            keys.keyId = keyId.getText().strip();
            keys.secret = secret.getText().strip();
            saveLast.run();
        });
        setResultConverter(b -> b != ButtonType.OK ? null : new ReplicaConfig(null, null, null, url.getText().strip(),
                null, null, null, null, null, blank(keyId.getText()), blank(secret.getText()), blank(region.getText()),
                null, blank(endpoint.getText()), pathStyle.isSelected() ? Boolean.TRUE : null, false, null, null, null,
                null, null, null, List.of(), List.of()));
    }

    /** Why the typed URL cannot be opened as a replica, or null when it can. */
    static String problem(String typed) {
        String u = typed == null ? "" : typed.strip();
        if (u.isEmpty()) {
            return "Enter the replica URL.";
        }
        String lower = u.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return "That is a web address, not a replica URL. Put the storage address (" + u + ") under Endpoint and "
                    + "give the replica as s3://BUCKET/PATH.";
        }
        if (!dev.lsconsole.config.ReplicaUrl.isUrl(u)) {
            return "A replica URL starts with s3:// or file:// (as for litestream restore).";
        }
        dev.lsconsole.config.ReplicaUrl r;
        try {
            r = dev.lsconsole.config.ReplicaUrl.parse(u);
        } catch (dev.lsconsole.config.ConfigException e) {
            return e.getMessage();
        }
        return switch (r.scheme()) {
            case "s3" -> r.host() == null || r.host().isEmpty() ? "Give the bucket: s3://BUCKET/PATH." : null;
            case "file" -> r.path() == null || r.path().isEmpty() ? "Give the replica's folder: file:///path." : null;
            case "gcs", "abs", "sftp" -> r.scheme() + ":// replicas are not supported yet: this console reads s3:// "
                    + "(AWS, R2, B2, MinIO) and file:// replicas.";
            default -> "\"" + r.scheme() + "://\" is no replica type litestream knows: use s3://BUCKET/PATH or "
                    + "file:///path.";
        };
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
