package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import org.slf4j.LoggerFactory;

import picocli.CommandLine;

import org.magicsteps.cli.training.MagicStepsWithTraining;
import org.magicsteps.model.TestGraphs;
import org.magicsteps.model.data.Sheets;

/**
 * The sheets people bring, through every command that reads one ({@code score}, {@code features load},
 * {@code train}, {@code evaluate}), as a user runs them: damaged workbooks and CSV files get a message
 * that names the file and the problem, exit code 2 and no stack trace, neither on the command's
 * output nor in the log, nor a Java class name; the ways spreadsheets really export a
 * CSV (a byte-order mark, {@code ;} with decimal commas as Brazilian Excel writes, Windows-1252,
 * blank lines) are read as the plain file is, to the same scores and metrics (and, from the
 * {@code ;} file, the same trained model). A header without students is 0 rows scored or loaded,
 * and refused for training and evaluation.
 * {@code features load} writes to the real Redis on 127.0.0.1:6379, under student ids of this run
 * only, removed afterwards.
 */
class SheetInputsTest {

    private static final float[] WEIGHTS = {0.5f, -0.3f, 0.2f, 1.1f, 0.4f, 0.6f, -0.2f, 0.9f, 4.5f, -0.4f, -0.8f, 0.1f,
        0.05f, 0.3f, 0.7f, 0.02f, -0.6f, 0.25f};
    private static final String RUN = "sheets-" + UUID.randomUUID() + "-";
    private static final Map<String, String> REDIS = Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", "6379");
    private static final int ROWS = 160;

    @TempDir
    static Path dir;
    static Path model;
    /** The labelled sheet every readable variant is made from, and what scoring it gives. */
    static Path plain;
    static List<String> plainScores;
    static List<String> plainTraining;

    /** A command run as a user runs it: its exit code, what it printed, what the log printed. */
    record Run(int exit, String out, String err, String log) {

        String all() {
            return out + err + log;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err + "--- log\n" + log;
        }
    }

    /** A command that reads a sheet, with the file it reads, and the exit code with which it refuses one. */
    record Command(String name, Function<Path, String[]> arguments, int refusal) {
    }

    @BeforeAll
    static void prepare() throws IOException {
        model = TestGraphs.pedeBundle(WEIGHTS, -4f).save(dir.resolve("model"));
        plain = LabelledSheets.write(dir.resolve("plain.csv"), ROWS, 7, true);
        prefixIds(plain);
        Run scored = run(Map.of(), "score", "--model", model.toString(), "--input", plain.toString(), "--output",
                dir.resolve("plain-scores.csv").toString());
        assertEquals(0, scored.exit(), scored::toString);
        plainScores = Files.readAllLines(dir.resolve("plain-scores.csv"));
        assertEquals(ROWS + 1, plainScores.size());
        Run trained = run(Map.of(), "train", "--data", plain.toString(), "--out", dir.resolve("plain-model").toString(),
                "--seed", "3");
        assertEquals(0, trained.exit(), trained::toString);
        plainTraining = metrics(trained.out());
        assertFalse(plainTraining.isEmpty(), trained::toString);
    }

