package org.magicsteps.model.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The original pipeline's {@code pedra_modal}, generalised to every year: the most frequent of the
 * sheet year's stone and the two years' before it ({@code Pedra 20/21/22} in 2022,
 * {@code Pedra 2023/22/21} in 2023), ties going to the smallest value in code-point order of the
 * spelling ({@code Ametista < Quartzo < Topázio < Ágata}), as pandas' {@code mode()} sorts them.
 * Stones are compared without accents ({@code Agata} is {@code Ágata}); a placeholder such as
 * {@code INCLUIR} or an error cell counts as empty.
 */
final class PedraModal {

    private PedraModal() {
    }

    /** @return the modal stone in its own spelling ({@code Ágata}), or {@code null} when all are empty */
    static String of(List<Object> values) {
        List<String> stones = new ArrayList<>(values.size());
        for (Object value : values) {
            Object cell = PedeValues.stone(value);
            if (cell != null) {
                stones.add(cell.toString());
            }
        }
        return MostFrequent.of(stones);
    }
}
