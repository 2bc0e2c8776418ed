package org.magicsteps.model.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layouts of the NGO's later sheets, for tests that write small sheets of their own: the 2023
 * sheet's headers as handed out, and the 2024 sheet's as issue 9 lists them (no 2024 sheet is at
 * hand), with rows built cell by cell.
 */
public final class PedeYears {

    /** The headers of the 2023 sheet, as the NGO hands it out. */
    public static final List<String> HEADERS_2023 = List.of("RA", "Fase", "INDE 2023", "Pedra 2023", "Turma",
            "Nome Anonimizado", "Data de Nasc", "Idade", "Gênero", "Ano ingresso", "Instituição de ensino", "Pedra 20",
            "Pedra 21", "Pedra 22", "Pedra 23", "INDE 22", "INDE 23", "Cg", "Cf", "Ct", "Nº Av", "Avaliador1",
            "Rec Av1", "Avaliador2", "Rec Av2", "Avaliador3", "Rec Av3", "Avaliador4", "Rec Av4", "IAA", "IEG", "IPS",
            "IPP", "Rec Psicologia", "IDA", "Mat", "Por", "Ing", "Indicado", "Atingiu PV", "IPV", "IAN", "Fase Ideal",
            "Defasagem", "Destaque IEG", "Destaque IDA", "Destaque IPV", "Destaque IPV");

    /** The headers of the 2024 sheet, as issue 9 lists them. */
    public static final List<String> HEADERS_2024 = List.of("RA", "Fase", "INDE 2024", "Pedra 2024", "Turma",
            "Nome Anonimizado", "Data de Nasc", "Idade", "Gênero", "Ano ingresso", "Instituição de ensino", "Pedra 20",
            "Pedra 21", "Pedra 22", "Pedra 23", "INDE 22", "INDE 23", "Cg", "Cf", "Ct", "Nº Av", "Avaliador1",
            "Avaliador2", "Avaliador3", "Avaliador4", "Avaliador5", "Avaliador6", "Rec Av1", "Rec Av2", "IAA", "IEG",
            "IPS", "IPP", "Rec Psicologia", "IDA", "Mat", "Por", "Ing", "Indicado", "Atingiu PV", "IPV", "IAN",
            "Fase Ideal", "Defasagem", "Destaque IEG", "Destaque IDA", "Destaque IPV", "Escola", "Ativo/ Inativo",
            "Ativo/ Inativo");

    private PedeYears() {
    }

    /** A row of {@code headers} with the given cells (header, value, header, value, ...); every other cell empty. */
    public static List<Object> row(List<String> headers, Object... cells) {
        Object[] row = new Object[headers.size()];
        for (int i = 0; i < cells.length; i += 2) {
            int column = headers.indexOf((String) cells[i]);
            if (column < 0) {
                throw new IllegalArgumentException("no header " + cells[i]);
            }
            row[column] = cells[i + 1];
        }
        return Arrays.asList(row);
    }

    /**
     * A student of the sheet of {@code year} (2023 or 2024) with every cell a model needs, in that
     * year's codes, changed by {@code changes} (header, value, ...).
     */
    public static List<Object> student(int year, String ra, Object... changes) {
        Map<String, Object> cells = new LinkedHashMap<>();
        cells.put("RA", ra);
        cells.put("Fase", "FASE 3");
        cells.put("INDE " + year, 7.4);
        cells.put("Pedra " + year, "Ametista");
        cells.put("Turma", "3A");
        cells.put("Idade", 12);
        cells.put("Gênero", "Feminino");
        cells.put("Ano ingresso", 2021);
        cells.put("Pedra 22", "Ametista");
        cells.put("INDE 22", 6.1);
        cells.put("Nº Av", 3);
        cells.put("IAA", 8.5);
        cells.put("IEG", 9.1);
        cells.put("IPS", 7.52);
        cells.put("IDA", 6.3);
        cells.put("IPV", 7.9);
        cells.put("IAN", 5);
        cells.put("Defasagem", -1);
        for (int i = 0; i < changes.length; i += 2) {
            cells.put((String) changes[i], changes[i + 1]);
        }
        List<Object> flat = new ArrayList<>();
        cells.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        return row(year == 2023 ? HEADERS_2023 : HEADERS_2024, flat.toArray());
    }

    /** {@code rows} below the header of {@code year}'s sheet, as {@link Sheets#xlsx} takes them. */
    public static List<List<Object>> sheet(int year, List<List<Object>> rows) {
        List<List<Object>> all = new ArrayList<>();
        all.add(new ArrayList<>(year == 2023 ? HEADERS_2023 : HEADERS_2024));
        all.addAll(rows);
        return all;
    }
}
