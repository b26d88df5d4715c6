package dev.lsconsole.restore;

/** How a restored file is checked before it is published: SQLite's integrity_check, quick_check, or not at all. */
public enum Verify {
    FULL("integrity_check"), QUICK("quick_check"), NONE(null);

    final String pragma;

    Verify(String pragma) {
        this.pragma = pragma;
    }
}
