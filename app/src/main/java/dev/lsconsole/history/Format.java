package dev.lsconsole.history;

/**
 * The two replica formats litestream has written: v0.3 (generations of snapshots and WAL segments) and
 * v0.5 (one chain of LTX files by TXID, in compaction levels). A prefix upgraded in place holds both.
 */
public enum Format {
    V03("v0.3"), V05("v0.5");

    private final String label;

    Format(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
