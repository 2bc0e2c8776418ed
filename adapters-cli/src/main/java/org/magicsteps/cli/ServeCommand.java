package org.magicsteps.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.http.MagicStepsServer;

/** {@code magic-steps serve}: the REST server, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the prediction API (Swagger UI at /docs).",
            "Flags override environment variables, which override .env."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private MagicSteps root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (PORT; default 8000; 0 = any free)")
    private String port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (HOST; default 0.0.0.0)")
    private String host;

    @Option(names = "--model", paramLabel = "DIR|NAME",
            description = "A model bundle directory, or a model this jar carries: default, early-warning, "
                    + "early-warning-strict (MODEL_DIR; default: default)")
    private Path model;

    @Option(names = "--models", paramLabel = "DIR|NAME,...",
            description = "More models to serve besides the default and the bundled ones, by name with ?model=NAME "
                    + "and /v2/models/NAME: bundle directories or bundled models' names, comma-separated (MODELS)")
    private String models;

    @Option(names = "--watch", paramLabel = "DIR",
            description = "Serve every bundle directory under DIR as its directory's name, and load it again, "
                    + "validated, whenever it changes (MODEL_WATCH_DIR)")
    private Path watch;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the generated secret and embedded stores live (DATA_DIR; default ./data)")
    private Path dataDir;

    @Option(names = "--registration", paramLabel = "open|admin",
            description = "Who may POST /register (REGISTRATION; default open)")
    private String registration;

    @Option(names = "--max-batch-size", paramLabel = "N", description = "Largest /predict/batch (MAX_BATCH_SIZE; default 500)")
    private String maxBatchSize;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        AppConfig config = root.config(flags());
        SecretKeys.Resolved secret = SecretKeys.resolve(config);
        Wiring wiring = root.wiring(config);
        if (config.modelWatchDir() != null) {
            wiring.watch(config.modelWatchDir(), wiring.metrics());
        }
        MagicStepsServer server = wiring.startServer(secret.secret());
        ModelInfo model = wiring.modelInfo();
        // On SIGTERM the JVM halts once the hooks end, so the hook itself drains the log and closes
        // the stores; whatever cannot be written in time stays in the journal for the next start.
        Runnable stop = () -> {
            server.close();
            wiring.close();
        };
        Thread hook = new Thread(stop, "magic-steps-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long readyMillis = (System.nanoTime() - started) / 1_000_000;
        PrintWriter out = spec.commandLine().getOut();
        out.print(Banner.render(config, model, wiring.servedNames(), wiring.components(), server.port(),
                secret.origin(), readyMillis));
        out.flush();
        boolean interrupted = false;
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            interrupted = true; // restored after closing: Jetty's stop must not see the flag
        } finally {
            stop.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping; the hook is running or has run
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        flags.put(AppConfig.PORT, port);
        flags.put(AppConfig.HOST, host);
        flags.put(AppConfig.MODEL_DIR, model == null ? null : model.toString());
        flags.put(AppConfig.MODELS, models);
        flags.put(AppConfig.MODEL_WATCH_DIR, watch == null ? null : watch.toString());
        flags.put(AppConfig.DATA_DIR, dataDir == null ? null : dataDir.toString());
        flags.put(AppConfig.REGISTRATION, registration);
        flags.put(AppConfig.MAX_BATCH_SIZE, maxBatchSize);
        return flags;
    }
}
