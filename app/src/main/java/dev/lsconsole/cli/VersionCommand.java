package dev.lsconsole.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code version}: the bare version, as litestream's own {@code version} command prints it. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
final class VersionCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Override
    public void run() {
        cli.out.println(Cli.version());
    }
}
