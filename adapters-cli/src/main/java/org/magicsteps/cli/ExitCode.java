package org.magicsteps.cli;

import java.io.UncheckedIOException;

import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.port.PortException;
import org.magicsteps.model.ModelLoadException;
import org.magicsteps.model.data.SheetException;

import picocli.CommandLine;

/**
 * Every exit code of {@code magic-steps}, decided here: commands return {@link #OK} or, for rows
 * they refused, {@link #FAILED}; whatever they throw is mapped by {@link #of(Exception)}.
 */
public final class ExitCode {

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** Rows were rejected (and, under {@code --on-error fail}, nothing was written), or a store or the model failed. */
    public static final int FAILED = 1;
    /** The command could not run as given: options, configuration, the model named, the input file. */
    public static final int REFUSED = CommandLine.ExitCode.USAGE;

    private ExitCode() {
    }

    /**
     * The code for what a command threw: {@link #REFUSED} for what the user can fix before
     * running again, {@link #FAILED} for a failure while running (a store, the model, a bug).
     */
    static int of(Exception e) {
        return refused(e) ? REFUSED : FAILED;
    }

    /** What the user can fix: the configuration, the input, the model named. */
    static boolean refused(Exception e) {
        return e instanceof ConfigException || e instanceof ValidationException || e instanceof SheetException
                || e instanceof ModelLoadException || e instanceof CommandLine.ParameterException;
    }

    /** What to print: the message alone where it is written for people, else the type too (a bug). */
    static String message(Exception e) {
        if (e instanceof ValidationException v) {
            return String.join("; ", v.violations().stream().map(org.magicsteps.core.domain.Violation::message)
                    .toList());
        }
        if (e instanceof PortException || e instanceof ConfigException || e instanceof UncheckedIOException
                || e instanceof org.magicsteps.core.usecase.NotFoundException
                || e instanceof org.magicsteps.core.usecase.UserAlreadyExistsException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
