package org.magicsteps.model.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated PEDE sheets for tests: students whose indicators share a latent "progress", whose
 * {@code Atingiu PV} is exactly {@code IPV >= 8.35} (as in the real sheet), with a few blank cells
 * in {@code IAA} and {@code Gênero} so that imputation has work to do. About a fifth reach the PV.
 */
public final class PedeSamples {

    static final String HEADER = "RA,Fase,Idade 22,Ano ingresso,INDE 22,IAA,IEG,IPS,IDA,IPV,IAN,Cg,Cf,Ct,Nº Av,Defas,"
            + "Turma,Gênero,Pedra 22,Atingiu PV";

    private PedeSamples() {
    }

    /** {@code rows} students from {@code seed}; {@code unlabelled} of them have a blank Atingiu PV. */
    public static Path write(Path file, int rows, long seed, int unlabelled) {
        return write(file, rows, seed, unlabelled, false);
    }

    /**
     * The same, with the earlier years' stones when {@code earlierStones}: {@code Pedra 21} and
     * {@code Pedra 20}, bands of an earlier INDE that follows the same progress, blank for about
     * 45 % of the students (new that year). The other columns are the same as without them.
     */
    public static Path write(Path file, int rows, long seed, int unlabelled, boolean earlierStones) {
        Random random = new Random(seed);
        Random history = new Random(seed + 1);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER + (earlierStones ? ",Pedra 21,Pedra 20" : ""));
        for (int i = 0; i < rows; i++) {
            double progress = random.nextGaussian();
            int fase = random.nextInt(8);
            int idade = Math.min(21, 7 + fase + random.nextInt(4));
            int ano = 2016 + random.nextInt(7);
            double ipv = clamp(7.4 + progress + 0.3 * random.nextGaussian(), 2.5, 10);
            double iaa = clamp(7.5 + 0.6 * progress + random.nextGaussian(), 0, 10);
            double ieg = clamp(7.0 + 0.8 * progress + random.nextGaussian(), 0, 10);
            double ips = clamp(6.5 + 0.3 * progress + random.nextGaussian(), 2.5, 10);
            double ida = clamp(6.0 + 0.7 * progress + random.nextGaussian(), 0, 9.9);
            double ian = random.nextBoolean() ? 10.0 : 5.0;
            double inde = clamp(0.1 * ian + 0.2 * ida + 0.2 * ieg + 0.1 * iaa + 0.1 * ips + 0.2 * ipv + 0.1 * 7, 3, 9.5);
            String pedra = inde < 6 ? "Quartzo" : inde < 7 ? "Ágata" : inde < 8 ? "Ametista" : "Topázio";
            String target = i < unlabelled ? "" : ipv >= 8.35 ? "Sim" : "Não";
            String iaaCell = random.nextInt(20) == 0 ? "" : format(iaa);
            String genero = random.nextInt(30) == 0 ? "" : random.nextBoolean() ? "Menina" : "Menino";
            lines.add(String.join(",", "RA-" + (i + 1), Integer.toString(fase), Integer.toString(idade),
                    Integer.toString(ano), format(inde), iaaCell, format(ieg), format(ips), format(ida), format(ipv),
                    format(ian), Integer.toString(1 + random.nextInt(800)), Integer.toString(1 + random.nextInt(150)),
                    Integer.toString(1 + random.nextInt(18)), Integer.toString(2 + random.nextInt(3)),
                    Integer.toString(-2 + random.nextInt(4)), String.valueOf((char) ('A' + random.nextInt(6))), genero,
                    pedra, target) + (earlierStones ? "," + earlierStone(history, progress, 0.45) + ","
                            + earlierStone(history, progress, 0.6) : ""));
        }
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A stone for an earlier INDE of the same progress, or blank (a student who was not there yet). */
    private static String earlierStone(Random random, double progress, double blankShare) {
        if (random.nextDouble() < blankShare) {
            return "";
        }
        double inde = 6.8 + 0.9 * progress + 0.6 * random.nextGaussian();
        return inde < 6 ? "Quartzo" : inde < 7 ? "Ágata" : inde < 8 ? "Ametista" : "Topázio";
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
