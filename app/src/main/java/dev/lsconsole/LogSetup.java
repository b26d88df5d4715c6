package dev.lsconsole;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Logging without XML: warnings and errors to stderr ({@code -v} raises dev.lsconsole to INFO). Parsing
 * an XML config costs a CLI run ~600 extra classes at start-up. A {@code logback-test.xml} on the class
 * path (tests) still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LayoutBase<ILoggingEvent> layout = new LayoutBase<>() {
            @Override
            public String doLayout(ILoggingEvent e) {
                String name = e.getLoggerName();
                return TIME.format(LocalTime.now()) + " " + e.getLevel() + " " + name.substring(name.lastIndexOf('.') + 1)
                        + ": " + e.getFormattedMessage() + System.lineSeparator();
            }
        };
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(ctx);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The desktop console also logs (INFO and up of its own code) to a file in the user's data directory. */
    public static void addFile(java.nio.file.Path file) {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(LogSetup.class).warn("no log file {}: {}", file, e.getMessage());
            return;
        }
        ch.qos.logback.classic.encoder.PatternLayoutEncoder enc = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{ISO8601} %-5level [%thread] %logger{20}: %msg%n");
        enc.start();
        ch.qos.logback.core.rolling.RollingFileAppender<ILoggingEvent> app = new ch.qos.logback.core.rolling.RollingFileAppender<>();
        app.setContext(ctx);
        app.setName("file");
        app.setFile(file.toString());
        ch.qos.logback.core.rolling.FixedWindowRollingPolicy roll = new ch.qos.logback.core.rolling.FixedWindowRollingPolicy();
        roll.setContext(ctx);
        roll.setParent(app);
        roll.setFileNamePattern(file + ".%i");
        roll.setMinIndex(1);
        roll.setMaxIndex(3);
        roll.start();
        ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy<ILoggingEvent> size = new ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy<>();
        size.setContext(ctx);
        size.setMaxFileSize(ch.qos.logback.core.util.FileSize.valueOf("5MB"));
        size.start();
        app.setRollingPolicy(roll);
        app.setTriggeringPolicy(size);
        app.setEncoder(enc);
        app.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(app);
        var stderr = root.getAppender("stderr");
        if (stderr != null) {
            // the terminal keeps showing warnings only; the file gets the console's INFO lines too
            ch.qos.logback.classic.filter.ThresholdFilter warn = new ch.qos.logback.classic.filter.ThresholdFilter();
            warn.setLevel("WARN");
            warn.start();
            stderr.addFilter(warn);
        }
        ctx.getLogger("dev.lsconsole").setLevel(Level.INFO);
    }
}
