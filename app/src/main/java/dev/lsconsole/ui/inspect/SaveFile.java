package dev.lsconsole.ui.inspect;

import java.nio.file.Path;
import java.util.function.Function;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks where to save a file (an export, a value). Headless UI tests cannot drive the native dialog, so
 * they answer through {@link #answerWith}: the rest of the flow is the one a person uses.
 */
public final class SaveFile {
    private static volatile Function<String, Path> answer;

    private SaveFile() {
    }

    /** The chosen file, or null if the person cancelled. */
    public static Path ask(Window owner, String title, String initialName) {
        Function<String, Path> a = answer;
        if (a != null) {
            return a.apply(initialName);
        }
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(initialName);
        java.io.File f = fc.showSaveDialog(owner);
        return f == null ? null : f.toPath();
    }

    /** For tests: answer every question with {@code a} (given the suggested name); null restores the dialog. */
    public static void answerWith(Function<String, Path> a) {
        answer = a;
    }
}
