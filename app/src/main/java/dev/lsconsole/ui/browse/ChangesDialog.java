package dev.lsconsole.ui.browse;

import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.ui.common.Fmt;
import dev.lsconsole.ui.common.TypedMoment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * The keyboard way to "Changes between…": two moments typed as local date and time, checked at every
 * edit (a moment, FROM not after TO, both within the generation or v0.5 chain); OK is disabled with the
 * reason shown whole (it wraps).
 */
final class ChangesDialog {
    private ChangesDialog() {
    }

    static Optional<Instant[]> ask(Window owner, GenerationBounds bounds, Instant from, Instant to) {
        Dialog<Instant[]> d = new Dialog<>();
        d.initOwner(owner);
        dev.lsconsole.ui.common.ChildWindows.centerOnOwner(d);
        d.setTitle("Changes between…");
        d.setHeaderText("What changed between two moments of " + dev.lsconsole.history.History.label(bounds.generation())
                + "\n(restorable " + Fmt.time(bounds.createdAt()) + " to " + Fmt.time(bounds.updatedAt()) + ")");
        d.getDialogPane().setId("changes-dialog");
        TextField a = new TextField(Fmt.time(from));
        TextField b = new TextField(Fmt.time(to));
        a.setId("changes-from");
        b.setId("changes-to");
        a.setPrefColumnCount(22);
        b.setPrefColumnCount(22);
        Label why = new Label();
        why.setId("changes-why");
        why.getStyleClass().add("error-text");
        why.setWrapText(true);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, new Label("From"), a);
        g.addRow(1, new Label("To"), b);
        why.setMaxWidth(Double.MAX_VALUE);
        why.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wraps to a second line, never "…"
        why.setPrefWidth(1); // as wide as the fields, not as the sentence: it wraps within the dialog
        d.getDialogPane().setContent(new javafx.scene.layout.VBox(8, g, why));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Runnable check = () -> {
            String w = problem(a.getText(), b.getText(), bounds);
            why.setText(w == null ? "" : w);
            if (d.getDialogPane().getScene() != null && d.getDialogPane().getScene().getWindow() != null) {
                d.getDialogPane().getScene().getWindow().sizeToScene(); // room for a reason on two lines
            }
            d.getDialogPane().lookupButton(ButtonType.OK).setDisable(w != null);
        };
        a.textProperty().addListener((o, x, y) -> check.run());
        b.textProperty().addListener((o, x, y) -> check.run());
        check.run();
        d.setResultConverter(bt -> bt == ButtonType.OK ? new Instant[] {atLeast(parse(a.getText()).last(),
                bounds.createdAt()), atLeast(parse(b.getText()).last(), bounds.createdAt())} : null);
        return d.showAndWait();
    }

    /**
     * Why the two texts are not a usable range, or null. Each text means the whole unit it is written to
     * (see TypedMoment): the moments as the window shows them are within the generation.
     */
    static String problem(String from, String to, GenerationBounds bounds) {
        TypedMoment a;
        TypedMoment b;
        try {
            a = parse(from);
        } catch (DateTimeParseException e) {
            return "From: not a moment: " + from.strip() + " (use 2026-11-25 07:32:05.250)";
        }
        try {
            b = parse(to);
        } catch (DateTimeParseException e) {
            return "To: not a moment: " + to.strip() + " (use 2026-11-25 07:32:05.250)";
        }
        if (a.first().isAfter(b.first())) {
            return "From is after To.";
        }
        if (a.last().isBefore(bounds.createdAt()) || b.first().isAfter(bounds.updatedAt())) {
            return "Both moments must lie within the " + (bounds.generation().equals(dev.lsconsole.history.History.LTX_ID)
                    ? "v0.5 chain" : "generation") + " (" + Fmt.time(bounds.createdAt()) + " to "
                    + Fmt.time(bounds.updatedAt()) + ").";
        }
        return null;
    }

    private static Instant atLeast(Instant t, Instant min) {
        return t.isBefore(min) ? min : t;
    }

    static TypedMoment parse(String text) {
        return TypedMoment.dateTime(text);
    }
}
