package org.magicsteps.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Validation;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.model.data.PedeSheet;
import org.magicsteps.model.data.PedeSheetReader;
import org.magicsteps.model.data.SheetRow;

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

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "The sheet to load.")
        private Path data;

        @Option(names = "--sheet", paramLabel = "NAME", description = "Workbook sheet to read (default: the first).")
        private String sheet;

        @Option(names = "--model", paramLabel = "DIR|NAME",
                description = "The model whose rules the features must pass (MODEL_DIR; default: bundled).")
        private String model;

        @Option(names = "--on-error", paramLabel = "skip|fail", defaultValue = "fail",
                description = "What a row with an invalid value or no student id does: skip it, or store nothing "
                        + "(default: ${DEFAULT-VALUE}).")
        private ScoreCommand.OnError onError;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Map<String, String> flags = new HashMap<>();
            flags.put(AppConfig.MODEL_DIR, model);
            AppConfig config = features.root.config(flags);
            if (!config.usesRedis()) {
                throw new ConfigException("REDIS_HOST is not set: features loaded into memory would vanish when this "
                        + "command ends. Set REDIS_HOST (and REDIS_PORT), or REDIS_URL, to the Redis the server uses.");
            }
            long start = System.nanoTime();
            try (Wiring wiring = features.root.wiring(config)) {
                FeatureSchema schema = wiring.model().schema();
                Map<String, StudentFeatures> valid = new LinkedHashMap<>();
                Map<String, Integer> lineOf = new HashMap<>();
                int read = 0;
                int rejected = 0;
                try (PedeSheet file = PedeSheetReader.forSchema(schema).open(data, sheet);
                        Stream<SheetRow> rows = file.rows()) {
                    for (SheetRow row : (Iterable<SheetRow>) rows::iterator) {
                        read++;
                        List<String> problems = new ArrayList<>();
                        row.problems().forEach(v -> problems.add(v.message()));
                        Validation<StudentFeatures> parsed = schema.parse(row.features());
                        parsed.violations().forEach(v -> problems.add(v.message()));
                        if (row.studentId() == null) {
                            problems.add("no student id: the RA (or student_id) cell is empty");
                        } else if (lineOf.containsKey(row.studentId())) {
                            problems.add(row.studentId() + " appears again (first on line " + lineOf.get(row.studentId())
                                    + "); which row is right is not for this command to guess");
                        }
                        if (!problems.isEmpty()) {
                            rejected++;
                            problems.forEach(p -> err.println(data + ": line " + row.line() + ": " + p));
                            continue;
                        }
                        lineOf.put(row.studentId(), row.line());
                        valid.put(row.studentId(), parsed.value());
                    }
                }
                if (rejected > 0 && onError == ScoreCommand.OnError.FAIL) {
                    out.printf(Locale.ROOT, "%s: read %d rows, rejected %d; nothing stored (--on-error fail). Fix the "
                            + "rows above, or pass --on-error skip to store the valid ones.%n", data, read, rejected);
                    return 1;
                }
                FeatureStore store = wiring.featureStore();
                store.putAll(valid);
                out.printf(Locale.ROOT, "%s: read %d rows, stored %d students, rejected %d in %.2f s -> %s%n", data,
                        read, valid.size(), rejected, (System.nanoTime() - start) / 1e9,
                        wiring.featureStoreHealth().health().implementation());
                return 0;
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
                wiring.featureStore().studentIds().forEach(out::println);
                out.flush();
                return 0;
            }
        }
    }
}
