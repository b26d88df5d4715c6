package dev.lsconsole.inspect;

import dev.lsconsole.sql.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * RFC 4180 CSV of SQLite rows, byte for byte: records end in CRLF; a field is quoted (inner quotes
 * doubled) when it holds a comma, quote, CR or LF, and the empty TEXT is {@code ""} so it differs from
 * NULL, which is an empty unquoted field (as sqlite3 -csv writes them). TEXT is its stored bytes, numbers
 * as SQL writes them (REALs round-trip), BLOBs their raw bytes in files ({@code blobsAsHex}: X'…' where
 * only text can go, the clipboard).
 */
public final class Csv {
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final boolean blobsAsHex;

    public Csv(OutputStream out, boolean blobsAsHex) {
        this.out = out;
        this.blobsAsHex = blobsAsHex;
    }

    public void header(List<String> columns) {
        record(columns.stream().map(Value::ofText).toList());
    }

    public void record(List<Value> row) {
        try {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                field(row.get(i));
            }
            out.write(CRLF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void field(Value v) throws IOException {
        byte[] b = switch (v.type()) {
            case NULL -> new byte[0];
            case TEXT -> v.bytes();
            case BLOB -> blobsAsHex ? ("X'" + HexFormat.of().formatHex(v.bytes()) + "'").getBytes(StandardCharsets.US_ASCII)
                    : v.bytes();
            case INTEGER, REAL -> v.toString().getBytes(StandardCharsets.US_ASCII);
        };
        boolean quote = b.length == 0 && v.type() != Value.Type.NULL;
        for (byte x : b) {
            if (x == ',' || x == '"' || x == '\r' || x == '\n') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            out.write(b);
            return;
        }
        out.write('"');
        for (byte x : b) {
            if (x == '"') {
                out.write('"');
            }
            out.write(x);
        }
        out.write('"');
    }

    /** Rows (with a header line) as CSV text for the clipboard: BLOBs as X'…', invalid UTF-8 replaced. */
    public static String text(List<String> columns, List<? extends List<Value>> rows) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Csv csv = new Csv(buf, true);
        if (columns != null) {
            csv.header(columns);
        }
        rows.forEach(csv::record);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
