package org.magicsteps.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules that keep the core a pure domain. Each rule names packages that hold classes (checked
 * below), so none of them passes vacuously.
 */
class CoreArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.magicsteps.core");
    }

    @ParameterizedTest
    @ValueSource(strings = {"domain", "port", "usecase", "memory"})
    void everyPackageTheRulesNameHoldsClasses(String layer) {
        String pkg = "org.magicsteps.core." + layer;
        assertFalse(core.stream().noneMatch(c -> c.getPackageName().equals(pkg)), pkg + " is empty");
    }

    @Test
    void coreTouchesOnlyTheJdkAndItself() {
        ArchRule rule = classes().that().resideInAPackage("org.magicsteps.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.magicsteps.core..")
                .because("core depends on the JDK only (javax.crypto is java.base's, for password hashing); "
                        + "frameworks belong in adapters");
        rule.check(core);
    }

    @Test
    void theDomainKnowsNoPortUseCaseOrImplementation() {
        ArchRule rule = noClasses().that().resideInAPackage("org.magicsteps.core.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.magicsteps.core.port..", "org.magicsteps.core.usecase..", "org.magicsteps.core.memory..")
                .because("dependencies point inwards, to the domain");
        rule.check(core);
    }

    @Test
    void portsKnowOnlyTheDomain() {
        ArchRule rule = noClasses().that().resideInAPackage("org.magicsteps.core.port..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.magicsteps.core.usecase..", "org.magicsteps.core.memory..");
        rule.check(core);
    }

    @Test
    void useCasesDependOnPortsNotOnImplementations() {
        ArchRule rule = noClasses().that().resideInAPackage("org.magicsteps.core.usecase..")
                .should().dependOnClassesThat().resideInAPackage("org.magicsteps.core.memory..")
                .because("a use case gets its ports from its constructor");
        rule.check(core);
    }

    @Test
    void theOnlyPortImplementationsInCoreAreTheInMemoryOnes() {
        ArchRule rule = classes().that().resideInAPackage("org.magicsteps.core..")
                .and().implement(com.tngtech.archunit.base.DescribedPredicate.describe("a port",
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().equals("org.magicsteps.core.port") && c.isInterface()))
                .should().resideInAPackage("org.magicsteps.core.memory..")
                .because("real adapters live in adapter modules");
        rule.check(core);
    }

    @Test
    void useCasesAreFinalClasses() {
        ArchRule rule = classes().that().resideInAPackage("org.magicsteps.core.usecase")
                .and().arePublic().and().areTopLevelClasses()
                .and().areNotAssignableTo(RuntimeException.class)
                .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL);
        rule.check(core);
    }
}
