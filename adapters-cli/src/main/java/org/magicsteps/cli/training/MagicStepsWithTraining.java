package org.magicsteps.cli.training;

import picocli.CommandLine;

import org.magicsteps.cli.MagicSteps;

/**
 * The full {@code magic-steps} command line, {@code magic-steps.jar}'s entry point: the runtime
 * commands of {@link MagicSteps} plus {@code train} and {@code evaluate}, which need the training
 * module (Tribuo, the chart library). The server jar's entry point is {@link MagicSteps} itself.
 */
public final class MagicStepsWithTraining {

    private MagicStepsWithTraining() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured full command line, also used by tests. */
    public static CommandLine commandLine() {
        return MagicSteps.commandLine(trainingCommands());
    }

    /** The commands this package adds, as picocli command objects. */
    public static Object[] trainingCommands() {
        return new Object[] {new TrainCommand(), new EvaluateCommand()};
    }
}
