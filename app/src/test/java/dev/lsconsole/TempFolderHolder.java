package dev.lsconsole;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small JVM for {@link TempFoldersTest}: makes a temp folder as the console does for a restored copy,
 * writes a file in it, prints its path and waits (at most two minutes) to be signalled.
 */
public final class TempFolderHolder {
    private TempFolderHolder() {
    }

    public static void main(String[] args) throws Exception {
        TempFolders temps = new TempFolders(Path.of(args[0]));
        Path dir = temps.create("lsc-restore-");
        Files.writeString(dir.resolve("copy.db"), "restored");
        System.out.println(dir);
        System.out.flush();
        Thread.sleep(120_000);
    }
}
