package org.magicsteps.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Generated PEDE sheets for the command tests: indicators sharing a latent progress, target {@code IPV >= 8.35}. */
final class LabelledSheets {

    private LabelledSheets() {
    }

    static Path write(Path file, int rows, long seed, boolean withTarget) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("RA,Fase,Idade 22,Ano ingresso,INDE 22,IAA,IEG,IPS,IDA,IPV,IAN,Cg,Cf,Ct,Nº Av,Defas,Turma,Gênero,"
                + "Pedra 22" + (withTarget ? ",Atingiu PV" : ""));
        for (int i = 0; i < rows; i++) {
            double progress = random.nextGaussian();
            int fase = random.nextInt(8);
            double ipv = clamp(7.4 + progress + 0.3 * random.nextGaussian(), 2.5, 10);
            double ida = clamp(6 + 0.7 * progress + random.nextGaussian(), 0, 9.9);
            double inde = clamp(0.5 * ida + 0.5 * ipv, 3, 9.5);
            lines.add(String.join(",", "RA-" + i, Integer.toString(fase), Integer.toString(Math.min(21, 8 + fase)),
                    "2020", f(inde), f(clamp(7 + 0.5 * progress, 0, 10)), f(clamp(7 + 0.8 * progress, 0, 10)),
                    f(clamp(6.5 + random.nextGaussian(), 2.5, 10)), f(ida), f(ipv), "5.000",
                    Integer.toString(1 + random.nextInt(800)), Integer.toString(1 + random.nextInt(150)),
                    Integer.toString(1 + random.nextInt(18)), Integer.toString(2 + random.nextInt(3)), "0",
                    random.nextBoolean() ? "A" : "B", random.nextBoolean() ? "Menina" : "Menino",
                    inde < 7 ? "Ágata" : "Ametista") + (withTarget ? "," + (ipv >= 8.35 ? "Sim" : "Não") : ""));
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
