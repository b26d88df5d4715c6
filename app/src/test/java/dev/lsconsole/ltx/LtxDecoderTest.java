package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder against LTX files written by the real superfly/ltx encoder (v0.5.1 LZ4-frame pages,
 * v0.5.2 LZ4-block pages; values printed by ltx itself) and by the real litestream v0.5.16 binary
 * (pages compared with what `litestream restore` wrote).
 */
class LtxDecoderTest {
    private static final Map<String, LtxFixtures.Expected> EXPECTED = LtxFixtures.expected();
    private static final String LS = "litestream-v0.5.16/";

    static Stream<String> goFixtures() {
        return EXPECTED.keySet().stream();
    }

    @Test
    void bothEncodingsOfEveryCaseArePresent() {
        assertThat(EXPECTED.keySet()).hasSize(10)
                .allMatch(n -> EXPECTED.containsKey(n.replace("v051", "v052")) && EXPECTED.containsKey(n.replace("v052", "v051")));
        // The two encodings really differ on disk: frame pages have flags 0, block pages flag 0x1.
        assertThat(LtxFixtures.bytes("snap4096-v051.ltx")[105]).isEqualTo((byte) 0);
        assertThat(LtxFixtures.bytes("snap4096-v052.ltx")[105]).isEqualTo((byte) 1);
    }

