package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.bundle.BundleManifest;
import picocli.CommandLine;

/** {@code magic-steps train} and {@code evaluate} as a user runs them: exit codes, messages, files. */
class TrainAndEvaluateCommandTest {

    @TempDir
    static Path dir;

    static Path data;
    static Run trained;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = org.magicsteps.cli.training.MagicStepsWithTraining.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void train() throws Exception {
        data = LabelledSheets.write(dir.resolve("pede.csv"), 160, 3, true);
        trained = run("train", "--data", data.toString(), "--out", dir.resolve("ew").toString(), "--exclude",
                "score_ipv", "--name", "ew", "--seed", "5");
    }

    @Test
    void trainWritesABundleRecordsTheCommandAndPrintsTheTestMetrics() {
        assertEquals(0, trained.exit(), trained.err());
        assertTrue(trained.out().startsWith("trained ew-"), trained.out());
        assertTrue(trained.out().contains("ROC-AUC") && trained.out().contains("95 % interval"), trained.out());
        assertTrue(trained.out().contains("accepted but ignored: score_ipv"), trained.out());
        assertTrue(trained.err().contains("split (seed 5): train"), trained.err());
        assertTrue(trained.err().contains("LEAKAGE: score_ipv alone has ROC-AUC 1.000"), trained.err());
        BundleManifest manifest = ModelBundle.load(dir.resolve("ew")).manifest();
        assertEquals("magic-steps train --data " + data + " --out " + dir.resolve("ew")
                + " --exclude score_ipv --name ew --seed 5", manifest.training().command());
        assertTrue(Files.exists(dir.resolve("ew").resolve("report.html")));
    }

    @Test
    void trainRefusesAnIncludedFeatureThatIsNotAnEarlierYearsAndOneTheSheetLacks() {
        Run unknown = run("train", "--data", data.toString(), "--out", dir.resolve("y").toString(), "--include",
                "score_ipv");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--include: 'score_ipv' is not a feature a model may add; expected some of "
                + "pedra_ano_anterior, pedra_dois_anos_antes"), unknown.err());
        Run absent = run("train", "--data", data.toString(), "--out", dir.resolve("y").toString(), "--include",
                "pedra_ano_anterior");
        assertEquals(2, absent.exit(), "a feature the sheet lacks is an input problem");
        assertTrue(absent.err().contains("pedra_ano_anterior: has no value in the rows the preprocessing is fitted on; "
                + "leave it out of --include"), absent.err());
        assertTrue(!Files.exists(dir.resolve("y")), "nothing is written when training is refused");
    }

    @Test
    void trainRefusesAMissingFileAMissingTargetAndAnUnknownFeature() throws Exception {
        Run missing = run("train", "--data", dir.resolve("nope.csv").toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.csv: does not exist"), missing.err());

        Path unlabelled = LabelledSheets.write(dir.resolve("unlabelled.csv"), 30, 1, false);
        Run noTarget = run("train", "--data", unlabelled.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, noTarget.exit());
        assertTrue(noTarget.err().contains("missing column atingiu_pv (accepted headers: Atingiu PV, atingiu_pv)"),
                noTarget.err());

        Run unknown = run("train", "--data", data.toString(), "--out", dir.resolve("x").toString(), "--exclude",
                "score_ipv,score_xyz");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--exclude: 'score_xyz' is not a PEDE feature"), unknown.err());

        Run noOut = run("train", "--data", data.toString());
        assertEquals(2, noOut.exit());
        assertTrue(noOut.err().contains("Missing required option: '--out=DIR'"), noOut.err());
        assertTrue(!Files.exists(dir.resolve("x")), "nothing is written when training is refused");
    }

    @Test
    void evaluateMeasuresABundleAndSaysWhenItWasTrainedOnTheSameFile() {
        Run run = run("evaluate", "--model", dir.resolve("ew").toString(), "--data", data.toString(), "--report",
                dir.resolve("eval").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("model      ew-"), run.out());
        assertTrue(run.out().contains("data       pede.csv: 160 rows"), run.out());
        assertTrue(run.out().contains("ROC-AUC") && run.out().contains("confusion at"), run.out());
        assertTrue(run.out().contains("note: This is the file the model was trained on"), run.out());
        assertTrue(Files.exists(dir.resolve("eval").resolve("report.html")));
    }

    @Test
    void evaluateRefusesAnUnknownModelAMissingFileAndAMissingTarget() throws Exception {
        Run unknown = run("evaluate", "--model", "no-such-model", "--data", data.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--model: 'no-such-model' is neither a bundle directory nor a model this jar "
                + "carries"), unknown.err());

        Run missing = run("evaluate", "--model", dir.resolve("ew").toString(), "--data",
                dir.resolve("nope.xlsx").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.xlsx: does not exist"), missing.err());

        Path unlabelled = LabelledSheets.write(dir.resolve("unlabelled2.csv"), 30, 1, false);
        Run noTarget = run("evaluate", "--model", dir.resolve("ew").toString(), "--data", unlabelled.toString());
        assertEquals(2, noTarget.exit());
        assertTrue(noTarget.err().contains("missing column atingiu_pv"), noTarget.err());

        Run broken = run("evaluate", "--model", dir.toString(), "--data", data.toString());
        assertEquals(2, broken.exit());
        assertTrue(broken.err().contains("has no manifest.json"), broken.err());
    }

    @Test
    void evaluateTakesAThresholdFromTheCommandLine() {
        Run run = run("evaluate", "--model", dir.resolve("ew").toString(), "--data", data.toString(), "--threshold",
                "0.3");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("threshold  0.3000 (given on the command line)"), run.out());
        assertTrue(run.out().contains("confusion at 0.3000"), run.out());
    }
}
