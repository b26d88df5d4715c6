package dev.lsconsole.replica;

import java.util.Iterator;
import java.util.List;

/** A lazily fetched listing (S3 pages are fetched as it is walked); close it when done early. */
public interface ObjectIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();

    static <T> ObjectIterator<T> of(List<T> items) {
        Iterator<T> it = items.iterator();
        return new ObjectIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
