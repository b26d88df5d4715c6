package dev.lsconsole.replica;

/** A position in a replica's WAL stream: generation, WAL index and byte offset within that index. */
public record Pos(String generation, int index, long offset) implements Comparable<Pos> {
    @Override
    public int compareTo(Pos o) {
        int c = generation.compareTo(o.generation);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(index, o.index);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return generation + "/" + Layout.hex8(index) + ":" + offset;
    }
}
