package dev.lsconsole;

import dev.lsconsole.cli.Cli;

/**
 * The single entry point. It decides before any toolkit starts: with a command it runs headless
 * (logging to stderr); the desktop window will open when no command is given.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.run(args, System::getenv, System.out, System.err);
        System.exit(code);
    }
}
