package dev.lsconsole.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoded pages stay within the shared memory budget (spilling beyond it) and read back exactly. */
class PageLogTest {
    static final int PAGE = 4096;
    static final int PER_CHUNK = PageMemory.CHUNK_BYTES / PAGE;

    @TempDir
    Path tmp;

    @Test
    void pagesBeyondTheSharedBudgetSpillAndReadBackExactly() throws Exception {
        PageMemory budget = new PageMemory(2L * PageMemory.CHUNK_BYTES);
        try (PageLog a = new PageLog(PAGE, 64L << 20, tmp, budget);
             PageLog b = new PageLog(PAGE, 64L << 20, tmp, budget)) {
            int n = PER_CHUNK * 3 + 5;
            for (int i = 0; i < n; i++) {
                assertThat(a.append(page(i), 0)).isEqualTo(i);
            }
            assertThat(budget.allocatedBytes()).isEqualTo(2L * PageMemory.CHUNK_BYTES);
            assertThat(a.spilledPages()).isEqualTo(n - 2L * PER_CHUNK); // the budget is spent: the rest went to disk
            for (int i = 0; i < 10; i++) {
                b.append(page(1000 + i), 0); // nothing left for b: all of it spills
            }
            assertThat(b.spilledPages()).isEqualTo(10);
            ByteBuffer scratch = ByteBuffer.allocate(PAGE);
            for (int i = 0; i < n; i++) {
                assertThat(bytes(a.page(i, scratch))).as("page %d", i).isEqualTo(page(i));
            }
            for (int i = 0; i < 10; i++) {
                assertThat(bytes(b.page(i, scratch))).isEqualTo(page(1000 + i));
            }
        }
        try (var s = Files.list(tmp)) {
            assertThat(s).isEmpty(); // temp files removed on close
        }
    }

    @Test
    void closedLogsGiveTheirChunksBackForTheNextOne() throws Exception {
        PageMemory budget = new PageMemory(PageMemory.CHUNK_BYTES);
        for (int round = 0; round < 3; round++) {
            try (PageLog log = new PageLog(PAGE, 64L << 20, tmp, budget)) {
                for (int i = 0; i < PER_CHUNK; i++) {
                    log.append(page(round * 100 + i), 0);
                }
                assertThat(log.spilledPages()).as("round %d stays in memory", round).isZero();
                assertThat(bytes(log.page(PER_CHUNK - 1, ByteBuffer.allocate(PAGE))))
                        .isEqualTo(page(round * 100 + PER_CHUNK - 1));
            }
        }
        assertThat(budget.allocatedBytes()).isEqualTo(PageMemory.CHUNK_BYTES);
    }

    @Test
    void theLimitPerLogStillApplies() throws Exception {
        PageMemory budget = new PageMemory(64L << 20);
        try (PageLog log = new PageLog(PAGE, PageMemory.CHUNK_BYTES, tmp, budget)) {
            for (int i = 0; i < PER_CHUNK + 1; i++) {
                log.append(page(i), 0);
            }
            assertThat(budget.allocatedBytes()).isEqualTo(PageMemory.CHUNK_BYTES);
            assertThat(log.spilledPages()).isEqualTo(1);
            assertThat(bytes(log.page(PER_CHUNK, ByteBuffer.allocate(PAGE)))).isEqualTo(page(PER_CHUNK));
        }
    }

    private static byte[] page(int seed) {
        byte[] p = new byte[PAGE];
        Arrays.fill(p, (byte) seed);
        p[0] = (byte) (seed >>> 8);
        p[PAGE - 1] = (byte) (seed * 31);
        return p;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
