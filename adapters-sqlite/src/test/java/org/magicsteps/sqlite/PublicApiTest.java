package org.magicsteps.sqlite;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Only the three adapters and their factory are public, only the factory makes them, and no public
 * signature shows a JDBC, SQLite or JSON type.
 */
class PublicApiTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.magicsteps.sqlite");

    private static final Set<String> PUBLIC = Set.of("SqliteStores", "SqliteUserStore", "SqliteSettingsStore",
            "SqlitePredictionLog");

    private static final DescribedPredicate<JavaClass> DRIVER_TYPE = new DescribedPredicate<>("a driver type") {
        @Override
        public boolean test(JavaClass type) {
            String name = type.getName();
            return name.startsWith("java.sql") || name.startsWith("javax.sql") || name.startsWith("org.sqlite")
                    || name.startsWith("com.fasterxml");
        }
    };

    @Test
    void onlyTheAdaptersAndTheirFactoryArePublicAndFinal() {
        classes().that().arePublic().should().haveSimpleNameStartingWith("Sqlite").check(MODULE);
        classes().that().arePublic().should().haveModifier(JavaModifier.FINAL).check(MODULE);
        assertTrue(PUBLIC.stream().allMatch(n -> MODULE.contain("org.magicsteps.sqlite." + n)), "each public type exists");
        assertTrue(MODULE.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)).count() == PUBLIC.size(),
                "nothing else is public");
    }

    @Test
    void noPublicSignatureShowsADriverType() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should().haveRawReturnType(DescribedPredicate.not(DRIVER_TYPE))
                .andShould().haveRawParameterTypes(DescribedPredicate.not(DescribedPredicate.anyElementThat(DRIVER_TYPE)))
                .check(MODULE);
    }

    @Test
    void onlyTheFactoryMakesTheAdapters() {
        constructors().that().areDeclaredInClassesThat().arePublic().should().notBePublic().check(MODULE);
    }
}
