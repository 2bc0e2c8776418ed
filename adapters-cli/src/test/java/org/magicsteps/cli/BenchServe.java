package org.magicsteps.cli;

import java.nio.file.Path;

/**
 * Runs the real {@code serve} command on {@link CliTestModel} (a {@code FunctionPredictor}; the
 * model module is not on this branch), for measuring start-up time and throughput with {@code wrk}.
 * From the repository root:
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -cp adapters-cli/target/magic-steps.jar:adapters-cli/target/test-classes \
 *     org.magicsteps.cli.BenchServe --port 8765 --host 127.0.0.1
 * curl -s -X POST localhost:8765/register -H 'Content-Type: application/json' \
 *     -d '{"username":"bench","password":"senha123"}'
 * export TOKEN=$(curl -s -X POST localhost:8765/token -d 'username=bench&amp;password=senha123' | jq -r .access_token)
 * wrk -t2 -c32 -d30s --latency -s adapters-cli/src/test/wrk/predict.lua http://127.0.0.1:8765/predict
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