    @ParameterizedTest
    @MethodSource("goFixtures")
    void decodesWhatTheGoLibraryWrote(String name) {
        LtxFixtures.Expected want = EXPECTED.get(name);
        byte[] file = LtxFixtures.bytes(name);
        assertThat((long) file.length).isEqualTo(want.size());
        try (LtxDecoder dec = new LtxDecoder(new ByteArrayInputStream(file), name)) {
            assertThat(dec.header()).isEqualTo(want.header());
            assertThat(dec.header().isSnapshot()).isEqualTo(want.header().minTxid() == 1);
            assertThat(dec.header().timestamp().toEpochMilli()).isEqualTo(want.header().timestampMillis());
            byte[] buf = new byte[want.header().pageSize()];
            List<Long> pgnos = new ArrayList<>();
            List<String> shas = new ArrayList<>();
            for (int pgno; (pgno = dec.nextPage(buf)) != 0;) {
                pgnos.add((long) pgno);
                shas.add(LtxFixtures.sha256(buf, 0, buf.length));
            }
            assertThat(pgnos).containsExactlyElementsOf(want.pages().stream().map(p -> p[0]).toList());
            assertThat(shas).containsExactlyElementsOf(want.pageSha());
            assertThat(dec.trailer()).isEqualTo(want.trailer());
            assertThat(dec.bytesRead()).isEqualTo(want.size());
            assertThat(dec.nextPage(buf)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("goFixtures")
    void fileChecksumIsGosValue(String name) {
        LtxFixtures.Expected want = EXPECTED.get(name);
        byte[] file = LtxFixtures.bytes(name);
        assertThat(LtxFixtures.fileChecksum(file, want.index(), want.header().pageSize())).isEqualTo(want.trailer().fileChecksum());
        assertThat(LtxFixtures.u64(file, file.length - 8)).isEqualTo(want.trailer().fileChecksum());
    }

    @ParameterizedTest
    @MethodSource("goFixtures")
    void pageIndexFromTheTailAndSingleFramesMatchGo(String name) {
        LtxFixtures.Expected want = EXPECTED.get(name);
        byte[] file = LtxFixtures.bytes(name);
        long indexLength = LtxPageIndex.indexLength(Arrays.copyOfRange(file, file.length - 24, file.length), name);
        for (int extra : new int[] {0, 6, 100}) {
            int n = (int) Math.min(file.length, indexLength + 24 + extra);
            LtxPageIndex index = LtxPageIndex.parseTail(Arrays.copyOfRange(file, file.length - n, file.length), file.length, name);
            assertThat(index.entries()).containsExactlyElementsOf(want.index());
        }
        int pageSize = want.header().pageSize();
        byte[] out = new byte[pageSize];
        for (int i = 0; i < want.index().size(); i++) {
            LtxPageIndex.Entry e = want.index().get(i);
            byte[] frame = Arrays.copyOfRange(file, (int) e.offset(), (int) (e.offset() + e.size()));
            assertThat(LtxDecoder.decodeFrame(frame, pageSize, out, name)).isEqualTo(e.pgno());
            assertThat(LtxFixtures.sha256(out, 0, pageSize)).isEqualTo(want.pageSha().get(i));
        }
    }

    @Test
    void decodesLitestreamSnapshotLikeItsRestore() {
        Map<Integer, String> restored = restoredPages();
        String name = LS + "L1-0000000000000001-0000000000000004.ltx";
        List<Integer> pgnos = decodeAgainst(name, restored);
        assertThat(pgnos).containsExactly(1, 2, 3, 4);
    }

    @Test
    void decodesLitestreamIncrementalLikeItsRestore() {
        String name = LS + "L0-0000000000000004-0000000000000004.ltx";
        List<Integer> pgnos = decodeAgainst(name, restoredPages());
        assertThat(pgnos).isNotEmpty();
        try (LtxDecoder dec = new LtxDecoder(new ByteArrayInputStream(LtxFixtures.bytes(name)), name)) {
            assertThat(dec.header().minTxid()).isEqualTo(4);
            assertThat(dec.header().isSnapshot()).isFalse();
        }
    }

    /** Decodes a litestream file, compares every page with the restored database, checks index + frames. */
    private static List<Integer> decodeAgainst(String name, Map<Integer, String> restored) {
        byte[] file = LtxFixtures.bytes(name);
        List<Integer> pgnos = new ArrayList<>();
        Map<Integer, String> shas = new HashMap<>();
        try (LtxDecoder dec = new LtxDecoder(new ByteArrayInputStream(file), name)) {
            LtxHeader h = dec.header();
            assertThat(h.pageSize()).isEqualTo(4096);
            assertThat(h.maxTxid()).isEqualTo(4);
            assertThat(h.commit()).isEqualTo(restored.size());
            assertThat(h.flags()).isEqualTo(LtxHeader.FLAG_NO_CHECKSUM);
            byte[] buf = new byte[4096];
            for (int pgno; (pgno = dec.nextPage(buf)) != 0;) {
                pgnos.add(pgno);
                shas.put(pgno, LtxFixtures.sha256(buf, 0, 4096));
                assertThat(shas.get(pgno)).as("page %d of %s", pgno, name).isEqualTo(restored.get(pgno));
            }
            assertThat(dec.trailer().fileChecksum()).isEqualTo(LtxFixtures.u64(file, file.length - 8));
            assertThat(dec.bytesRead()).isEqualTo(file.length);
        }
        LtxPageIndex index = LtxPageIndex.parseTail(file, file.length, name);
        assertThat(index.entries()).extracting(LtxPageIndex.Entry::pgno).containsExactlyElementsOf(pgnos);
        byte[] out = new byte[4096];
        for (LtxPageIndex.Entry e : index.entries()) {
            byte[] frame = Arrays.copyOfRange(file, (int) e.offset(), (int) (e.offset() + e.size()));
            assertThat(frame[5] & 1).as("litestream v0.5.16 writes block pages").isEqualTo(1);
            assertThat(LtxDecoder.decodeFrame(frame, 4096, out, name)).isEqualTo(e.pgno());
            assertThat(LtxFixtures.sha256(out, 0, 4096)).isEqualTo(shas.get(e.pgno()));
        }
        return pgnos;
    }

    private static Map<Integer, String> restoredPages() {
        Map<Integer, String> pages = new HashMap<>();
        for (String line : LtxFixtures.text(LS + "restored-pages.tsv").split("\n")) {
            String[] f = line.split("\t");
            if (f[0].equals("dbpage")) {
                pages.put(Integer.parseInt(f[1]), f[2]);
            }
        }
        return pages;
    }
}
