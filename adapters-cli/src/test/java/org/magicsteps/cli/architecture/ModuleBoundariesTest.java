package org.magicsteps.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/**
 * The rules between modules, checked here because only this module sees them all. Each module
 * is known by its root package; every package a rule names is checked to hold classes, so that
 * no rule passes vacuously.
 */
class ModuleBoundariesTest {

    /** Module → root package. */
    private static final Map<String, String> MODULES = Map.of(
            "core", "org.magicsteps.core..",
            "model", "org.magicsteps.model..",
            "adapters-http", "org.magicsteps.http..",
            "adapters-mongo", "org.magicsteps.mongo..",
            "adapters-redis", "org.magicsteps.redis..",
            "adapters-sqlite", "org.magicsteps.sqlite..",
            "adapters-cli", "org.magicsteps.cli..");

    /** The packages of model-runtime: what the server jar and embedding applications carry. */
    private static final String[] MODEL_RUNTIME = {
        "org.magicsteps.model", "org.magicsteps.model.bundle..", "org.magicsteps.model.data.."};

    /** The packages of model-training. */
    private static final String[] MODEL_TRAINING = {
        "org.magicsteps.model.training..", "org.magicsteps.model.evaluation..", "org.magicsteps.model.report.."};

    /** The command-line package that alone may use model-training; the server jar is built without it. */
    private static final String TRAINING_COMMANDS = "org.magicsteps.cli.training..";

    /** Driver and framework packages that must not appear in an adapter's public signatures. */
    private static final String[] DRIVER_PACKAGES = {
        "com.mongodb..", "org.bson..", "io.lettuce..", "ai.onnxruntime..", "org.tribuo..", "org.sqlite..",
        "de.bwaldvogel..", "io.netty.."};

    private static JavaClasses classes;

