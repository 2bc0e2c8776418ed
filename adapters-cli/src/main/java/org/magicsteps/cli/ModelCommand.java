package org.magicsteps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.PedeDomain;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.ManifestJson;
import org.magicsteps.model.bundle.ServedSchema;
import org.magicsteps.model.bundle.Transform;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code magic-steps model}: import a model as a bundle, or describe one. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Imports a model as a bundle, or describes a bundle.",
        subcommands = {ModelCommand.Import.class, ModelCommand.Info.class})
final class ModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    MagicSteps root;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** {@code model import}: writes a bundle from a bundle or from the original service's export. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {
                "Writes a bundle (manifest.json + the ONNX file) from a directory holding a bundle or the original",
                "Python service's export (preprocessor.json + model.onnx), after checking that the graph matches.",
                "Example: magic-steps model import --from ../shared/models/seed-mlp --out models/seed-mlp"})
    static final class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "DIR", description = "Bundle or original export.")
        Path from;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the bundle to.")
        Path out;

        @Option(names = "--name", paramLabel = "NAME", description = "Model name to record (default: the source's).")
        String name;

        @Option(names = "--version", paramLabel = "VERSION",
                description = "Model version to record (default: the source's).")
        String version;

        @Option(names = "--force", description = "Replace the bundle files in a non-empty --out directory.")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            if (!force && Files.isDirectory(out) && !isEmpty(out)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--out " + out + " is not empty; pass --force to replace its bundle files");
            }
            ModelBundle bundle = ModelBundle.load(from);
            BundleManifest manifest = bundle.manifest();
            if (name != null || version != null) {
                if (name != null && name.isBlank() || version != null && version.isBlank()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--name and --version must not be blank");
                }
                manifest = manifest.renamed(name == null ? manifest.name() : name,
                        version == null ? manifest.version() : version);
            }
            // The graph is checked against the manifest first, so a bundle that is written also loads.
            Wiring.checked(bundle.withManifest(manifest)).save(out);
            stdout.printf("imported %s %s (%s, %d features, %d parameters) from %s to %s%n",
                    manifest.name(), manifest.version(), manifest.modelClass(), manifest.features().size(),
                    manifest.parameterCount(), from, out);
            return ExitCode.OK;
        }

        private static boolean isEmpty(Path directory) {
            try (Stream<Path> entries = Files.list(directory)) {
                return entries.findAny().isEmpty();
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** {@code model info}: what a bundle is and what it accepts. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Describes a model bundle: identity, ONNX signature, threshold, provenance, metrics, features.")
    static final class Info implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        ModelCommand parent;

        @Option(names = "--model", paramLabel = "DIR|NAME",
                description = "Model bundle directory, or a model this jar carries (MODEL_DIR; default: the model "
                        + "bundled in this build, if any).")
        String model;

        @Option(names = "--json", description = "Print the manifest as JSON instead.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            ModelBundle bundle = Wiring.checked(Wiring.bundle(parent.root.modelChoice(model)));
            BundleManifest m = bundle.manifest();
            if (json) {
                stdout.print(new String(ManifestJson.write(m), java.nio.charset.StandardCharsets.UTF_8));
                stdout.println();
                return ExitCode.OK;
            }
            stdout.printf("model      %s %s (%s, %d parameters)%n", m.name(), m.version(), m.modelClass(),
                    m.parameterCount());
            stdout.printf("from       %s (onnx %s)%n", bundle.origin(), bundle.onnxFingerprint());
            stdout.printf("created    %s%n", m.createdAt());
            stdout.printf("onnx       %s: input '%s' %s, output '%s' %s (%s)%n", m.onnx().file(),
                    m.onnx().inputName(), org.magicsteps.model.bundle.OnnxSpec.shapeText(m.onnx().inputShape()),
                    m.onnx().outputName(), org.magicsteps.model.bundle.OnnxSpec.shapeText(m.onnx().outputShape()),
                    m.onnx().outputKind().label());
            stdout.printf("threshold  %s (%s)%n", ScoreCommand.plain(m.threshold().value()), m.threshold().rule());
            stdout.printf("training   %s%n", m.training().source().isEmpty() ? "unknown" : m.training().source());
            if (m.training().dataFingerprint() != null) {
                stdout.printf("data       %s %s (%s rows)%n", m.training().dataFile(),
                        m.training().dataFingerprint(), m.training().rows());
            }
            stdout.printf("metrics    %s%n", m.metrics().isEmpty() ? "none recorded" : format(m.metrics()));
            stdout.printf("%nfeatures (%d, model-input order; accepted: within the PEDE domain; trained: what training "
                    + "saw, beyond which answers are flagged)%n", m.features().size());
            stdout.printf("  %-16s %-8s %-9s %-34s %-24s %s%n", "name", "type", "required", "accepted", "trained",
                    "transform");
            FeatureSchema served = ServedSchema.of(m, PedeDomain.of(Year.now().getValue()));
            for (FeatureDefinition f : m.features()) {
                FeatureSpec s = served.feature(f.name()).orElseThrow();
                stdout.printf("  %-16s %-8s %-9s %-34s %-24s %s%n", s.name(), s.type().label(),
                        s.required() ? "yes" : "no", s.rangeText(), s.trained() == null ? "-" : s.trained().text(),
                        transform(f.transform()));
            }
            return ExitCode.OK;
        }

        private static String format(Map<String, Double> metrics) {
            StringBuilder text = new StringBuilder();
            metrics.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=')
                    .append(String.format(java.util.Locale.ROOT, "%.4f", v)));
            return text.toString();
        }

        private static String transform(Transform t) {
            if (t instanceof Transform.MinMax mm) {
                return "minmax " + ScoreCommand.plain(mm.min()) + "–" + ScoreCommand.plain(mm.max());
            }
            if (t instanceof Transform.Standard st) {
                return "standard mean " + ScoreCommand.plain(st.mean()) + " std " + ScoreCommand.plain(st.std());
            }
            if (t instanceof Transform.Ordinal o) {
                return "ordinal, unknown → " + ScoreCommand.plain(o.unknownCode());
            }
            return t.kind();
        }
    }
}
