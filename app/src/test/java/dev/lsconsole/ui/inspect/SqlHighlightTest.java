package dev.lsconsole.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.junit.jupiter.api.Test;

/** The SQL highlighting of the console and of push/undo previews: what is styled as what. */
class SqlHighlightTest {
    @Test
    void keywordsInsideQuotedNamesStayPlain() {
        String sql = "INSERT INTO \"order\" (\"from\", [select], `where`, \"a\"\"nd\") VALUES ('or', 12) -- not\n";
        assertThat(styled(sql, "keyword")).containsExactly("INSERT", "INTO", "VALUES");
        assertThat(styled(sql, "string")).containsExactly("'or'");
        assertThat(styled(sql, "number")).containsExactly("12");
        assertThat(styled(sql, "comment")).containsExactly("-- not");
    }

    @Test
    void anUnclosedQuotedNameRunsToTheEnd() {
        assertThat(styled("SELECT \"select from", "keyword")).containsExactly("SELECT");
    }

    private static List<String> styled(String sql, String style) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : SqlConsole.highlight(sql)) {
            if (span.getStyle().contains(style)) {
                out.add(sql.substring(at, at + span.getLength()));
            }
            at += span.getLength();
        }
        return out;
    }
}
