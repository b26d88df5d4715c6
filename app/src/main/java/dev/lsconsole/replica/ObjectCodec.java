package dev.lsconsole.replica;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns a stored object into its plain bytes: (decryption, when supported) then LZ4 frame decoding.
 * LZ4 frame checksums are verified by the decoder; a bad object fails with an {@link IOException}.
 */
public final class ObjectCodec {
    private static final ObjectCodec PLAIN = new ObjectCodec();

    private ObjectCodec() {
    }

    public static ObjectCodec plain() {
        return PLAIN;
    }

    public InputStream decode(InputStream stored) {
        return Lz4FrameReader.open(stored);
    }
}
