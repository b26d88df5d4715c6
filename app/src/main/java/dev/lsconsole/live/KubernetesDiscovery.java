package dev.lsconsole.live;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What the GUI's pod picker lists: kube contexts, namespaces, pods (with their owner), containers, database files. */
public final class KubernetesDiscovery {
    /** A pod with what matters for picking it: readiness, containers, and the controller that owns it. */
    public record PodInfo(String name, String phase, boolean ready, List<String> containers, String ownerKind,
                          String ownerName, Integer ownerReplicas) {
        /** SQLite has one writer: a controller running several replicas means several databases. */
        public boolean multiWriter() {
            return ownerReplicas != null && ownerReplicas > 1;
        }
    }

    private final KubernetesClient client;

    public KubernetesDiscovery(KubernetesClient client) {
        this.client = client;
    }

    /** Context names of the kubeconfig, the current one first. */
    public static List<String> contexts(Function<String, String> env) {
        Path file = KubernetesTargets.kubeconfig(env);
        try {
            var config = KubeConfigUtils.parseConfigFromString(Files.readString(file));
            List<String> out = new ArrayList<>();
            if (config.getCurrentContext() != null) {
                out.add(config.getCurrentContext());
            }
            config.getContexts().forEach(c -> {
                if (!out.contains(c.getName())) {
                    out.add(c.getName());
                }
            });
            return out;
        } catch (IOException e) {
            throw new LiveException("cannot read kubeconfig " + file + ": " + dev.lsconsole.LocalFiles.reason(e), e);
        } catch (RuntimeException e) {
            throw new LiveException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }

    public List<String> namespaces() {
        try {
            return client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList();
        } catch (KubernetesClientException e) {
            throw new LiveException("cannot list namespaces: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public List<PodInfo> pods(String namespace) {
        List<PodInfo> out = new ArrayList<>();
        try {
            for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
                out.add(info(namespace, p));
            }
        } catch (KubernetesClientException e) {
            throw new LiveException("cannot list pods in " + namespace + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return out;
    }

    private PodInfo info(String namespace, Pod p) {
        boolean ready = p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        List<String> containers = p.getSpec() == null ? List.of()
                : p.getSpec().getContainers().stream().map(c -> c.getName()).toList();
        OwnerReference owner = p.getMetadata().getOwnerReferences() == null ? null
                : p.getMetadata().getOwnerReferences().stream().filter(o -> Boolean.TRUE.equals(o.getController()))
                .findFirst().orElse(null);
        String kind = owner == null ? null : owner.getKind();
        String name = owner == null ? null : owner.getName();
        Integer replicas = null;
        try {
            if ("StatefulSet".equals(kind)) {
                var s = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
                replicas = s == null ? null : s.getSpec().getReplicas();
            } else if ("ReplicaSet".equals(kind)) {
                var rs = client.apps().replicaSets().inNamespace(namespace).withName(name).get();
                replicas = rs == null ? null : rs.getSpec().getReplicas();
                if (rs != null && rs.getMetadata().getOwnerReferences() != null) {
                    for (OwnerReference o : rs.getMetadata().getOwnerReferences()) {
                        if ("Deployment".equals(o.getKind())) {
                            kind = "Deployment";
                            name = o.getName();
                        }
                    }
                }
            }
        } catch (KubernetesClientException e) {
            // no permission to read controllers: the replica count stays unknown
        }
        return new PodInfo(p.getMetadata().getName(), p.getStatus() == null ? null : p.getStatus().getPhase(), ready,
                containers, kind, name, replicas);
    }

    /**
     * SQLite database files under {@code root} in a container (by name: *.db, *.sqlite, *.sqlite3), four levels
     * deep. Volume mounts are searched (the database usually sits on one, e.g. /data); the system trees and the
     * kernel's pseudo file systems are not.
     */
    public static List<String> databaseFiles(SqliteShell shell, String root) {
        SqliteShell.Result r = shell.run(List.of("find", root, "-maxdepth", "4", "(", "-path", "/proc", "-o", "-path",
                "/sys", "-o", "-path", "/dev", "-o", "-path", "/usr", "-o", "-path", "/lib", "-o", "-path", "/etc", ")",
                "-prune", "-o", "-type", "f", "(", "-name", "*.db", "-o", "-name", "*.sqlite", "-o", "-name",
                "*.sqlite3", ")", "-print"), null, 60);
        if (r.exit() == 127) {
            throw new LiveException("cannot look for database files in " + shell.where() + ": " + r.stderr().strip());
        }
        return r.stdout().lines().filter(l -> !l.isBlank()).sorted().toList();
    }

}
