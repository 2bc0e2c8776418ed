package org.magicsteps.mongo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Only the adapters, their factory and its value types are public, and none shows a driver type. */
class PublicApiTest {

    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.magicsteps.mongo");

    private static final Set<String> PUBLIC = Set.of("MongoStores", "MongoUserStore", "MongoSettingsStore",
            "MongoPredictionLog", "PredictionLogStatus", "JournalSync");

    private static final DescribedPredicate<JavaClass> DRIVER_TYPE = new DescribedPredicate<>("a driver type") {
        @Override
        public boolean test(JavaClass type) {
            String name = type.getName();
            return name.startsWith("com.mongodb") || name.startsWith("org.bson") || name.startsWith("de.bwaldvogel")
                    || name.startsWith("io.netty") || name.startsWith("org.h2");
        }
    };

    @Test
    void onlyTheAdaptersTheirFactoryAndItsValuesArePublic() {
        classes().that().arePublic().should().haveSimpleNameStartingWith("Mongo")
                .orShould().haveSimpleName("PredictionLogStatus").orShould().haveSimpleName("JournalSync")
                .check(MODULE);
        classes().that().haveSimpleNameStartingWith("Mongo").and().areNotNestedClasses()
                .and().doNotHaveSimpleName("MongoFailures")
                .should().bePublic().andShould().haveModifier(JavaModifier.FINAL)
                .check(MODULE);
        assertTrue(PUBLIC.stream().allMatch(n -> MODULE.contain("org.magicsteps.mongo." + n)), "each public type exists");
    }

    @Test
    void noPublicSignatureShowsADriverType() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should().haveRawReturnType(DescribedPredicate.not(DRIVER_TYPE))
                .andShould().haveRawParameterTypes(DescribedPredicate.not(DescribedPredicate.anyElementThat(DRIVER_TYPE)))
                .check(MODULE);
        constructors().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .should().haveRawParameterTypes(DescribedPredicate.not(DescribedPredicate.anyElementThat(DRIVER_TYPE)))
                .check(MODULE);
    }
}
