package dev.lsconsole.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Override
    public void run() {
        cli.out.println(Cli.version());
    }
}
