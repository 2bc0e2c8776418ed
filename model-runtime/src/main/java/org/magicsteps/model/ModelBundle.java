package org.magicsteps.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;

import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Validation;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.ExplanationReference;
import org.magicsteps.model.bundle.HeldOutJson;
import org.magicsteps.model.bundle.ManifestJson;
import org.magicsteps.model.bundle.SeedPreprocessor;
import org.magicsteps.model.data.PedeSheet;
import org.magicsteps.model.data.PedeSheetReader;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.data.SheetRow;
import org.magicsteps.model.explain.ExplanationReferences;

/**
 * A model bundle in memory: its {@link BundleManifest} and the bytes of its ONNX graph. Load one
 * from a directory or the classpath, or build one in code (a trainer does) and {@link #save} it.
 * Loading checks the manifest and that the ONNX file is there; {@link OnnxPredictor#open}
 * then checks the graph against the manifest. A trained bundle also carries {@value HeldOutJson#FILE},
 * what each threshold does on its held-out students; it is read when present.
 *
 * <p>A directory holding the original Python service's export ({@code preprocessor.json} and
 * {@code model.onnx}, no {@code manifest.json}) loads too: its manifest is derived with
 * {@link SeedPreprocessor}, named {@value #SEED_NAME}, versioned {@code seed-} plus the first 12
 * hex digits of the ONNX file's SHA-256, and dated by the ONNX file's modification time.
 */
public final class ModelBundle {

    /** The manifest's file name inside a bundle. */
    public static final String MANIFEST_FILE = "manifest.json";
    /** The original Python service's preprocessing export, read when there is no manifest. */
    public static final String SEED_PREPROCESSOR_FILE = "preprocessor.json";
    /**
     * The students the original export ships with their expected probabilities; when present they are
     * the imported model's explanation background (the export carries no training data).
     */
    public static final String SEED_PARITY_SAMPLE_FILE = "parity-sample.csv";
    /** The name given to a model imported from the original service's export. */
    public static final String SEED_NAME = "seed-mlp";
    /**
     * Where the runnable jar carries its default bundle: the classpath directory holding its
     * {@code manifest.json} and ONNX file.
     */
    public static final String DEFAULT_RESOURCE = "org/magicsteps/model/default-bundle";
    /** The name of the bundled default model, for {@link #bundled(String)}. */
    public static final String DEFAULT_NAME = "default";
    /** The names a build may carry bundles under ({@link #carried()} says which this one does). */
    private static final List<String> CARRIED_NAMES = List.of(DEFAULT_NAME, "early-warning", "early-warning-strict");

    private final BundleManifest manifest;
    private final byte[] onnxModel;
    private final String origin;
    private final HeldOutEvaluation heldOut;

    private ModelBundle(BundleManifest manifest, byte[] onnxModel, String origin) {
        this(manifest, onnxModel, origin, null);
    }

