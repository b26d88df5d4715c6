package dev.lsconsole.push;

/** How restored rows go back: only rows live lacks (the seed's INSERT OR IGNORE), or also overwrite changed rows. */
public enum PushMode {
    INSERT_MISSING("insert-missing"), UPSERT("upsert");

    public final String flag;

    PushMode(String flag) {
        this.flag = flag;
    }

    public static PushMode of(String flag) {
        for (PushMode m : values()) {
            if (m.flag.equals(flag)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode \"" + flag + "\": use insert-missing or upsert");
    }
}
