package dev.lsconsole.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Opens the desktop console (what running with no command does). */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the desktop console (also what no command does).",
            "With no config or URL it opens the demo workspace."})
final class GuiCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = {"-config", "--config"}, paramLabel = "PATH", description = "A litestream.yml to open.")
    String config;

    @Parameters(arity = "0..1", paramLabel = "REPLICA_URL", description = "A replica URL to open instead.")
    String url;

    @Override
    public Integer call() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        boolean linux = !os.contains("mac") && !os.contains("win");
        if (linux && isEmpty(cli.env.apply("DISPLAY")) && isEmpty(cli.env.apply("WAYLAND_DISPLAY"))
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            throw new CliException("no display to open the console on (DISPLAY is not set); the commands work "
                    + "without one: try 'litestream-console demo --walk' or --help");
        }
        List<String> args = new ArrayList<>();
        if (config != null) {
            args.add("--config");
            args.add(config);
        }
        if (url != null) {
            args.add(url);
        }
        dev.lsconsole.ui.ConsoleApp.run(args.toArray(String[]::new), cli.env);
        return 0;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
