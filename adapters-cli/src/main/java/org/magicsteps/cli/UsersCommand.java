package org.magicsteps.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.usecase.RegisterUser;

/** {@code magic-steps users add|list|disable}: manage users without the HTTP API. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Adds, lists and disables users, in the store the server uses with the same configuration.",
            "The first admin is made here:  magic-steps users add NAME --admin"},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListAll.class, UsersCommand.Disable.class})
final class UsersCommand {

    @ParentCommand
    MagicSteps root;

    /** The wiring of this invocation, with a warning when its user store does not persist. */
    Wiring wiring(CommandSpec spec) {
        Wiring wiring = root.wiring(root.config(Map.of()));
        if (!wiring.userStorePersists()) {
            spec.commandLine().getErr().println("warning: the user store of this build is "
                    + wiring.userStoreName()
                    + " and does not persist: changes made here are lost when this command exits");
            spec.commandLine().getErr().flush();
        }
        return wiring;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a user (asks for the password).")
    static final class Add implements Callable<Integer> {

        @ParentCommand
        private UsersCommand users;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "3–64 letters, digits or . _ @ -")
        private String username;

        @Option(names = "--admin", description = "Give the admin role (may change the threshold, read every log)")
        private boolean admin;

        @Option(names = "--full-name", paramLabel = "TEXT", description = "For people")
        private String fullName;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input")
        private boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            char[] password = passwordStdin ? firstLine() : prompt();
            if (password == null) {
                spec.commandLine().getErr().println("error: no terminal to ask for the password; use --password-stdin");
                return ExitCode.REFUSED;
            }
            try (Wiring wiring = users.wiring(spec)) {
                User user = wiring.registerUser().executeAsOperator(new RegisterUser.Command(username, password,
                        fullName, admin ? Role.ADMIN : Role.USER));
                spec.commandLine().getOut().println("added " + user.username() + " (" + user.role().label() + ")");
                return ExitCode.OK;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] firstLine() throws IOException {
            BufferedReader reader = new BufferedReader(new InputStreamReader(users.root.stdin(), StandardCharsets.UTF_8));
            String line = reader.readLine();
            return line == null ? new char[0] : line.toCharArray();
        }

        private static char[] prompt() {
            Console console = System.console();
            if (console == null) {
                return null;
            }
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new ConfigException("the passwords do not match");
            }
            Arrays.fill(second, '\0');
            return first;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every user.")
    static final class ListAll implements Callable<Integer> {

        @ParentCommand
        private UsersCommand users;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            List<User> all;
            try (Wiring wiring = users.wiring(spec)) {
                all = wiring.listUsers().execute();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-24s %-6s %-9s %-24s %s%n", "USERNAME", "ROLE", "STATUS", "CREATED", "FULL NAME");
            for (User user : all) {
                out.printf("%-24s %-6s %-9s %-24s %s%n", user.username(), user.role().label(),
                        user.disabled() ? "disabled" : "active", user.createdAt(), user.fullName());
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disables a user: no more logins, and their tokens stop working.")
    static final class Disable implements Callable<Integer> {

        @ParentCommand
        private UsersCommand users;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        private String username;

        @Override
        public Integer call() {
            User user;
            try (Wiring wiring = users.wiring(spec)) {
                user = wiring.disableUser().execute(username);
            }
            spec.commandLine().getOut().println("disabled " + user.username());
            return ExitCode.OK;
        }
    }
}
