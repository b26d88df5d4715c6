package dev.lsconsole.live;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code k8s://[CONTEXT@]NAMESPACE/POD[:CONTAINER]/ABS/DB/PATH}: where a live database is in a cluster. */
public record K8sAddress(String context, String namespace, String pod, String container, String dbPath) {
    private static final Pattern FORM = Pattern.compile(
            "^k8s://(?:([^@/]+)@)?([a-z0-9]([-a-z0-9]*[a-z0-9])?)/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)(?::([^/]+))?(/.+)$");

    public static K8sAddress parse(String s) {
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new LiveException("invalid Kubernetes address " + s
                    + ": use k8s://[CONTEXT@]NAMESPACE/POD[:CONTAINER]/ABSOLUTE/PATH/TO/DB");
        }
        return new K8sAddress(m.group(1), m.group(2), m.group(4), m.group(6), m.group(7));
    }

    @Override
    public String toString() {
        return "k8s://" + (context == null ? "" : context + "@") + namespace + "/" + pod
                + (container == null ? "" : ":" + container) + dbPath;
    }
}