    /** Production classes only: neither test directories nor core's test-jar (the port contracts). */
    private static final class ProductionCode implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }

    private static JavaClasses imported;

    /** Every production class of every module, imported once for all the architecture tests of this JVM. */
    static synchronized JavaClasses productionClasses() {
        if (imported == null) {
            imported = new ClassFileImporter().withImportOption(new ProductionCode()).importPackages("org.magicsteps");
        }
        return imported;
    }

    @BeforeAll
    static void importEverything() {
        classes = productionClasses();
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "model", "http", "mongo", "redis", "sqlite", "cli", "model.bundle", "model.data",
        "model.training", "model.evaluation", "model.report", "cli.training"})
    void everyModulePackageTheRulesNameHoldsClasses(String root) {
        assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith("org.magicsteps." + root)),
                "no classes in org.magicsteps." + root);
    }

    @Test
    void theModelDependsOnNoAdapter() {
        ArchRule rule = noClasses().that().resideInAPackage(MODULES.get("model"))
                .should().dependOnClassesThat().resideInAnyPackage(
                        MODULES.get("adapters-http"), MODULES.get("adapters-mongo"), MODULES.get("adapters-redis"),
                        MODULES.get("adapters-sqlite"), MODULES.get("adapters-cli"))
                .because("the model serves the core; only the command line wires it to adapters");
        rule.check(classes);
    }

    @Test
    void theModelRuntimeNeedsNeitherTheTrainingModuleNorItsLibraries() {
        ArchRule rule = noClasses().that().resideInAnyPackage(MODEL_RUNTIME)
                .should().dependOnClassesThat().resideInAnyPackage(MODEL_TRAINING)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.tribuo..", "org.jfree..", "com.oracle.labs..")
                .because("the server jar and embedding applications carry the runtime without Tribuo or the charts");
        rule.check(classes);
    }

    @Test
    void onlyTheTrainingCommandsUseTheTrainingModule() {
        List<String> allowed = new java.util.ArrayList<>(List.of(MODEL_TRAINING));
        allowed.add(TRAINING_COMMANDS);
        ArchRule rule = noClasses().that().resideOutsideOfPackages(allowed.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(MODEL_TRAINING)
                .orShould().dependOnClassesThat().resideInAPackage(TRAINING_COMMANDS)
                .because("magic-steps-server.jar is the command line without org.magicsteps.cli.training and the "
                        + "training module; anything else that used them would fail there");
        rule.check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adapters-http", "adapters-mongo", "adapters-redis", "adapters-sqlite"})
    void anAdapterDependsOnNoOtherAdapterNorTheModel(String module) {
        List<String> others = MODULES.entrySet().stream()
                .filter(e -> !e.getKey().equals(module) && !e.getKey().equals("core"))
                .map(Map.Entry::getValue).toList();
        ArchRule rule = noClasses().that().resideInAPackage(MODULES.get(module))
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("adapters meet only in the composition root, adapters-cli");
        rule.check(classes);
    }

    @Test
    void noPublicSignatureLeaksADriverType() {
        ArchRule rule = noCodeUnits().that().arePublic()
                .and().areDeclaredInClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are visible outside their package", ModuleBoundariesTest::visibleOutsideItsPackage))
                .and().areDeclaredInClassesThat().resideOutsideOfPackage(MODULES.get("adapters-cli"))
                .should().haveRawParameterTypes(com.tngtech.archunit.base.DescribedPredicate.anyElementThat(
                        JavaClass.Predicates.resideInAnyPackage(DRIVER_PACKAGES)))
                .orShould().haveRawReturnType(JavaClass.Predicates.resideInAnyPackage(DRIVER_PACKAGES))
                .because("callers of an adapter must not need its driver");
        rule.check(classes);
    }

    /** Public, and so is every class it is nested in (a public record inside a package-private interface is not). */
    private static boolean visibleOutsideItsPackage(JavaClass c) {
        if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
            return false;
        }
        return c.getEnclosingClass().map(ModuleBoundariesTest::visibleOutsideItsPackage).orElse(true);
    }

    /**
     * A command talks to the core through use cases that {@code Wiring} builds: it calls no port
     * (a sheet it was handed it may close), builds no port implementation nor use case, and reads no
     * sheet itself.
     */
    static ArchRule commandsCallUseCasesOnly() {
        return noClasses().that().areAnnotatedWith(CommandLine.Command.class)
                .should().callMethodWhere(DescribedPredicate.describe("a port's method other than close",
                        (JavaMethodCall call) -> isPort(call.getTargetOwner()) && !call.getName().equals("close")))
                .orShould().callConstructorWhere(DescribedPredicate.describe(
                        "a constructor of a port implementation or of a use case",
                        (JavaConstructorCall call) -> implementsAPort(call.getTargetOwner())
                                || isUseCase(call.getTargetOwner())))
                .orShould().dependOnClassesThat().resideInAPackage("org.magicsteps.model.data..")
                .because("the command line is an adapter: what it does is the core's use cases, built in Wiring "
                        + "(issue 16: one path through the core)");
    }

    @Test
    void commandsCallUseCasesOnly_onTheCommandLine() {
        assertTrue(classes.stream().filter(c -> c.isAnnotatedWith(CommandLine.Command.class)).count() >= 10,
                "the rule sees the commands");
        commandsCallUseCasesOnly().check(classes);
    }

    @Test
    void commandsCallUseCasesOnly_failsOnACommandThatCallsAPort() {
        JavaClasses violating = new ClassFileImporter().importClasses(PortCallingCommand.class);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> commandsCallUseCasesOnly().check(violating));
        assertTrue(e.getMessage().contains("FeatureStore.studentIds()"), e.getMessage());
        assertTrue(e.getMessage().contains("ListStoredStudents.<init>"), e.getMessage());
    }

    /** A command of the kind the rule refuses: it reads the store itself, and builds a use case. */
    @CommandLine.Command(name = "violating")
    static final class PortCallingCommand {
        java.util.List<String> ids(org.magicsteps.core.port.FeatureStore store) {
            new org.magicsteps.core.usecase.ListStoredStudents(store);
            return store.studentIds();
        }
    }

    private static boolean isPort(JavaClass c) {
        return c.getPackageName().equals("org.magicsteps.core.port") && c.isInterface();
    }

    private static boolean implementsAPort(JavaClass c) {
        return c.getAllRawInterfaces().stream().anyMatch(ModuleBoundariesTest::isPort);
    }

    private static boolean isUseCase(JavaClass c) {
        return c.getPackageName().equals("org.magicsteps.core.usecase") && c.getEnclosingClass().isEmpty()
                && !c.isAssignableTo(Throwable.class) && !c.isEnum();
    }

    @Test
    void adaptersOfThePortsAreFinal() {
        ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().resideOutsideOfPackage(MODULES.get("core"))
                .and().areTopLevelClasses()
                .and().implement(com.tngtech.archunit.base.DescribedPredicate.describe("a core port",
                        (JavaClass c) -> c.getPackageName().equals("org.magicsteps.core.port") && c.isInterface()))
                .should().haveModifier(JavaModifier.FINAL);
        rule.check(classes);
    }
}
