package org.magicsteps.cli;

import java.nio.file.Path;

/**
 * Runs the real {@code serve} command on {@link CliTestModel} (the model module is not on this
 * branch), for measuring start-up time and throughput with {@code wrk}:
 *
 * <pre>
 * java -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" \
 *     org.magicsteps.cli.BenchServe --port 8000
 * </pre>
 */
public final class BenchServe {

    private BenchServe() {
    }

    public static void main(String[] args) {
        MagicSteps root = new MagicSteps(System.getenv(), Path.of("").toAbsolutePath(),
                config -> new Wiring(config, c -> CliTestModel.predictor()), System.in);
        String[] serve = new String[args.length + 1];
        serve[0] = "serve";
        System.arraycopy(args, 0, serve, 1, args.length);
        System.exit(MagicSteps.commandLine(root).execute(serve));
    }
}
