package dev.lsconsole.replica;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Object names of a litestream v0.3 replica, below its root path. */
public final class Layout {
    private static final Pattern SNAPSHOT = Pattern.compile("^([0-9a-f]{8})\\.snapshot\\.lz4$");
    private static final Pattern WAL_SEGMENT = Pattern.compile("^([0-9a-f]{8})_([0-9a-f]{8})\\.wal\\.lz4$");

    private Layout() {
    }

    public static boolean isGenerationName(String s) {
        if (s.length() != 16) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    public static String hex8(long v) {
        String h = Long.toHexString(v);
        return h.length() >= 8 ? h : "00000000".substring(h.length()) + h;
    }

    public static String snapshotName(int index) {
        return hex8(index) + ".snapshot.lz4";
    }

    public static String walSegmentName(int index, long offset) {
        return hex8(index) + "_" + hex8(offset) + ".wal.lz4";
    }

    /** The index of a snapshot file name, or -1. */
    public static int parseSnapshotName(String name) {
        Matcher m = SNAPSHOT.matcher(name);
        return m.matches() ? Integer.parseUnsignedInt(m.group(1), 16) : -1;
    }

    /** {index, offset} of a WAL segment file name, or null. */
    public static long[] parseWalSegmentName(String name) {
        Matcher m = WAL_SEGMENT.matcher(name);
        return m.matches() ? new long[] {Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2), 16)} : null;
    }

    public static String generationsDir(String root) {
        return join(root, "generations");
    }

    public static String snapshotKey(String root, String generation, int index) {
        return join(root, "generations/" + generation + "/snapshots/" + snapshotName(index));
    }

    public static String walSegmentKey(String root, String generation, int index, long offset) {
        return join(root, "generations/" + generation + "/wal/" + walSegmentName(index, offset));
    }

    static String join(String root, String rest) {
        if (root == null || root.isEmpty()) {
            return rest;
        }
        return root.endsWith("/") ? root + rest : root + "/" + rest;
    }
}
