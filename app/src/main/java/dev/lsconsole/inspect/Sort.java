package dev.lsconsole.inspect;

/**
 * How the grid orders a table: by one column, ascending or descending, SQLite doing the sorting (the row
 * key breaks ties so pages are stable), or {@link #NONE} for the stored order.
 */
public record Sort(String column, boolean descending) {
    public static final Sort NONE = new Sort(null, false);

    public boolean isNone() {
        return column == null;
    }
}
