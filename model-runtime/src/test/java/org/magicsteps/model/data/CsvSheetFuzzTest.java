package org.magicsteps.model.data;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the PEDE sheet reader on CSV files, from a few sheets as the NGO's exports look (our
 * headers and the NGO's, a BOM, semicolons and decimal commas, quotes, blank lines): see
 * {@link SheetFuzzing} for what is checked.
 */
class CsvSheetFuzzTest {

    static Stream<byte[]> sheets() {
        String ours = "student_id,fase,idade,ano_ingresso,score_inde,score_iaa,score_ieg,score_ips,score_ida,score_ipv,"
                + "score_ian,nota_cg,nota_cf,nota_ct,num_avaliacoes,defasagem,turma,genero,pedra_modal,Atingiu PV\n"
                + "RA-1,3,12,2020,7.1,8.3,7.9,6.9,6.2,7.3,10,350,70,10,4,-1,B,Menina,Ametista,Sim\n"
                + "\n"
                + "\"RA,2\",2,11,2019,6.0,7.0,7.0,6.0,5.0,6.0,5,400,80,12,3,0,A,Menino,Quartzo,Não\n";
        String brazilian = "\uFEFFRA;Fase;Idade 22;Ano ingresso;INDE 22;IAA;IEG;IPS;IDA;IPV;IAN;Cg;Cf;Ct;Nº Av;"
                + "Defas;Turma;Gênero;Pedra 22;Atingiu PV\r\n"
                + "RA-3;3;12;2020;7,1;8,3;7,9;6,9;6,2;7,3;10;350;70;10;4;-1;B;Menina;Ametista;Sim\r\n";
        return Stream.of(ours, brazilian, "student_id,fase\n", "").map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @MethodSource("sheets")
    @FuzzTest
    void anyCsvIsReadOrRefusedWithASheetException(byte[] content) {
        SheetFuzzing.readOrRefuse(content, ".csv");
    }
}
