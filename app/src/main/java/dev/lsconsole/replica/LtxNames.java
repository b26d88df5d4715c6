package dev.lsconsole.replica;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object names of a litestream v0.5 replica. Files are {@code %016x-%016x.ltx} (min and max TXID); the
 * folder of a level differs by replica type, as in litestream v0.5.16: file (and GCS, Azure, SFTP, WebDAV)
 * {@code ltx/<level in decimal>/}, S3 {@code <level as %04x>/} with no {@code ltx/} folder.
 */
public final class LtxNames {
    public static final int SNAPSHOT_LEVEL = 9;
    private static final Pattern FILE = Pattern.compile("^([0-9a-fA-F]{16})-([0-9a-fA-F]{16})\\.ltx$");

    private LtxNames() {
    }

    public static String txid(long txid) {
        String h = Long.toHexString(txid);
        return "0000000000000000".substring(h.length()) + h;
    }

    public static String fileName(long min, long max) {
        return txid(min) + "-" + txid(max) + ".ltx";
    }

    /** {min, max} of an LTX file name, or null when it is not one (litestream skips such names). */
    public static long[] parse(String name) {
        Matcher m = FILE.matcher(name);
        return m.matches() ? new long[] {Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16)}
                : null;
    }

    /** A TXID as the user types it: hex as litestream prints it (16 digits, or fewer; "0x" allowed). */
    public static long parseTxid(String s) {
        String h = s.trim();
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        if (h.isEmpty() || h.length() > 16 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("invalid TXID \"" + s + "\": expected up to 16 hex digits, as litestream "
                    + "prints them (e.g. 000000000000002a)");
        }
        return Long.parseUnsignedLong(h, 16);
    }

    /** The folder of a level in the file layout, relative to the replica's root. */
    public static String fileLevelDir(int level) {
        return "ltx/" + level;
    }

    /** The folder of a level in the S3 layout, relative to the replica's path. */
    public static String s3LevelDir(int level) {
        String h = Integer.toHexString(level);
        return "0000".substring(h.length()) + h;
    }
}