    @AfterAll
    static void removeTheStudentsOfThisRun() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            List<String> keys = redis.sync().keys("magic-steps:features:" + RUN + "*");
            if (!keys.isEmpty()) {
                redis.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    private static List<Command> commands() {
        return List.of(
                new Command("score", file -> new String[] {"score", "--model", model.toString(), "--input",
                    file.toString(), "--output", dir.resolve("scores-" + UUID.randomUUID() + ".csv").toString()}, 2),
                new Command("features load", file -> new String[] {"features", "load", "--model", model.toString(),
                    "--data", file.toString()}, 2),
                new Command("train", file -> new String[] {"train", "--data", file.toString(), "--out",
                    dir.resolve("trained-" + UUID.randomUUID()).toString(), "--seed", "3"}, 2),
                new Command("evaluate", file -> new String[] {"evaluate", "--model", model.toString(), "--data",
                    file.toString()}, 2));
    }

    @TestFactory
    Stream<DynamicTest> aDamagedOrEmptySheetIsRefusedWithItsNameExitCode2AndNoStackTrace() throws IOException {
        List<Object[]> sheets = new ArrayList<>();
        byte[] workbook = Files.readAllBytes(Sheets.xlsx(dir.resolve("whole.xlsx"), List.of("PEDE2022"),
                List.of(List.of("RA", "Fase"), List.of("RA-1", 3))));
        sheets.add(new Object[] {"a workbook cut in half", write("cut.xlsx", Arrays.copyOf(workbook, workbook.length / 2)),
            "XLSX"});
        sheets.add(new Object[] {"a workbook whose sheet XML is broken", write("broken.xlsx",
                fuzzFinding("broken-sheet-xml")), "broken workbook"});
        sheets.add(new Object[] {"a workbook that lists a sheet it lacks", write("missing-part.xlsx",
                fuzzFinding("missing-sheet-part")), "broken workbook"});
        sheets.add(new Object[] {"an old binary .xls", write("old.xls", new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11,
            (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1, 0, 0, 0, 0}), ".xls"});
        sheets.add(new Object[] {"an empty file", write("empty.csv", new byte[0]), "empty"});
        sheets.add(new Object[] {"a header and no students", write("header-only.csv",
                Files.readAllLines(plain).get(0).getBytes(StandardCharsets.UTF_8)), "no labelled rows"});
        sheets.add(new Object[] {"a header and blank lines only", write("blank-only.csv",
                (Files.readAllLines(plain).get(0) + "\n\n ,,\n\n").getBytes(StandardCharsets.UTF_8)),
            "no labelled rows"});
        sheets.add(new Object[] {"a quote left open", write("open-quote.csv", (Files.readString(plain)
                + "\"RA-x,3,12\n").getBytes(StandardCharsets.UTF_8)), "broken CSV"});
        sheets.add(new Object[] {"a file that is not a sheet", write("picture.csv", new byte[] {(byte) 0x89, 'P', 'N',
            'G', 13, 10, 26, 10, 0, 0, 0, 13}), "column"});
        sheets.add(new Object[] {"a directory", Files.createDirectories(dir.resolve("a-directory.csv")), "directory"});
        sheets.add(new Object[] {"a file that does not exist", dir.resolve("nowhere.csv"), "does not exist"});
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] sheet : sheets) {
            for (Command command : commands()) {
                tests.add(DynamicTest.dynamicTest(sheet[0] + " → " + command.name(), () -> {
                    Path file = (Path) sheet[1];
                    Run r = run(REDIS, command.arguments().apply(file));
                    assertNoStackTrace(r);
                    boolean needsLabels = command.name().equals("train") || command.name().equals("evaluate");
                    if (sheet[2].equals("no labelled rows") && !needsLabels) {
                        // Nothing to score or load is not an error: the summary says so.
                        assertEquals(0, r.exit(), r::toString);
                        assertTrue(r.out().contains(file.getFileName() + ": read 0 rows"), r::toString);
                        return;
                    }
                    assertEquals(command.refusal(), r.exit(), r::toString);
                    assertTrue(r.err().contains(file.getFileName().toString()), "names the file: " + r);
                    assertTrue(r.err().toLowerCase().contains(((String) sheet[2]).toLowerCase()),
                            "says what is wrong (" + sheet[2] + "): " + r);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> sheetsAsSpreadsheetsExportThemAreReadAsThePlainFileIs() throws IOException {
        String text = Files.readString(plain);
        List<Object[]> variants = List.of(
                new Object[] {"a UTF-8 byte-order mark", write("bom.csv", ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8))},
                new Object[] {"';' separators and decimal commas, CRLF (Brazilian Excel)", write("semicolons.csv",
                        brazilian(text).getBytes(StandardCharsets.UTF_8))},
                new Object[] {"Brazilian Excel's CSV in Windows-1252 with a BOM-less header", write("windows-1252.csv",
                        brazilian(text).getBytes(Charset.forName("windows-1252")))},
                new Object[] {"blank lines between and after the rows", write("blank-lines.csv",
                        text.replace("\nRA-", "\n\n  \nRA-").concat("\n\n\n").getBytes(StandardCharsets.UTF_8))});
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] variant : variants) {
            Path file = (Path) variant[1];
            tests.add(DynamicTest.dynamicTest(variant[0] + " → score", () -> {
                Path out = dir.resolve("scores-of-" + file.getFileName());
                Run r = run(Map.of(), "score", "--model", model.toString(), "--input", file.toString(), "--output",
                        out.toString());
                assertEquals(0, r.exit(), r::toString);
                assertEquals(plainScores, Files.readAllLines(out), "the same scores as the plain file");
                assertNoStackTrace(r);
            }));
            tests.add(DynamicTest.dynamicTest(variant[0] + " → evaluate", () -> {
                Run r = run(Map.of(), "evaluate", "--model", model.toString(), "--data", file.toString());
                Run reference = run(Map.of(), "evaluate", "--model", model.toString(), "--data", plain.toString());
                assertEquals(0, r.exit(), r::toString);
                assertEquals(metrics(reference.out()), metrics(r.out()), "the same metrics as the plain file");
                assertNoStackTrace(r);
            }));
            tests.add(DynamicTest.dynamicTest(variant[0] + " → features load", () -> {
                Run r = run(REDIS, "features", "load", "--model", model.toString(), "--data", file.toString());
                assertEquals(0, r.exit(), r::toString);
                assertTrue(r.out().contains(Integer.toString(ROWS)), "every student loaded: " + r);
                assertNoStackTrace(r);
            }));
            if (file.getFileName().toString().equals("semicolons.csv")) {
                // Training takes seconds: once, on the sheet furthest from the plain one.
                tests.add(DynamicTest.dynamicTest(variant[0] + " → train", () -> {
                    Run r = run(Map.of(), "train", "--data", file.toString(), "--out",
                            dir.resolve("trained-" + file.getFileName()).toString(), "--seed", "3");
                    assertEquals(0, r.exit(), r::toString);
                    assertEquals(plainTraining, metrics(r.out()), "the same model as from the plain file");
                    assertNoStackTrace(r);
                }));
            }
        }
        return tests.stream();
    }

    /** The metric lines of an evaluation (without timings or the file name). */
    private static List<String> metrics(String out) {
        return out.lines().filter(l -> l.contains("ROC-AUC") || l.contains("F1") || l.contains("PR-AUC")).toList();
    }

    /** No stack trace, on the output or in the log, and no Java class name in a message either. */
    private static void assertNoStackTrace(Run r) {
        assertFalse(r.all().contains("\tat ") || r.all().contains("Exception") || r.all().contains("Caused by")
                || r.all().matches("(?s).*\\b(java|org|com)\\.[a-z]+\\.[A-Za-z.]+.*"), "no stack trace: " + r);
    }

    /** The sheet as Brazilian Excel saves "CSV": ';' between cells, decimal commas, CRLF. */
    private static String brazilian(String text) {
        return text.lines().map(line -> String.join(";", Arrays.stream(line.split(",", -1))
                .map(cell -> cell.matches("-?\\d+\\.\\d+") ? cell.replace('.', ',') : cell).toList()))
                .reduce((a, b) -> a + "\r\n" + b).orElse("") + "\r\n";
    }

    /** Gives the sheet's students ids of this run, so that what features load stores is this run's. */
    private static void prefixIds(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> renamed = new ArrayList<>();
        renamed.add(lines.get(0));
        lines.stream().skip(1).forEach(l -> renamed.add(RUN + l));
        Files.write(file, renamed);
    }

    private static byte[] fuzzFinding(String name) throws IOException {
        try (InputStream in = SheetInputsTest.class.getResourceAsStream("/org/magicsteps/model/data/"
                + "XlsxSheetFuzzTestInputs/anyWorkbookIsReadOrRefusedWithASheetException/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** Runs the full command line in this JVM, catching what it prints and what it logs. */
    static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        MagicSteps root = new MagicSteps(environment, dir, Wiring::new, new ByteArrayInputStream(new byte[0]));
        CommandLine cli = MagicSteps.commandLine(root, MagicStepsWithTraining.trainingCommands());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        rootLogger.addAppender(log);
        int exit;
        try {
            exit = cli.execute(args);
        } finally {
            rootLogger.detachAppender(log);
        }
        assertNotEquals(-1, exit);
        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent event : log.list) {
            logged.append(event.getLevel()).append(' ').append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                logged.append("Caused by ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return new Run(exit, out.toString(), err.toString(), logged.toString());
    }
}
