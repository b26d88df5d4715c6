package dev.lsconsole.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A loopback stand-in for the Kubernetes API server, enough for a real client to exec into one pod:
 * GET, LIST and WATCH of the pod, and {@code pods/exec} upgraded to a websocket speaking
 * {@code v4.channel.k8s.io} / {@code v5.channel.k8s.io} (channel 0 stdin, 1 stdout, 2 stderr, 3 the exit
 * Status). The command really runs, here, as a local process. Only 127.0.0.1; stopped by close().
 */
public final class StandInApiServer implements AutoCloseable {
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public final String namespace;
    public final String pod;
    public final String container;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stand-in-api");
        t.setDaemon(true);
        return t;
    });

    /** Test switches. */
    public volatile boolean podExists = true;
    public volatile boolean refuseExec;
    public volatile String sqlite3Program = "sqlite3";
    /** Other programs run under another name (a path), or missing when mapped to a path that does not exist. */
    public final Map<String, String> programs = new java.util.concurrent.ConcurrentHashMap<>();
    /** Replicas of the StatefulSet that owns the pod. */
    public volatile int replicas = 1;
    /** Called when an exec's first stdin frame arrives, with the process and a way to drop the connection. */
    public volatile Consumer<Exec> onStdin;
    public final List<String> execs = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A running exec: the process and its connection. */
    public record Exec(Process process, Socket socket) {
        /** As when the pod is deleted: the process is killed and the connection drops without a status. */
        public void podDeleted() {
            process.destroyForcibly();
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    public StandInApiServer(String namespace, String pod, String container) throws IOException {
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** A kubeconfig with one context, "standin", pointing here. */
    public Path writeKubeconfig(Path file) throws IOException {
        Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- name: standin\n  cluster:\n    server: "
                + url() + "\ncontexts:\n- name: standin\n  context:\n    cluster: standin\n    user: tester\n"
                + "    namespace: " + namespace + "\ncurrent-context: standin\nusers:\n- name: tester\n  user:\n"
                + "    token: test-token\n");
        return file;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.execute(() -> handle(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            s.setSoTimeout(60_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] req = lines[0].split(" ");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                if (c > 0) {
                    headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
                }
            }
            String target = req[1];
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            Map<String, List<String>> query = query(target.contains("?") ? target.substring(target.indexOf('?') + 1) : "");
            String podPath = "/api/v1/namespaces/" + namespace + "/pods/" + pod;
            if (path.equals(podPath + "/exec") && "websocket".equalsIgnoreCase(headers.get("upgrade"))) {
                if (!podExists) {
                    json(out, 404, notFound());
                } else if (refuseExec) {
                    json(out, 403, status("Failure", "pods \"" + pod + "\" is forbidden: User \"tester\" cannot create "
                            + "resource \"pods/exec\"", "Forbidden", 403));
                } else {
                    exec(s, in, out, headers, query);
                }
            } else if (path.equals("/api/v1/namespaces")) {
                json(out, 200, "{\"apiVersion\":\"v1\",\"kind\":\"NamespaceList\",\"metadata\":{},\"items\":["
                        + "{\"metadata\":{\"name\":\"default\"}},{\"metadata\":{\"name\":\"" + namespace + "\"}}]}");
            } else if (path.equals("/apis/apps/v1/namespaces/" + namespace + "/statefulsets/app")) {
                json(out, 200, "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"app\","
                        + "\"namespace\":\"" + namespace + "\"},\"spec\":{\"replicas\":" + replicas + "}}");
            } else if (path.equals(podPath)) {
                json(out, podExists ? 200 : 404, podExists ? podJson() : notFound());
            } else if (path.equals("/api/v1/namespaces/" + namespace + "/pods")) {
                if (query.containsKey("watch") && query.get("watch").contains("true")) {
                    watch(in, out);
                } else {
                    json(out, 200, "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{\"resourceVersion\":\"1\"},"
                            + "\"items\":[" + (podExists ? podJson() : "") + "]}");
                }
            } else {
                json(out, 404, status("Failure", "the server could not find the requested resource", "NotFound", 404));
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private String podJson() {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + pod + "\",\"namespace\":\"" + namespace
                + "\",\"resourceVersion\":\"1\",\"uid\":\"0000-stand-in\","
                + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"name\":\"app\","
                + "\"uid\":\"1\",\"controller\":true}]},\"spec\":{\"containers\":[{\"name\":\""
                + container + "\",\"image\":\"app\"}]},\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":"
                + "\"Ready\",\"status\":\"True\"}],\"containerStatuses\":[{\"name\":\"" + container + "\",\"ready\":true,"
                + "\"restartCount\":0,\"image\":\"app\",\"imageID\":\"\",\"state\":{\"running\":{}}}]}}";
    }

    private String notFound() {
        return status("Failure", "pods \"" + pod + "\" not found", "NotFound", 404);
    }

    private static String status(String status, String message, String reason, int code) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"" + status + "\",\"message\":"
                + quote(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void json(OutputStream out, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + code + " " + (code == 200 ? "OK" : code == 404 ? "Not Found" : "Forbidden") + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    /** A watch that sends nothing until the client hangs up (at most 20 s). */
    private static void watch(InputStream in, OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long end = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < end) {
            try {
                if (in.read() < 0) {
                    return;
                }
            } catch (java.net.SocketTimeoutException e) {
                break;
            }
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void exec(Socket s, InputStream in, OutputStream out, Map<String, String> headers,
                      Map<String, List<String>> query) throws IOException {
        String offered = headers.getOrDefault("sec-websocket-protocol", "");
        String protocol = offered.contains("v5.channel.k8s.io") ? "v5.channel.k8s.io"
                : offered.contains("v4.channel.k8s.io") ? "v4.channel.k8s.io" : null;
        if (protocol == null) {
            json(out, 400, status("Failure", "no supported subprotocol in " + offered, "BadRequest", 400));
            return;
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (headers.get("sec-websocket-key") + WS_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: " + protocol + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<String> argv = new ArrayList<>(query.getOrDefault("command", List.of()));
        execs.add(String.join(" ", argv));
        if (!argv.isEmpty() && argv.get(0).equals("sqlite3")) {
            argv.set(0, sqlite3Program);
        } else if (!argv.isEmpty() && programs.containsKey(argv.get(0))) {
            argv.set(0, programs.get(argv.get(0)));
        }
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            send(out, 3, status("Failure", "OCI runtime exec failed: exec failed: unable to start container process: "
                    + "exec: \"" + argv.get(0) + "\": executable file not found in $PATH: unknown", "InternalError", 500)
                    .getBytes(StandardCharsets.UTF_8));
            close(out);
            return;
        }
        Thread o = pump(p.getInputStream(), out, 1);
        Thread e = pump(p.getErrorStream(), out, 2);
        Thread stdin = new Thread(() -> readFrames(s, in, out, p, protocol), "stand-in-stdin");
        stdin.setDaemon(true);
        stdin.start();
        try {
            int code = p.waitFor();
            o.join(10_000);
            e.join(10_000);
            String st = code == 0 ? "{\"metadata\":{},\"status\":\"Success\"}"
                    : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                    + "error executing command " + quote(String.join(" ", argv)).replace("\"", "") + ", exit code " + code
                    + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\","
                    + "\"message\":\"" + code + "\"}]}}";
            send(out, 3, st.getBytes(StandardCharsets.UTF_8));
            close(out);
        } catch (InterruptedException ex) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException ex) {
            p.destroyForcibly(); // the connection is gone
        }
    }

    private void readFrames(Socket s, InputStream in, OutputStream out, Process p, String protocol) {
        boolean first = true;
        try {
            OutputStream toProcess = p.getOutputStream();
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    break;
                }
                int opcode = b0 & 0x0f;
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = (in.read() << 8) | in.read();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | in.read();
                    }
                }
                byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
                byte[] payload = in.readNBytes((int) len);
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                }
                if (opcode == 8) {
                    p.destroy();
                    break;
                } else if (opcode == 9) {
                    synchronized (out) {
                        frame(out, 10, payload);
                    }
                } else if ((opcode == 1 || opcode == 2 || opcode == 0) && payload.length > 0) {
                    int channel = payload[0] & 0xff;
                    if (channel == 0) {
                        if (first && onStdin != null) {
                            first = false;
                            onStdin.accept(new Exec(p, s));
                        }
                        toProcess.write(payload, 1, payload.length - 1);
                        toProcess.flush();
                    } else if (channel == 255 && protocol.startsWith("v5") && payload.length > 1 && payload[1] == 0) {
                        toProcess.close(); // v5: the client closed stdin
                    }
                }
            }
        } catch (IOException e) {
            // connection or process gone
        }
    }

    private static Thread pump(InputStream from, OutputStream out, int channel) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (from) {
                int n;
                while ((n = from.read(buf)) > 0) {
                    byte[] msg = new byte[n];
                    System.arraycopy(buf, 0, msg, 0, n);
                    send(out, channel, msg);
                }
            } catch (IOException ignored) {
                // the connection closed
            }
        }, "stand-in-pump-" + channel);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void send(OutputStream out, int channel, byte[] data) throws IOException {
        byte[] msg = new byte[data.length + 1];
        msg[0] = (byte) channel;
        System.arraycopy(data, 0, msg, 1, data.length);
        synchronized (out) {
            frame(out, 2, msg);
        }
    }

    private static void close(OutputStream out) throws IOException {
        synchronized (out) {
            frame(out, 8, new byte[] {0x03, (byte) 0xe8});
        }
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0x80 | opcode);
        if (payload.length < 126) {
            h.write(payload.length);
        } else if (payload.length < 65536) {
            h.write(126);
            h.write(payload.length >>> 8);
            h.write(payload.length & 0xff);
        } else {
            h.write(127);
            for (int i = 7; i >= 0; i--) {
                h.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
            }
        }
        out.write(h.toByteArray());
        out.write(payload);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (b.size() < 65536) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (c == '\r' ? 1 : 0);
            if (state == 4) {
                return b.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static Map<String, List<String>> query(String q) {
        Map<String, List<String>> m = new HashMap<>();
        for (String kv : q.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int e = kv.indexOf('=');
            String k = URLDecoder.decode(e < 0 ? kv : kv.substring(0, e), StandardCharsets.UTF_8);
            String v = e < 0 ? "" : URLDecoder.decode(kv.substring(e + 1), StandardCharsets.UTF_8);
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
