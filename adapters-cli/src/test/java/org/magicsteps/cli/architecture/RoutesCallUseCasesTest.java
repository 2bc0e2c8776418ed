package org.magicsteps.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.magicsteps.core.port.HealthReporting;

/**
 * The HTTP route classes turn a request into a use case's call and its answer back into JSON: they
 * call core's use cases, never a port or an adapter behind the use cases' back. Checked here,
 * where every module is on the class path, so that the adapter packages the rule names hold
 * classes (checked below) and the rule cannot pass vacuously.
 */
class RoutesCallUseCasesTest {

    /** The route classes ({@code AuthRoutes}, ...) and the records nested in them. */
    private static final String ROUTE_CLASSES = "org\\.magicsteps\\.http\\.[A-Za-z]+Routes(\\$.*)?";

    private static final String[] OTHER_ADAPTERS = {
        "org.magicsteps.mongo..", "org.magicsteps.sqlite..", "org.magicsteps.redis..", "org.magicsteps.model..",
        "org.magicsteps.cli.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importEverything() {
        classes = ModuleBoundariesTest.productionClasses();
    }

    /**
     * A port of the core: an interface of {@code core.port}. {@link HealthReporting} is not one:
     * it is how components report on themselves, which {@code /health} exists to show.
     */
    private static boolean isPort(JavaClass c) {
        return c.isInterface() && c.getPackageName().equals("org.magicsteps.core.port")
                && !c.isEquivalentTo(HealthReporting.class);
    }

    private static final DescribedPredicate<JavaClass> PORTS_OR_THEIR_IMPLEMENTATIONS = DescribedPredicate.describe(
            "are core ports or implement one", (JavaClass c) -> isPort(c)
                    || c.getAllRawInterfaces().stream().anyMatch(RoutesCallUseCasesTest::isPort));

    @Test
    void theRuleSeesEveryRouteClass() {
        Set<String> routes = new TreeSet<>();
        classes.stream().filter(c -> c.getName().matches(ROUTE_CLASSES) && c.isTopLevelClass())
                .forEach(c -> routes.add(c.getSimpleName()));

        assertEquals(Set.of("AuthRoutes", "InferenceProtocolRoutes", "ModelRoutes", "MonitorRoutes", "PredictionRoutes",
                "SheetRoutes", "SystemRoutes"), routes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.magicsteps.mongo", "org.magicsteps.sqlite", "org.magicsteps.redis",
        "org.magicsteps.model", "org.magicsteps.cli", "org.magicsteps.core.port"})
    void everyPackageTheRuleNamesHoldsClasses(String root) {
        assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith(root)), "no classes in " + root);
    }

    @Test
    void adaptersImplementThePortsTheRuleKnows() {
        assertTrue(classes.stream().anyMatch(c -> PORTS_OR_THEIR_IMPLEMENTATIONS.test(c)
                && c.getPackageName().equals("org.magicsteps.http")), "the HTTP adapter's own port decorators");
        assertTrue(classes.stream().anyMatch(c -> PORTS_OR_THEIR_IMPLEMENTATIONS.test(c)
                && c.getPackageName().equals("org.magicsteps.sqlite")), "a store adapter");
    }

    @Test
    void routesCallUseCasesNotPortsOrAdapters() {
        ArchRule rule = noClasses().that().haveNameMatching(ROUTE_CLASSES)
                .should().dependOnClassesThat(PORTS_OR_THEIR_IMPLEMENTATIONS)
                .orShould().dependOnClassesThat().resideInAnyPackage(OTHER_ADAPTERS)
                .because("what the service does is a use case's business; a route only speaks HTTP to it");
        rule.check(classes);
    }
}
