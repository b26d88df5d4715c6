package dev.lsconsole.ui.diff;

import dev.lsconsole.live.K8sAddress;
import dev.lsconsole.live.KubernetesDiscovery;
import dev.lsconsole.live.KubernetesShell;
import dev.lsconsole.live.KubernetesTargets;
import dev.lsconsole.ui.common.Ctx;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * Chooses a live database in a cluster: context → namespace → pod → container → database file, each
 * listed off the FX thread. Warns about pods that are not ready or whose controller runs several replicas
 * (several SQLite databases, one per pod).
 */
final class PodPicker {
    private final Ctx ctx;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ComboBox<String> context = new ComboBox<>();
    private final ComboBox<String> namespace = new ComboBox<>();
    private final ComboBox<KubernetesDiscovery.PodInfo> pod = new ComboBox<>();
    private final ComboBox<String> container = new ComboBox<>();
    private final ComboBox<String> dbPath = new ComboBox<>();
    private final Label note = new Label();
    private KubernetesClient client;

    PodPicker(Ctx ctx) {
        this.ctx = ctx;
        dialog.initOwner(ctx.window());
        dev.lsconsole.ui.common.ChildWindows.centerOnOwner(dialog);
        dialog.setTitle("Choose the live database in a pod");
        dialog.setHeaderText("Where does the live database run?");
        dbPath.setEditable(true);
        context.setId("pod-context");
        namespace.setId("pod-namespace");
        pod.setId("pod-pod");
        container.setId("pod-container");
        dbPath.setId("pod-db");
        note.setId("pod-note");
        pod.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(KubernetesDiscovery.PodInfo p) {
                return p == null ? "" : p.name() + " · " + p.phase() + (p.ready() ? "" : " · not ready")
                        + (p.ownerKind() == null ? "" : " · " + p.ownerKind() + " " + p.ownerName());
            }

            @Override
            public KubernetesDiscovery.PodInfo fromString(String s) {
                return null;
            }
        });
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(10));
        String[] labels = {"Context", "Namespace", "Pod", "Container", "Database file"};
        javafx.scene.Node[] fields = {context, namespace, pod, container, dbPath};
        for (int i = 0; i < labels.length; i++) {
            g.addRow(i, new Label(labels[i]), fields[i]);
            ((ComboBox<?>) fields[i]).setPrefWidth(420);
        }
        note.setWrapText(true);
        g.add(note, 0, labels.length, 2, 1);
        dialog.getDialogPane().setContent(g);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).setId("pod-ok");
        context.valueProperty().addListener((o, was, is) -> contextChosen());
        namespace.valueProperty().addListener((o, was, is) -> namespaceChosen());
        pod.valueProperty().addListener((o, was, is) -> podChosen());
        container.valueProperty().addListener((o, was, is) -> containerChosen());
        try {
            List<String> contexts = KubernetesDiscovery.contexts(ctx.env);
            context.setItems(FXCollections.observableArrayList(contexts));
            String remembered = ctx.settings.settings().kubeContext;
            context.getSelectionModel().select(remembered != null && contexts.contains(remembered) ? remembered
                    : contexts.isEmpty() ? null : contexts.get(0));
        } catch (RuntimeException e) {
            note.setText(e.getMessage());
        }
    }

    /** Shows the dialog; returns the k8s:// address chosen, or null. */
    String pick() {
        try {
            ButtonType b = dialog.showAndWait().orElse(ButtonType.CANCEL);
            if (b != ButtonType.OK || pod.getValue() == null || namespace.getValue() == null
                    || dbPath.getEditor().getText().isBlank()) {
                return null;
            }
            ctx.settings.settings().kubeContext = context.getValue();
            ctx.settings.changed();
            return new K8sAddress(context.getValue(), namespace.getValue(), pod.getValue().name(), container.getValue(),
                    dbPath.getEditor().getText().strip()).toString();
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    private void contextChosen() {
        if (client != null) {
            client.close();
        }
        String c = context.getValue();
        note.setText("Listing namespaces…");
        ctx.jobs.job(x -> {
            KubernetesClient k = KubernetesTargets.client(ctx.env, c);
            client = k;
            return new KubernetesDiscovery(k).namespaces();
        }).onSuccess(ns -> {
            note.setText("");
            namespace.setItems(FXCollections.observableArrayList(ns));
        }).onError(t -> note.setText(t.getMessage())).start();
    }

    private void namespaceChosen() {
        String ns = namespace.getValue();
        if (ns == null) {
            return;
        }
        ctx.jobs.job(x -> new KubernetesDiscovery(client).pods(ns)).onSuccess(pods -> {
            pod.setItems(FXCollections.observableArrayList(pods));
            note.setText(pods.isEmpty() ? "No pods in " + ns : "");
        }).onError(t -> note.setText(t.getMessage())).start();
    }

    private void podChosen() {
        KubernetesDiscovery.PodInfo p = pod.getValue();
        if (p == null) {
            return;
        }
        container.setItems(FXCollections.observableArrayList(p.containers()));
        container.getSelectionModel().select(0);
        note.setText(p.multiWriter() ? "⚠ " + p.ownerKind() + " " + p.ownerName() + " runs " + p.ownerReplicas()
                + " pods: each has its own SQLite database." : p.ready() ? "" : "⚠ This pod is not ready.");
        containerChosen();
    }

    private void containerChosen() {
        KubernetesDiscovery.PodInfo p = pod.getValue();
        String c = container.getValue();
        String ns = namespace.getValue();
        if (p == null || c == null) {
            return;
        }
        note.setText("Looking for database files in " + p.name() + "/" + c + "…");
        ctx.jobs.job(x -> KubernetesDiscovery.databaseFiles(new KubernetesShell(client, ns, p.name(), c), "/"))
                .onSuccess(files -> {
                    note.setText(files.isEmpty() ? "No *.db, *.sqlite or *.sqlite3 file found: type the path." : "");
                    dbPath.setItems(FXCollections.observableArrayList(files));
                    if (!files.isEmpty()) {
                        dbPath.getSelectionModel().select(0);
                    }
                }).onError(t -> note.setText(t.getMessage())).start();
    }
}
