package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.magicsteps.core.usecase.ServedModels;
import org.magicsteps.http.ServiceMetrics;
import org.magicsteps.model.ModelBundle;

/** Which models {@code serve} serves: {@code MODEL_DIR} as the default, every carried one, every {@code MODELS} entry. */
class ServedModelsWiringTest {

    @TempDir
    Path dir;

    private Wiring wiring(Map<String, String> environment) {
        return new Wiring(AppConfig.resolve(Map.of(), environment, Map.of()).withDataDir(dir.resolve("data")));
    }

    @Test
    void theDefaultAndEveryCarriedModelAreServedByName() {
        try (Wiring wiring = wiring(Map.of())) {
            ServedModels models = wiring.servedModels(new ServiceMetrics());
            assertEquals(List.of("default", "early-warning", "early-warning-strict"), models.names());
            assertEquals("early-warning", models.info("early-warning").name());
        }
        try (Wiring wiring = wiring(Map.of("MODEL_DIR", "early-warning"))) {
            ServedModels models = wiring.servedModels(new ServiceMetrics());
            assertEquals("early-warning", models.defaultName());
            assertEquals(List.of("early-warning", "default", "early-warning-strict"), models.names());
        }
    }

    @Test
    void modelsAddsBundleDirectoriesByTheirDirectorysName() {
        Path candidate = ModelBundle.bundled("early-warning-strict").orElseThrow().save(dir.resolve("candidate"));
        try (Wiring wiring = wiring(Map.of("MODELS", candidate + ", early-warning"))) {
            ServedModels models = wiring.servedModels(new ServiceMetrics());
            assertEquals(List.of("default", "candidate", "early-warning", "early-warning-strict"), models.names());
            assertEquals("early-warning-strict", models.info("candidate").name());
            assertEquals(java.util.Optional.of(candidate.toString()), models.location("candidate"));
        }
    }

    @Test
    void aModelThatDoesNotLoadOrANameTakenTwiceStopsTheStart() {
        try (Wiring wiring = wiring(Map.of("MODELS", dir.resolve("missing").toString()))) {
            ConfigException e = assertThrows(ConfigException.class, () -> wiring.servedModels(new ServiceMetrics()));
            assertTrue(e.getMessage().startsWith("MODELS: model 'missing' was not loaded from "), e.getMessage());
            assertTrue(e.getMessage().endsWith("does not exist"), e.getMessage());
        }
        Path copy = ModelBundle.bundled("early-warning").orElseThrow().save(dir.resolve("x/default"));
        try (Wiring wiring = wiring(Map.of("MODELS", copy.toString()))) {
            ConfigException e = assertThrows(ConfigException.class, () -> wiring.servedModels(new ServiceMetrics()));
            assertTrue(e.getMessage().contains("would be served as 'default', a name MODEL_DIR's default model takes"),
                    e.getMessage());
        }
        ConfigException empty = assertThrows(ConfigException.class,
                () -> AppConfig.resolve(Map.of(), Map.of("MODELS", "early-warning,,x"), Map.of()));
        assertTrue(empty.getMessage().contains("MODELS: 'early-warning,,x' has an empty entry"), empty.getMessage());
    }
}
