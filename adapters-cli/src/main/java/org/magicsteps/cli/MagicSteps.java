package org.magicsteps.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code magic-steps} command and its subcommands. */
@Command(name = "magic-steps",
        mixinStandardHelpOptions = true,
        versionProvider = MagicSteps.Version.class,
        description = {
            "Predicts whether a Passos Mágicos student reaches the Ponto de Virada (turning point),",
            "and serves that prediction.",
            "",
            "Run 'magic-steps COMMAND --help' for a command's options."},
        subcommands = {CommandLine.HelpCommand.class, ScoreCommand.class, ModelCommand.class, TrainCommand.class,
            EvaluateCommand.class})
public final class MagicSteps {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MagicSteps());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MagicSteps.class.getPackage().getImplementationVersion();
            return new String[] {"magic-steps " + (version == null ? "(development build)" : version),
                "Java " + Runtime.version()};
        }
    }
}
