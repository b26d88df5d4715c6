package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.V05Replica;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain (the timeline's and time travel's restore points) reads the {@code litestream-timestamp}
 * metadata of the files it steps through only, not of every LTX file: a replica made by the real litestream
 * v0.5.16 in S3Proxy, with L1, L2 and snapshot files covering what L0 files already hold. The chain is the
 * same, times included, as the one worked out from every file's metadata.
 */
class LtxChainHeadsTest {

    @Test
    void chainHeadsOnlyTheFilesItStepsThrough(@TempDir Path dir) throws Exception {
        Litestream05.assumeAvailable();
        try (V05Replica r = V05Replica.s3(dir);
             Catalog cat = Catalog.ofConfig(r.config.toString(), true,
                     name -> r.env.getOrDefault(name, System.getenv(name)))) {
            Replica rep = cat.databases().get(0).replicas().get(0);
            int before = r.s3.heads();
            LtxChain chain = LtxChain.of(rep);
            int heads = r.s3.heads() - before;

            List<LtxFileInfo> all = new ArrayList<>();
            for (int level : rep.client().ltxLevels()) {
                try (ObjectIterator<LtxFileInfo> it = rep.client().ltxFiles(level)) {
                    it.forEachRemaining(all::add);
                }
            }
            LtxChain everyHead = LtxChain.of(rep.client().accurateTimes(all));
            assertThat(chain.steps()).isEqualTo(everyHead.steps());
            assertThat(chain.holes()).isEqualTo(everyHead.holes());

            Set<String> stepFiles = new HashSet<>();
            chain.steps().forEach(s -> stepFiles.add(s.file().level() + "/" + s.file().name()));
            assertThat(all.size()).as("the replica has files the chain skips").isGreaterThan(stepFiles.size());
            assertThat(heads).as("one HEAD per file the chain steps through, of " + all.size() + " files")
                    .isEqualTo(stepFiles.size());
        }
    }
}
