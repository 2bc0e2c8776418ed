package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Threshold;

/** {@code GET /info} carries the model card of a model that has one, in snake_case; null otherwise. */
class ModelCardInfoTest {

    @Test
    void infoCarriesTheModelCard() {
        ModelCard card = new ModelCard("An early warning before IPV is measured.",
                List.of("Deciding about a student on its own."), "'Atingiu PV'; exactly IPV ≥ 8.35 in 2022.",
                new ModelCard.TrainingData("pede2022.xlsx", 2022, 550, 72, "sha256:ab", "60/20/20"),
                List.of(new ModelCard.Measure("roc_auc", 0.85, 0.76, 0.93, "the test split")),
                "Platt scaling on the validation split.",
                List.of(new ModelCard.GroupMeasures("genero", "menina", 70, 9,
                        List.of(new ModelCard.Measure("recall", 0.7, 0.4, 1.0, "the test split")), null)),
                List.of("Trained on 2022 only."), ModelCard.Drift.notMeasured("A drift check fills this in."));
        ModelInfo info = new ModelInfo("carded", "carded-1", "RidgeRegressionOfIpv", 18, 19, new Threshold(0.3),
                Instant.parse("2026-12-01T00:00:00Z"), Map.of("test_roc_auc", 0.85), card);
        try (TestServer server = new TestServer(new TestModel(info))) {
            TestServer.Response r = server.get("/info", server.userToken("ana"));
            assertEquals(200, r.status(), r.body());
            JsonNode body = r.json().get("model_card");
            assertEquals("An early warning before IPV is measured.", body.get("intended_use").asText());
            assertEquals("Deciding about a student on its own.", body.get("misuse").get(0).asText());
            assertEquals(2022, body.get("training_data").get("year").asInt());
            assertEquals(550, body.get("training_data").get("rows").asLong());
            JsonNode auc = body.get("metrics").get(0);
            assertEquals("roc_auc", auc.get("metric").asText());
            assertEquals(0.76, auc.get("low").asDouble());
            assertEquals("the test split", auc.get("measured_on").asText());
            JsonNode girls = body.get("groups").get(0);
            assertEquals("menina", girls.get("value").asText());
            assertEquals(0.4, girls.get("metrics").get(0).get("low").asDouble());
            assertEquals("Trained on 2022 only.", body.get("known_limits").get(0).asText());
            assertEquals("not_measured", body.get("drift").get("status").asText());
            assertEquals(0, body.get("drift").get("sheets").size(), "no sheet compared yet");
            assertTrue(body.get("calibration").asText().startsWith("Platt"));
        }
        ModelCard measured = new ModelCard(card.intendedUse(), card.misuse(), card.target(), card.trainingData(),
                card.metrics(), card.calibration(), card.groups(), card.knownLimits(),
                ModelCard.Drift.of(List.of(new ModelCard.SheetDrift("pede2023.xlsx", 2023, "sha256:cd", 1014, 9, 5, 3,
                        List.of(new ModelCard.FeatureShift("score_ips", 6.5, "major", 0.403, 0.068))))));
        ModelInfo drifted = new ModelInfo("carded", "carded-1", "RidgeRegressionOfIpv", 18, 19, new Threshold(0.3),
                Instant.parse("2026-12-01T00:00:00Z"), Map.of("test_roc_auc", 0.85), measured);
        try (TestServer server = new TestServer(new TestModel(drifted))) {
            JsonNode drift = server.get("/info", server.userToken("ana")).json().get("model_card").get("drift");
            assertEquals("major", drift.get("status").asText());
            assertEquals("pede2023.xlsx", drift.get("compared_with").asText());
            JsonNode sheet = drift.get("sheets").get(0);
            assertEquals(2023, sheet.get("year").asInt());
            assertEquals(1014, sheet.get("rows").asLong());
            assertEquals(3, sheet.get("major").asInt());
            assertEquals(5, sheet.get("moderate").asInt());
            assertEquals(9, sheet.get("stable").asInt());
            JsonNode ips = sheet.get("most_drifted").get(0);
            assertEquals("score_ips", ips.get("feature").asText());
            assertEquals(6.5, ips.get("psi").asDouble());
            assertEquals(0.403, ips.get("outside_share").asDouble());
            assertTrue(drift.get("findings").get(0).asText().startsWith("pede2023.xlsx (PEDE 2023, 1014 students)"));
        }
        try (TestServer plain = new TestServer()) {
            JsonNode info2 = plain.get("/info", plain.userToken("bia")).json();
            assertTrue(info2.has("model_card") && info2.get("model_card").isNull(), info2.toString());
        }
    }
}
