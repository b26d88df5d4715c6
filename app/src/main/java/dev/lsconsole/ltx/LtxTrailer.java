package dev.lsconsole.ltx;

/**
 * Why: the 16-byte end of an LTX file; callers show the post-apply checksum and the (verified)
 * file checksum. Both are raw unsigned 64-bit values; the file checksum has bit 63 set.
 */
public record LtxTrailer(long postApplyChecksum, long fileChecksum) {
    public static final int SIZE = 16;
}
