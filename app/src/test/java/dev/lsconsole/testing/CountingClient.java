package dev.lsconsole.testing;

import dev.lsconsole.replica.ReplicaClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real replica client that counts the calls made to it, by method and first argument ("ltxFiles 9"), for
 * tests that say how often something is listed on any replica type (S3Server counts S3 LIST pages only).
 */
public final class CountingClient {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final ReplicaClient client;

    public CountingClient(ReplicaClient delegate) {
        client = (ReplicaClient) Proxy.newProxyInstance(ReplicaClient.class.getClassLoader(),
                new Class<?>[] {ReplicaClient.class}, (self, m, args) -> {
                    String key = m.getName() + (args != null && args.length > 0 && args[0] instanceof Integer i
                            ? " " + i : "");
                    calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return m.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The counting client to read the replica through. */
    public ReplicaClient client() {
        return client;
    }

    /** Calls of {@code key} ("ltxLevels", "ltxFiles 9", "generations") so far. */
    public int calls(String key) {
        AtomicInteger n = calls.get(key);
        return n == null ? 0 : n.get();
    }
}
