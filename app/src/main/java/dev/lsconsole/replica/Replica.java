package dev.lsconsole.replica;

/** A named replica: its display name (as litestream prints it) and an open client. */
public record Replica(String name, ReplicaClient client, ObjectCodec codec) implements AutoCloseable {
    @Override
    public void close() {
        client.close();
    }
}