    private ModelBundle(BundleManifest manifest, byte[] onnxModel, String origin, HeldOutEvaluation heldOut) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.onnxModel = Objects.requireNonNull(onnxModel, "onnxModel").clone();
        this.origin = origin;
        this.heldOut = heldOut;
    }

    /** A bundle built in code, such as a freshly trained model. */
    public static ModelBundle of(BundleManifest manifest, byte[] onnxModel) {
        return new ModelBundle(manifest, onnxModel, "in-memory bundle " + manifest.name() + " " + manifest.version());
    }

    /**
     * Loads the bundle in {@code directory}: {@code manifest.json} and the ONNX file it names,
     * or the original service's {@code preprocessor.json} and ONNX file.
     *
     * @throws ModelLoadException naming the file at fault and the problem
     */
    public static ModelBundle load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ModelLoadException(directory.toString(),
                    Files.exists(directory) ? "is not a directory; a bundle is a directory" : "does not exist");
        }
        Path manifestFile = directory.resolve(MANIFEST_FILE);
        Path preprocessorFile = directory.resolve(SEED_PREPROCESSOR_FILE);
        if (Files.isRegularFile(manifestFile)) {
            BundleManifest manifest = parseManifest(read(manifestFile), manifestFile.toString());
            Path onnxFile = directory.resolve(manifest.onnx().file());
            Path heldOutFile = directory.resolve(HeldOutJson.FILE);
            HeldOutEvaluation heldOut = Files.isRegularFile(heldOutFile)
                    ? parseHeldOut(read(heldOutFile), heldOutFile.toString()) : null;
            return new ModelBundle(manifest, readOnnx(onnxFile, manifestFile), directory.toString(), heldOut);
        }
        if (Files.isRegularFile(preprocessorFile)) {
            byte[] preprocessor = read(preprocessorFile);
            // The ONNX file name is inside preprocessor.json; read it leniently first to find the file.
            String onnxName = seedOnnxFileName(preprocessor, preprocessorFile);
            Path onnxFile = directory.resolve(onnxName);
            byte[] onnx = readOnnx(onnxFile, preprocessorFile);
            Instant exported;
            try {
                exported = Files.getLastModifiedTime(onnxFile).toInstant();
            } catch (IOException e) {
                throw new ModelLoadException(onnxFile.toString(), "cannot be read: " + e.getMessage(), e);
            }
            long parameters = parameterCount(onnx, onnxFile.toString());
            BundleManifest manifest;
            try {
                manifest = SeedPreprocessor.read(preprocessor, SEED_NAME, "seed-" + DigestUtils.sha256Hex(onnx).substring(0, 12),
                        exported, parameters);
            } catch (IllegalArgumentException e) {
                throw new ModelLoadException(preprocessorFile.toString(), e.getMessage(), e);
            }
            Path sample = directory.resolve(SEED_PARITY_SAMPLE_FILE);
            if (Files.isRegularFile(sample)) {
                manifest = manifest.withExplanation(paritySampleReference(manifest, sample));
            }
            return new ModelBundle(manifest, onnx, directory.toString());
        }
        throw new ModelLoadException(directory.toString(), "has no " + MANIFEST_FILE + " (nor the original service's "
                + SEED_PREPROCESSOR_FILE + "); a bundle is a directory with " + MANIFEST_FILE + " and its ONNX file");
    }

    /**
     * Loads a bundle from the classpath directory {@code resourceDirectory} (such as
     * {@value #DEFAULT_RESOURCE}): its {@code manifest.json} and the ONNX file it names.
     *
     * @throws ModelLoadException naming the resource at fault and the problem
     */
    public static ModelBundle fromClasspath(String resourceDirectory) {
        String base = resourceDirectory.endsWith("/") ? resourceDirectory : resourceDirectory + "/";
        String manifestResource = base + MANIFEST_FILE;
        byte[] manifestBytes = resource(manifestResource)
                .orElseThrow(() -> new ModelLoadException("classpath:" + manifestResource, "is missing"));
        BundleManifest manifest = parseManifest(manifestBytes, "classpath:" + manifestResource);
        String onnxResource = base + manifest.onnx().file();
        byte[] onnx = resource(onnxResource).orElseThrow(() -> new ModelLoadException("classpath:" + onnxResource,
                "is missing (named by " + MANIFEST_FILE + "'s onnx.file)"));
        String heldOutResource = base + HeldOutJson.FILE;
        HeldOutEvaluation heldOut = resource(heldOutResource)
                .map(json -> parseHeldOut(json, "classpath:" + heldOutResource)).orElse(null);
        return new ModelBundle(manifest, onnx, "classpath:" + base, heldOut);
    }

    /** The default bundle carried at {@value #DEFAULT_RESOURCE}, if this build carries one. */
    public static Optional<ModelBundle> bundledDefault() {
        if (ModelBundle.class.getClassLoader().getResource(DEFAULT_RESOURCE + "/" + MANIFEST_FILE) == null) {
            return Optional.empty();
        }
        return Optional.of(fromClasspath(DEFAULT_RESOURCE));
    }

    /**
     * A bundle carried by this build under a short name: {@value #DEFAULT_NAME} is the one at
     * {@value #DEFAULT_RESOURCE}; any other name {@code x} is looked up at
     * {@code org/magicsteps/model/x-bundle} (the jar carries {@code early-warning} there).
     *
     * @return the bundle, or empty when this build carries none of that name
     * @throws ModelLoadException when it is carried but cannot be loaded
     */
    public static Optional<ModelBundle> bundled(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            return Optional.empty();
        }
        String resource = resourceOf(name);
        if (ModelBundle.class.getClassLoader().getResource(resource + "/" + MANIFEST_FILE) == null) {
            return Optional.empty();
        }
        return Optional.of(fromClasspath(resource));
    }

    /** The names of the bundles this build carries, the default first. */
    public static List<String> carried() {
        return CARRIED_NAMES.stream().filter(name -> ModelBundle.class.getClassLoader()
                .getResource(resourceOf(name) + "/" + MANIFEST_FILE) != null).toList();
    }

    /**
     * What a {@code --model}, {@code MODEL_DIR} or {@code MODELS} value names: a bundle directory
     * (or the original service's export), or a bundle this build carries. A value that looks like
     * a path is loaded as one, so that a mistyped directory is reported as missing.
     *
     * @return the bundle, or empty when {@code value} is neither a path nor a carried name
     * @throws ModelLoadException when it is one of them but cannot be loaded
     */
    public static Optional<ModelBundle> locate(String value) {
        Objects.requireNonNull(value, "value");
        Path path = Path.of(value);
        if (Files.exists(path) || value.contains("/") || value.contains(java.io.File.separator) || value.startsWith(".")) {
            return Optional.of(load(path));
        }
        return bundled(value);
    }

    private static String resourceOf(String name) {
        return name.equals(DEFAULT_NAME) ? DEFAULT_RESOURCE : "org/magicsteps/model/" + name + "-bundle";
    }

    /**
     * Counts the floating-point weights of an ONNX graph, as a manifest's
     * {@code parameter_count} states them.
     *
     * @throws IllegalArgumentException when the bytes are not an ONNX model
     */
    public static long countParameters(byte[] onnx) {
        return OnnxGraphFacts.parameterCount(onnx);
    }

    /**
     * Writes {@code manifest.json}, the ONNX file and, when the bundle has one, {@value HeldOutJson#FILE}
     * into {@code directory}, creating it if needed and replacing those files if present.
     *
     * @return {@code directory}
     * @throws java.io.UncheckedIOException when the files cannot be written
     */
    public Path save(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(manifest.onnx().file()), onnxModel);
            Files.write(directory.resolve(MANIFEST_FILE), ManifestJson.write(manifest));
            if (heldOut != null) {
                Files.write(directory.resolve(HeldOutJson.FILE), HeldOutJson.write(heldOut));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the bundle to " + directory + ": " + e.getMessage(), e);
        }
        return directory;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    /** A copy of the ONNX graph's bytes. */
    public byte[] onnxModel() {
        return onnxModel.clone();
    }

    /** Where it was loaded from (a directory, {@code classpath:…}) or that it was built in memory. */
    public String origin() {
        return origin;
    }

    /** {@code sha256:} and the hex SHA-256 of the ONNX graph. */
    public String onnxFingerprint() {
        return "sha256:" + DigestUtils.sha256Hex(onnxModel);
    }

    /** What each threshold does on the model's held-out students, when the bundle carries it. */
    public Optional<HeldOutEvaluation> heldOut() {
        return Optional.ofNullable(heldOut);
    }

    /** The same graph, and its held-out measurement, with another manifest (for example renamed on import). */
    public ModelBundle withManifest(BundleManifest newManifest) {
        return new ModelBundle(newManifest, onnxModel, origin, heldOut);
    }

    /** The same bundle with what each threshold does on its held-out students (a trainer measures it). */
    public ModelBundle withHeldOut(HeldOutEvaluation evaluation) {
        return new ModelBundle(manifest, onnxModel, origin, Objects.requireNonNull(evaluation, "evaluation"));
    }

    /** What the ONNX file is, for messages: the file in a directory bundle, the bundle otherwise. */
    String onnxSource() {
        return origin.startsWith("in-memory") ? origin : origin + (origin.endsWith("/") ? "" : "/")
                + manifest.onnx().file();
    }

    /** Counts the weights of an ONNX graph. */
    static long parameterCount(byte[] onnx, String source) {
        try {
            return OnnxGraphFacts.parameterCount(onnx);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source, e.getMessage(), e);
        }
    }

    private static BundleManifest parseManifest(byte[] json, String source) {
        try {
            return ManifestJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source, e.getMessage(), e);
        }
    }

    private static ExplanationReference paritySampleReference(BundleManifest manifest, Path sample) {
        List<StudentFeatures> students = new ArrayList<>();
        try (PedeSheet sheet = PedeSheetReader.forSchema(manifest.schema()).open(sample, null)) {
            for (SheetRow row : sheet.readAll()) {
                Validation<StudentFeatures> parsed = manifest.schema().parse(row.features());
                if (!parsed.isValid()) {
                    throw new ModelLoadException(sample.toString(), "line " + row.line() + ": "
                            + parsed.violations().get(0).message());
                }
                students.add(parsed.value());
            }
        } catch (SheetException e) {
            throw new ModelLoadException(sample.toString(), e.getMessage(), e);
        }
        if (students.isEmpty()) {
            throw new ModelLoadException(sample.toString(), "holds no student");
        }
        return ExplanationReferences.fromRows(manifest, students, ExplanationReferences.SEED,
                "the original export's " + SEED_PARITY_SAMPLE_FILE);
    }

    private static HeldOutEvaluation parseHeldOut(byte[] json, String source) {
        try {
            return HeldOutJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source, e.getMessage(), e);
        }
    }

    private static String seedOnnxFileName(byte[] preprocessor, Path source) {
        try {
            return SeedPreprocessor.onnxFileName(preprocessor);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source.toString(), e.getMessage(), e);
        }
    }

    private static byte[] readOnnx(Path onnxFile, Path namedBy) {
        if (!Files.isRegularFile(onnxFile)) {
            throw new ModelLoadException(onnxFile.toString(), "is missing (named by " + namedBy.getFileName()
                    + "'s onnx.file)");
        }
        return read(onnxFile);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file.toString(), "is missing", e);
        } catch (IOException e) {
            throw new ModelLoadException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    private static Optional<byte[]> resource(String name) {
        try (InputStream in = ModelBundle.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new ModelLoadException("classpath:" + name, "cannot be read: " + e.getMessage(), e);
        }
    }
}
