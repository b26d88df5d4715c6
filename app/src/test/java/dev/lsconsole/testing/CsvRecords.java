package dev.lsconsole.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as records for comparing two writers (ours and sqlite3 -csv) on content, not on line
 * endings: an unquoted empty field is null (NULL), a quoted one the empty string. And runs sqlite3 -csv.
 */
public final class CsvRecords {
    private CsvRecords() {
    }

    public static List<List<String>> parse(String s) {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',' || ch == '\n' || ch == '\r') {
                rec.add(f.isEmpty() && !wasQuoted ? null : f.toString());
                f.setLength(0);
                wasQuoted = false;
                if (ch != ',') {
                    if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                    out.add(rec);
                    rec = new ArrayList<>();
                }
            } else {
                f.append(ch);
            }
            i++;
        }
        if (!rec.isEmpty() || !f.isEmpty()) {
            rec.add(f.isEmpty() && !wasQuoted ? null : f.toString());
            out.add(rec);
        }
        return out;
    }

    /** The real sqlite3 CLI's {@code -csv -header} output of {@code sql} on {@code db}. */
    public static String sqlite3Csv(Path db, String sql) throws Exception {
        Process p = new ProcessBuilder("sqlite3", "-readonly", "-csv", "-header", db.toString()).start();
        p.getOutputStream().write(sql.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !err.isEmpty()) {
            throw new IllegalStateException("sqlite3 failed: " + err);
        }
        return out;
    }
}
