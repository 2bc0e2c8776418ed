package org.magicsteps.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.Command;


/**
 * The {@code magic-steps} command and the subcommands that need only the model runtime: what the
 * server jar ({@code magic-steps-server.jar}) runs. The full command line adds training
 * ({@link org.magicsteps.cli.training.MagicStepsWithTraining}), so that the server jar carries
 * neither Tribuo nor the chart library.
 */
@Command(name = "magic-steps",
        mixinStandardHelpOptions = true,
        versionProvider = MagicSteps.Version.class,
        description = {
            "Predicts whether a Passos Mágicos student reaches the Ponto de Virada",
            "(turning point), and serves that prediction.",
            "",
            "Configuration comes from flags, then environment variables, then a .env",
            "file in the working directory: SECRET_KEY, ACCESS_TOKEN_EXPIRE_MINUTES,",
            "MONGO_URI, MONGO_DB, REDIS_HOST, REDIS_PORT, REDIS_PASSWORD, PORT, HOST, REGISTRATION,",
            "MAX_BATCH_SIZE, MAX_BODY_BYTES, METRICS_TOKEN, LOGIN_ATTEMPTS_PER_USER,",
            "LOGIN_ATTEMPTS_PER_ADDRESS, DATA_DIR, MODEL_DIR.",
            "",
            "Run 'magic-steps COMMAND --help' for a command's options."},
        subcommands = {CommandLine.HelpCommand.class, ServeCommand.class, UsersCommand.class, ScoreCommand.class,
            ModelCommand.class, FeaturesCommand.class})
public final class MagicSteps {

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Function<AppConfig, Wiring> wirings;
    private final InputStream stdin;

    MagicSteps(Map<String, String> environment, Path workingDirectory, Function<AppConfig, Wiring> wirings,
            InputStream stdin) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        this.wirings = Objects.requireNonNull(wirings, "wirings");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /** The server jar's entry point: the runtime commands only. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, with {@code extraCommands} (picocli command objects) added after the
     * runtime ones; also used by tests.
     */
    public static CommandLine commandLine(Object... extraCommands) {
        return commandLine(new MagicSteps(System.getenv(), Path.of("").toAbsolutePath(), Wiring::new, System.in),
                extraCommands);
    }

    static CommandLine commandLine(MagicSteps root, Object... extraCommands) {
        CommandLine cli = new CommandLine(root);
        // Added before the settings below, which apply to the subcommands present when they are set.
        for (Object command : extraCommands) {
            cli.addSubcommand(command);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            command.getErr().println("error: " + ExitCode.message(e));
            command.getErr().flush();
            return ExitCode.of(e);
        });
        return cli;
    }

    /**
     * The configuration: {@code flags}, then the environment, then {@code .env} of the working
     * directory; a relative data directory lies in the working directory, beside that {@code .env}.
     */
    AppConfig config(Map<String, String> flags) {
        AppConfig config = AppConfig.resolve(flags, environment, DotEnvFile.read(workingDirectory));
        return config.dataDir().isAbsolute() ? config : config.withDataDir(workingDirectory.resolve(config.dataDir()));
    }

    Wiring wiring(AppConfig config) {
        return wirings.apply(config);
    }

    InputStream stdin() {
        return stdin;
    }

    /**
     * The model a command runs: {@code flag} ({@code --model}), else {@code MODEL_DIR}, else
     * {@code null} for the bundled default.
     */
    public String modelChoice(String flag) {
        java.nio.file.Path dir = config(java.util.Collections.singletonMap(AppConfig.MODEL_DIR, flag)).modelDir();
        return dir == null ? null : dir.toString();
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
