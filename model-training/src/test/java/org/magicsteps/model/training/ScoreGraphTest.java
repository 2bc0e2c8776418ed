package org.magicsteps.model.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.Test;

/** The graphs ONNX Runtime runs compute the plain models' numbers, clipped, with two consistent outputs. */
class ScoreGraphTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void aLinearGraphComputesTheModelsLogOddsAndProbabilities() throws Exception {
        LogOddsModel.Linear model = new LogOddsModel.Linear(new double[] {0.8, -1.5, 0.25}, -0.4);
        float[][] rows = {{0, 0, 0}, {1, 2, -1}, {-0.5f, 0.3f, 4}, {2.5f, -1, 0.1f}};
        assertGraphMatches(model, rows);
    }

    @Test
    void aTreeGraphComputesTheEnsemblesLogOddsAndProbabilities() throws Exception {
        // x0 <= 0.5 ? (x1 <= -1 ? 0.7 : -0.2) : 1.1 ; and a stump on x2.
        LogOddsModel.Tree first = new LogOddsModel.Tree(new int[] {0, 1, -1, -1, -1}, new float[] {0.5f, -1f, 0, 0, 0},
                new int[] {1, 3, -1, -1, -1}, new int[] {2, 4, -1, -1, -1}, new double[] {0, 0, 1.1, 0.7, -0.2});
        LogOddsModel.Tree second = new LogOddsModel.Tree(new int[] {2, -1, -1}, new float[] {0.25f, 0, 0},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, -0.3, 0.45});
        LogOddsModel.TreeEnsemble model = new LogOddsModel.TreeEnsemble(List.of(first, second), -1.2);
        // Rows on both sides of every split, and exactly on a threshold (≤ goes to the first branch).
        float[][] rows = {{0.5f, -1f, 0.25f}, {0.6f, 0, 0}, {0, -3, 1}, {0, 0, -1}, {Math.nextUp(0.5f), -1, 0.3f}};
        assertGraphMatches(model, rows);
        assertEquals(-1.2 + 0.7 - 0.3, model.logOdds(rows[0]), 1e-12);
    }

    @Test
    void extremeLogOddsAreClippedSoNoProbabilityIsZeroOrOneEvenInFloat() throws Exception {
        LogOddsModel.Linear model = new LogOddsModel.Linear(new double[] {50}, 0);
        float[][] rows = {{10}, {-10}, {1000}, {-1000}};
        float[][][] outputs = run(model, rows);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(Math.signum(rows[i][0]) * ScoreGraph.LOG_ODDS_LIMIT, outputs[0][i][0], 0.0);
            float notReached = outputs[1][i][0];
            float reached = outputs[1][i][ScoreGraph.POSITIVE_COLUMN];
            assertTrue(reached > 0f && reached < 1f, "reached " + reached);
            assertTrue(notReached > 0f && notReached < 1f, "not reached " + notReached);
            double served = ScoreGraph.probability(model.logOdds(rows[i]));
            assertTrue(served > 1e-7 && served < 1 - 1e-7, "served " + served);
        }
    }

    @Test
    void theSameModelWritesTheSameBytes() {
        LogOddsModel.Linear model = new LogOddsModel.Linear(new double[] {0.1, 0.2}, 0.3);
        assertArrayEquals(ScoreGraph.write(model, 2, "doc"), ScoreGraph.write(model, 2, "doc"));
    }

    private static void assertGraphMatches(LogOddsModel model, float[][] rows) throws Exception {
        float[][][] outputs = run(model, rows);
        for (int i = 0; i < rows.length; i++) {
            double z = ScoreGraph.clip(model.logOdds(rows[i]));
            assertEquals(z, outputs[0][i][0], 1e-5, "log_odds of row " + i);
            assertEquals(LogOddsModel.sigmoid(z), outputs[1][i][ScoreGraph.POSITIVE_COLUMN], 1e-6, "row " + i);
            assertEquals(1 - LogOddsModel.sigmoid(z), outputs[1][i][0], 1e-6, "row " + i);
        }
    }

    /** {@code [log_odds rows, probability rows]} as ONNX Runtime computes them. */
    private static float[][][] run(LogOddsModel model, float[][] rows) throws Exception {
        int width = rows[0].length;
        byte[] onnx = ScoreGraph.write(model, width, "test");
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        try (OrtSession session = ENV.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(flat), new long[] {rows.length, width});
                OrtSession.Result result = session.run(Map.of(ScoreGraph.INPUT, input),
                        Set.of(ScoreGraph.LOG_ODDS, ScoreGraph.PROBABILITY))) {
            float[][] logOdds = (float[][]) result.get(ScoreGraph.LOG_ODDS).orElseThrow().getValue();
            float[][] probability = (float[][]) result.get(ScoreGraph.PROBABILITY).orElseThrow().getValue();
            return new float[][][] {logOdds, probability};
        }
    }
}
