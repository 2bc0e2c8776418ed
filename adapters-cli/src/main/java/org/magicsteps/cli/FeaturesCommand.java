package org.magicsteps.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.magicsteps.core.domain.SheetSummary;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.usecase.LoadFeatures;
import org.magicsteps.core.usecase.OnError;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code magic-steps features load|list}: the online feature store the server predicts stored students from. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"The online feature store (Redis, with REDIS_URL or REDIS_HOST and REDIS_PORT): what "
                + "POST /students/{student_id}/prediction scores and GET /monitor/features lists."},
        subcommands = {FeaturesCommand.Load.class, FeaturesCommand.ListIds.class})
final class FeaturesCommand {

    @ParentCommand
    MagicSteps root;

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = {"Stores the features of every student of a PEDE sheet (CSV or XLSX, the NGO's headers or "
                + "the canonical names), keyed by the RA or student_id column, after checking them against the model.",
                "Needs REDIS_URL or REDIS_HOST: a store in memory would vanish when this command ends."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:every row was stored (or, with --on-error skip, every valid row)",
                "1:rows were rejected under --on-error fail (nothing was stored), or the store failed",
                "2:the command could not run: bad options, no REDIS_HOST, model, input file or missing columns"})
    static final class Load implements Callable<Integer> {

        @ParentCommand
        private FeaturesCommand features;

        @Spec
        private CommandSpec spec;

        @Option(names = {"--data", "--input"}, required = true, paramLabel = "FILE",
                description = "The sheet to load (--input is the same option).")
        private Path data;

        @Option(names = "--sheet", paramLabel = "NAME", description = "Workbook sheet to read (default: the first).")
        private String sheet;

        @Option(names = "--model", paramLabel = "DIR|NAME",
                description = "The model whose rules the features must pass (MODEL_DIR; default: bundled).")
        private String model;

        @Option(names = "--on-error", paramLabel = "skip|fail", defaultValue = "fail",
                description = "What a row with an invalid value or no student id does: skip it, or store nothing "
                        + "(default: ${DEFAULT-VALUE}).")
        private OnError onError;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AppConfig config = features.root.config(Collections.singletonMap(AppConfig.MODEL_DIR, model));
            if (!config.usesRedis()) {
                throw new ConfigException("REDIS_HOST is not set: features loaded into memory would vanish when this "
                        + "command ends. Set REDIS_HOST (and REDIS_PORT), or REDIS_URL, to the Redis the server uses.");
            }
            long start = System.nanoTime();
            try (Wiring wiring = features.root.wiring(config);
                    RowSource rows = wiring.openSheet(data, sheet)) {
                LoadFeatures.FeatureLoad load = wiring.loadFeatures().execute(new LoadFeatures.Command(rows, onError),
                        row -> row.reasons().forEach(v -> err.println(data + ": line " + row.line() + ": "
                                + v.message())));
                SheetSummary summary = load.summary();
                if (summary.rejected() > 0 && onError == OnError.FAIL) {
                    out.printf(Locale.ROOT, "%s: read %d rows, rejected %d; nothing stored (--on-error fail). Fix the "
                            + "rows above, or pass --on-error skip to store the valid ones.%n", data, summary.read(),
                            summary.rejected());
                    ScoreCommand.details(out, summary);
                    return ExitCode.FAILED;
                }
                out.printf(Locale.ROOT, "%s: read %d rows, stored %d students, rejected %d in %.2f s -> %s%n", data,
                        summary.read(), load.stored(), summary.rejected(), (System.nanoTime() - start) / 1e9,
                        wiring.featureStoreName());
                ScoreCommand.details(out, summary);
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the ids of the students the feature store holds, one per line.")
    static final class ListIds implements Callable<Integer> {

        @ParentCommand
        private FeaturesCommand features;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try (Wiring wiring = features.root.wiring(features.root.config(Map.of()))) {
                PrintWriter out = spec.commandLine().getOut();
                wiring.listStoredStudents().execute().forEach(out::println);
                out.flush();
                return ExitCode.OK;
            }
        }
    }
}
