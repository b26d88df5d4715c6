package dev.lsconsole.restore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** An I/O error of the replica's transport (network, disk), as opposed to bad bytes: worth a retry. */
final class SourceIOException extends IOException {
    private static final long serialVersionUID = 1L;

    SourceIOException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** Marks transport errors and counts stored bytes as they are read. */
    static InputStream wrap(InputStream raw, AtomicLong counter) {
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                try {
                    int b = super.read();
                    if (b >= 0) {
                        counter.incrementAndGet();
                    }
                    return b;
                } catch (IOException e) {
                    throw new SourceIOException(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        counter.addAndGet(n);
                    }
                    return n;
                } catch (IOException e) {
                    throw new SourceIOException(e);
                }
            }
        };
    }
}
