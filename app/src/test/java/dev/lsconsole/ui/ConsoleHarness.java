package dev.lsconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.ui.mainwindow.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console in a headless stage (Monocle) for UI tests that drive it as a person would: its own data
 * and config directories per test, waits that poll the FX thread, and optional screenshots.
 *
 * <p>With {@code -Dscreenshots.dir=DIR} tests also save each main screen as a PNG (README's docs/ images,
 * taken under Xvfb with the GTK toolkit: see docs/README.md).
 */
abstract class ConsoleHarness extends FxRobot {
    @TempDir
    Path tmp;
    MainWindow window;
    Stage stage;
    final Map<String, String> vars = new HashMap<>(System.getenv());

    @BeforeEach
    void start() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        vars.put("XDG_DATA_HOME", tmp.resolve("data").toString());
        vars.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        vars.put("TMPDIR", tmp.resolve("tmp").toString());
        Function<String, String> env = vars::get;
        FxToolkit.setupStage(s -> {
            window = ConsoleApp.create(s, env, tmp.resolve("config/settings.json"), tmp.resolve("console.log"));
            if (!System.getProperty("screenshots.dir", "").isEmpty()) {
                s.setWidth(1360); // Monocle's headless screen is 1280x800: larger windows overflow it
                s.setHeight(860);
            }
            s.show();
        });
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        FxToolkit.setupFixture(() -> window.close());
    }

    void shot(String name) throws Exception {
        shot(name, stage.getScene().getRoot());
    }

    /** Saves the window that shows {@code node} as DIR/NAME.png when -Dscreenshots.dir is set. */
    void shot(String name, Node node) throws Exception {
        String dir = System.getProperty("screenshots.dir");
        if (dir == null || dir.isEmpty()) {
            return;
        }
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage img = WaitForAsyncUtils.asyncFx(() -> node.getScene().snapshot(null)).get();
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Files.createDirectories(Path.of(dir));
        javax.imageio.ImageIO.write(out, "png", Path.of(dir, name + ".png").toFile());
    }

    /** Ticks the first two differing rows of the open diff and pushes them (confirmed); closes the result. */
    void pushFirstTwoRows() throws Exception {
        java.util.List<javafx.scene.control.CheckBox> boxes = new java.util.ArrayList<>(from(lookup("#diff-rows"))
                .lookup(".table-row-cell .check-box").queryAllAs(javafx.scene.control.CheckBox.class));
        clickOn(boxes.get(0));
        clickOn(boxes.get(1));
        clickOn("#push-button");
        waitUntil(() -> lookup("#push-confirm").tryQuery().isPresent());
        clickOn("#push-confirm");
        waitUntil(() -> lookup("#push-done").tryQuery().isPresent());
        interact(() -> lookup("#push-done").query().getScene().getWindow().hide());
    }

    DialogPane errorDialog() throws Exception {
        waitUntil(() -> lookup("#error-dialog").tryQuery().isPresent());
        DialogPane d = lookup("#error-dialog").queryAs(DialogPane.class);
        Node expandable = d.getExpandableContent();
        assertThat(expandable).isNotNull();
        return d;
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static List<Long> ids(Path db, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** A loopback port nothing listens on (just closed). */
    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** An S3 replica whose endpoint does not answer, with keys that must never be shown. */
    static dev.lsconsole.config.ReplicaConfig unreachableReplica(int port) {
        return new dev.lsconsole.config.ReplicaConfig(null, null, null, "s3://backups/app.db", null, null, null, null,
                null, "AKIDEXAMPLE", "not-a-real-secret", "us-east-1", null, "http://127.0.0.1:" + port, true, false,
                null, null, null, null, null, null, List.of(), List.of());
    }

    dev.lsconsole.demo.DemoWorkspace openDemo() throws Exception {
        clickOn("#open-demo");
        waitUntil(() -> window.timeline().chosen() != null && !lookup("#restore-points").queryTableView()
                .getItems().isEmpty());
        return window.demo();
    }

    /** Types a moment just before the demo's accident, restores, and compares with the demo's live database. */
    void restoreBeforeAccidentAndCompare(dev.lsconsole.demo.DemoWorkspace demo) throws Exception {
        Path live = demo.liveDb();
        var local = demo.beforeAccident().atZone(java.time.ZoneId.systemDefault());
        clickOn(lookup("#restore-time").queryAs(javafx.scene.control.TextField.class))
                .push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.A)
                .write(local.toLocalTime().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")));
        waitUntil(() -> window.timeline().chosen().isBefore(demo.accident()));
        clickOn("#restore-button");
        waitUntil(() -> lookup("#verify-badge").tryQuery().isPresent());
        clickOn("Diff & push");
        assertThat(lookup("#live-address").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo(live.toString());
        clickOn("#compare-button");
        waitUntil(() -> !lookup("#diff-tables").queryTableView().getItems().isEmpty()
                && !lookup("#diff-rows").queryTableView().getItems().isEmpty());
    }
}
