package dev.lsconsole.timetravel;

import dev.lsconsole.TempFolders;
import dev.lsconsole.demo.DemoWorkspace;
import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import java.nio.file.Path;

/**
 * A small JVM for {@link WalkSigtermTest}: walks the demo's generation with its working folders owned by
 * {@link TempFolders} in {@code args[0]}, as the window does, prints the working copy's path at the first
 * restore point and waits there (at most two minutes) to be signalled.
 */
public final class WalkHolder {
    private WalkHolder() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        DemoWorkspace demo = DemoWorkspace.unpack(root.resolve("demo"));
        try (Catalog cat = Catalog.ofConfig(demo.config().toString(), true, System::getenv)) {
            Replica rep = cat.databases().get(0).replicas().get(0);
            String generation = rep.client().generations().get(0);
            Walk walk = Span.of(rep, generation).walk(root, new Cancellation()).ownedBy(new TempFolders(root));
            walk.run((p, db) -> {
                System.out.println(db);
                System.out.flush();
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            });
        }
    }
}
