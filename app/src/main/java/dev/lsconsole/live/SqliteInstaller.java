package dev.lsconsole.live;

import java.util.List;

/**
 * The seed's fix for a pod without sqlite3, run only after an explicit confirmation: {@code apk add
 * --no-cache sqlite} (Alpine), else {@code apt-get update} and {@code apt-get install -y sqlite3}
 * (Debian/Ubuntu). Each an argument list through exec; never a shell line.
 */
public final class SqliteInstaller {
    private SqliteInstaller() {
    }

    /** True when a live operation failed because the sqlite3 program is not there. */
    public static boolean isMissing(LiveException e) {
        return String.valueOf(e.getMessage()).contains("sqlite3: not found");
    }

    /** Installs sqlite3 where {@code shell} runs commands; returns the command that did it. */
    public static String install(SqliteShell shell) {
        SqliteShell.Result apk = shell.run(List.of("apk", "add", "--no-cache", "sqlite"), null, 300);
        if (apk.ok()) {
            return "apk add --no-cache sqlite";
        }
        if (apk.exit() != 127) {
            throw new LiveException("apk add sqlite failed in " + shell.where() + ": " + last(apk.stderr()));
        }
        SqliteShell.Result update = shell.run(List.of("apt-get", "update"), null, 300);
        if (update.exit() == 127) {
            throw new LiveException("no package manager (apk or apt-get) in " + shell.where()
                    + "; add sqlite3 to the image");
        }
        SqliteShell.Result apt = shell.run(List.of("apt-get", "install", "-y", "--no-install-recommends", "sqlite3"),
                null, 600);
        if (!apt.ok()) {
            throw new LiveException("apt-get install sqlite3 failed in " + shell.where() + ": " + last(apt.stderr()));
        }
        return "apt-get install -y sqlite3";
    }

    private static String last(String s) {
        return s.strip().lines().reduce((a, b) -> b).orElse("exit code != 0");
    }
}
