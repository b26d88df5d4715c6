package dev.lsconsole.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import org.junit.jupiter.api.Test;

/** Our frame reader against frames written by lz4-java, with every option litestream's writer may set. */
class Lz4FrameReaderTest {
    private static byte[] data(int n, boolean compressible) {
        byte[] b = new byte[n];
        Random r = new Random(n);
        if (compressible) {
            for (int i = 0; i < n; i++) {
                b[i] = (byte) ("sqlite wal page ".charAt(i % 16) + (r.nextInt(50) == 0 ? 1 : 0));
            }
        } else {
            r.nextBytes(b);
        }
        return b;
    }

    private static byte[] frame(byte[] content, BLOCKSIZE size, FLG.Bits... bits) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream o = new LZ4FrameOutputStream(out, size, content.length, bits)) {
            o.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] decode(byte[] stored) throws IOException {
        try (InputStream in = ObjectCodec.plain().decode(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsEveryOption() throws IOException {
        for (boolean compressible : new boolean[] {true, false}) {
            for (int n : new int[] {0, 1, 4096, 70_000, 1_300_000}) {
                byte[] content = data(n, compressible);
                assertThat(decode(frame(content, BLOCKSIZE.SIZE_64KB, FLG.Bits.BLOCK_INDEPENDENCE,
                        FLG.Bits.CONTENT_CHECKSUM))).isEqualTo(content);
                assertThat(decode(frame(content, BLOCKSIZE.SIZE_4MB, FLG.Bits.BLOCK_INDEPENDENCE,
                        FLG.Bits.BLOCK_CHECKSUM, FLG.Bits.CONTENT_SIZE))).isEqualTo(content);
            }
        }
    }

    @Test
    void refusesLinkedBlocksClearly() throws IOException {
        byte[] f = frame(data(1000, true), BLOCKSIZE.SIZE_64KB, FLG.Bits.BLOCK_INDEPENDENCE);
        f[4] &= ~0x20; // clear the independence flag, fix the descriptor checksum
        f[6] = (byte) ((net.jpountz.xxhash.XXHashFactory.fastestInstance().hash32().hash(f, 4, 2, 0) >>> 8) & 0xFF);
        assertThatThrownBy(() -> decode(f)).hasMessageContaining("linked blocks are not supported");
    }

    @Test
    void readsConcatenatedFrames() throws IOException {
        byte[] a = data(5000, true);
        byte[] b = data(9000, false);
        byte[] both = concat(frame(a, BLOCKSIZE.SIZE_64KB, FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.CONTENT_CHECKSUM),
                frame(b, BLOCKSIZE.SIZE_64KB, FLG.Bits.BLOCK_INDEPENDENCE));
        assertThat(decode(both)).isEqualTo(concat(a, b));
    }

    @Test
    void rejectsDamage() throws IOException {
        byte[] content = data(200_000, true);
        byte[] ok = frame(content, BLOCKSIZE.SIZE_64KB, FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.CONTENT_CHECKSUM);
        byte[] flipped = ok.clone();
        flipped[ok.length / 2] ^= 0x10;
        assertThatThrownBy(() -> decode(flipped)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decode(Arrays.copyOf(ok, ok.length - 6))).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> decode(Arrays.copyOf(ok, 5))).isInstanceOf(IOException.class);
        byte[] header = ok.clone();
        header[6] ^= 0x01; // the descriptor checksum byte
        assertThatThrownBy(() -> decode(header)).hasMessageContaining("header checksum");
        assertThatThrownBy(() -> decode("not lz4 at all".getBytes())).hasMessageContaining("bad magic");
        byte[] blockSum = frame(content, BLOCKSIZE.SIZE_64KB, FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.BLOCK_CHECKSUM);
        blockSum[20] ^= 0x01;
        assertThatThrownBy(() -> decode(blockSum)).isInstanceOf(IOException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
