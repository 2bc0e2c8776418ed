package org.magicsteps.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.Shared;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.evaluation.LabelledSheet;

/** The bundles committed under models/ were trained by this pipeline on the shared 2022 sheet. */
class CommittedBundlesProvenanceTest {

    private static Path models() {
        return Path.of(System.getProperty("magicsteps.repoRoot", ".."), "models");
    }

    @Test
    void everyBundleRecordsTheSharedSheetTheyWereTrainedOn() {
        Path sheet = Shared.require("data/pede2022.xlsx");
        String fingerprint = LabelledSheet.fingerprint(sheet);
        for (String name : List.of("default", "early-warning", "early-warning-strict")) {
            BundleManifest manifest = ModelBundle.load(models().resolve(name)).manifest();
            assertEquals(fingerprint, manifest.training().dataFingerprint(), name);
            assertEquals(550L, manifest.training().rows(), name + ": refit on train + validation");
        }
    }
}
