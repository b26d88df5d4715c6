package dev.lsconsole.ui.timetravel;

import dev.lsconsole.ui.error.Problems;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A time-travel result tab while its walk runs and after: the question, progress ("restore point 37 of
 * 120") with Cancel, then the result, or one line saying it failed or was cancelled.
 */
final class JobPane extends BorderPane {
    private final ProgressBar bar = new ProgressBar(-1);
    private final Label message = new Label("Starting…");
    private final Button cancel = new Button("Cancel");
    private final Label status = new Label();
    private final Label title;
    private final HBox progressRow;
    private Task<?> task;
    /** Cancel was pressed: the walk may then end as failed with a CancellationException (it saw the token first). */
    private boolean cancelRequested;

    JobPane(String question) {
        setId("tt-pane");
        title = new Label(question);
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        bar.setPrefWidth(220);
        bar.setId("tt-progress");
        message.setId("tt-progress-text");
        cancel.setId("tt-cancel");
        cancel.setOnAction(e -> cancel());
        status.setId("tt-status");
        status.setWrapText(true);
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        progressRow = new HBox(10, bar, message, cancel);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, title, progressRow, status);
        top.setPadding(new Insets(10));
        setTop(top);
    }

    void run(Task<?> t) {
        task = t;
        bar.progressProperty().bind(t.progressProperty());
        message.textProperty().bind(t.messageProperty());
    }

    /** Stops the walk (its working copy is removed by the walk itself). */
    void cancel() {
        if (task != null && !task.isDone()) {
            cancelRequested = true;
            task.cancel();
        }
    }

    /** The job ended: hides the progress and says how, when it did not succeed. */
    void ended() {
        bar.progressProperty().unbind();
        message.textProperty().unbind();
        progressRow.setVisible(false);
        progressRow.setManaged(false);
        if (task != null && (task.isCancelled() || cancelRequested
                && task.getState() != javafx.concurrent.Worker.State.SUCCEEDED)) {
            say("Cancelled: the working copy was removed, nothing was written.", false);
        }
    }

    /** Says the question again once it is known exactly (the row's key is read in the background). */
    void retitle(String question) {
        title.setText(question);
    }

    void failed(Throwable t) {
        if (cancelRequested) {
            return; // ended() said it was cancelled
        }
        say("Not finished: " + Problems.of(t).what(), true);
    }

    void say(String line, boolean error) {
        status.setText(line);
        status.getStyleClass().remove("error-text");
        if (error) {
            status.getStyleClass().add("error-text");
        }
    }

    void show(Node result) {
        setCenter(result);
    }
}
