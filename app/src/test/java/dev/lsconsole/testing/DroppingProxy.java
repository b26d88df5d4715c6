package dev.lsconsole.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback TCP proxy in front of a plain-HTTP server that drops the network at a chosen request: when the client
 * sends the {@code n}th request whose request line matches, the proxy closes every connection and its listening
 * socket before that request reaches the server. Retries then find nothing listening, as when the network or the
 * server goes away mid-transfer. Deterministic, unlike stopping the server from a watcher thread.
 * {@link #holding} instead holds that request back until {@link #release} (or a minute), as a slow network would:
 * the work that sent it can be looked at while it runs.
 */
public final class DroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Predicate<String> matches;
    private final int dropAt;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private java.util.concurrent.CountDownLatch hold;
    private final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);

    private DroppingProxy(int targetPort, Predicate<String> matches, int dropAt) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.matches = matches;
        this.dropAt = dropAt;
        Thread accept = new Thread(this::acceptLoop, "dropping-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** Forwards to 127.0.0.1:{@code targetPort}; drops everything at the {@code dropAt}th matching request line. */
    public static DroppingProxy start(int targetPort, Predicate<String> requestLine, int dropAt) throws IOException {
        return new DroppingProxy(targetPort, requestLine, dropAt);
    }

    /** Forwards to 127.0.0.1:{@code targetPort}; holds the {@code holdAt}th matching request until {@link #release}. */
    public static DroppingProxy holding(int targetPort, Predicate<String> requestLine, int holdAt) throws IOException {
        DroppingProxy p = new DroppingProxy(targetPort, requestLine, holdAt);
        p.hold = new java.util.concurrent.CountDownLatch(1);
        return p;
    }

    /** Whether the held request has arrived (and waits). */
    public boolean holds() {
        return held.getCount() == 0 && hold != null && hold.getCount() > 0;
    }

    /** Lets the held request through. */
    public void release() {
        if (hold != null) {
            hold.countDown();
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Whether the drop has happened. */
    public boolean dropped() {
        return dropped.get();
    }

    /** Matching request lines seen so far (the dropped one included). */
    public int seen() {
        return seen.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean requests) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            StringBuilder line = new StringBuilder();
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (requests && dropsHere(buf, n, line)) {
                        if (hold == null) {
                            drop();
                            return;
                        }
                        held.countDown();
                        hold.await(60, java.util.concurrent.TimeUnit.SECONDS); // bounded: a forgotten release ends
                        hold.countDown();
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed, or the drop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "dropping-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Scans the client's bytes for request lines; true when this chunk holds the one to drop at. */
    private boolean dropsHere(byte[] buf, int n, StringBuilder line) {
        boolean drop = false;
        for (int i = 0; i < n; i++) {
            char c = (char) (buf[i] & 0xff);
            if (c == '\n') {
                String l = line.toString().strip();
                line.setLength(0);
                if (l.endsWith("HTTP/1.1") && matches.test(l) && seen.incrementAndGet() == dropAt) {
                    drop = true;
                }
            } else if (line.length() < 8192) {
                line.append(c);
            }
        }
        return drop || hold == null && dropped.get();
    }

    private void drop() {
        dropped.set(true);
        close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
