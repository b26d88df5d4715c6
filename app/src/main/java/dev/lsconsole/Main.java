package dev.lsconsole;

import dev.lsconsole.cli.Cli;

/**
 * The single entry point. It decides before any toolkit starts: with a command it runs headless
 * (logging to stderr) and touches no JavaFX class; with none (or {@code gui}) the desktop console opens.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.run(args.length == 0 ? new String[] {"gui"} : args, System::getenv, System.out, System.err);
        System.exit(code);
    }
}
