package dev.lsconsole.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands in a pod through the API server's exec (fabric8; the pod-exec websocket with channel
 * streams and the exit status on the error channel). Standard input cannot be closed over that protocol
 * (v4), so scripts end with {@code .quit}.
 */
public final class KubernetesShell implements SqliteShell {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    private final String container;

    public KubernetesShell(KubernetesClient client, String namespace, String pod, String container) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
    }

    @Override
    public String where() {
        return "pod " + namespace + "/" + pod + (container == null ? "" : " container " + container);
    }

    @Override
    public Result exec(List<String> argv, String stdin, OutputStream sink, int timeoutSeconds) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        PodResource p = client.pods().inNamespace(namespace).withName(pod);
        var dsl = container == null ? p : p.inContainer(container);
        try (ExecWatch w = (stdin != null ? dsl.redirectingInput() : dsl).writingOutput(sink).writingError(err)
                .writingErrorChannel(status).exec(argv.toArray(String[]::new))) {
            // When the command cannot start, the server sends its Status and closes at once; stdin written
            // meanwhile fails ("could not send"), possibly before that Status is processed. The Status says why,
            // so a failed write is only reported when nothing else explains the end of the exec.
            RuntimeException writeFailure = null;
            if (stdin != null) {
                try {
                    OutputStream in = new java.io.BufferedOutputStream(w.getInput(), 1 << 16);
                    dev.lsconsole.sql.Scripts.write(stdin, in); // large values streamed, never a whole byte[]
                    in.flush();
                } catch (IOException | KubernetesClientException e) {
                    writeFailure = e instanceof KubernetesClientException k ? k
                            : new LiveException("cannot send input to " + where() + ": " + e.getMessage(), e);
                }
            }
            Integer code;
            try {
                code = w.exitCode().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!awaitStatus(status)) {
                    if (writeFailure != null) {
                        throw writeFailure;
                    }
                    throw e;
                }
                code = null;
            }
            String errText = err.toString(StandardCharsets.UTF_8);
            if (code == null || code < 0) {
                String message = statusMessage(status.toString(StandardCharsets.UTF_8));
                if (message.contains("executable file not found") || message.contains("no such file or directory")) {
                    return new Result(127, "", argv.get(0) + ": not found in " + where());
                }
                throw new LiveException("exec of " + argv.get(0) + " in " + where() + " failed: "
                        + (message.isEmpty() ? "the connection closed without an exit status" : message));
            }
            return new Result(code, "", errText);
        } catch (KubernetesClientException e) {
            throw translate(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KubernetesClientException k ? translate(k)
                    : new LiveException("exec in " + where() + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new LiveException(argv.get(0) + " in " + where() + " did not finish in " + timeoutSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveException("interrupted while running " + argv.get(0) + " in " + where());
        }
    }

    private LiveException translate(KubernetesClientException e) {
        int code = httpCode(e);
        if (code == 404 || String.valueOf(e.getMessage()).contains("not found")) {
            return new LiveException(where() + " not found (was it deleted or restarted?)", e);
        }
        if (code == 401 || code == 403) {
            return new LiveException("exec into " + where() + " refused (HTTP " + code + "): the kube credentials may "
                    + "not allow pods/exec", e);
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.startsWith("An error has occurred")) { // fabric8's wrapper says nothing: name the real cause
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            m = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        return new LiveException("exec in " + where() + " failed: " + m.lines().findFirst().orElse(m), e);
    }

    /** Waits up to 2 s for the error channel's Status to arrive; true when it has. */
    private static boolean awaitStatus(ByteArrayOutputStream status) throws InterruptedException {
        for (int i = 0; i < 40 && status.size() == 0; i++) {
            Thread.sleep(50);
        }
        return status.size() > 0;
    }

    /** The HTTP status behind an exception: its own, or a refused websocket handshake's further down. */
    static int httpCode(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return e.getCode();
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof io.fabric8.kubernetes.client.http.WebSocketHandshakeException w && w.getResponse() != null) {
                return w.getResponse().code();
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("status code (\\d{3})")
                    .matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    /** The message of the Status JSON the API server sends on the error channel. */
    static String statusMessage(String json) {
        if (json.isBlank()) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(json);
            return n.path("message").asText("");
        } catch (IOException e) {
            return json.strip();
        }
    }
}
