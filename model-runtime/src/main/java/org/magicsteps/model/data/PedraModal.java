package org.magicsteps.model.data;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The original pipeline's {@code pedra_modal}: the most frequent of the non-empty
 * {@code Pedra 20/21/22} values, ties going to the smallest value in code-point order of the
 * original (trimmed) spelling ({@code Ametista < Quartzo < Topázio < Ágata}), as pandas'
 * {@code mode()} sorts them.
 */
final class PedraModal {

    private PedraModal() {
    }

    /** @return the modal value as spelt in the sheet (trimmed), or {@code null} when all are empty */
    static String of(List<Object> values) {
        // A TreeMap iterates in String.compareTo order, which is code-point order for these words.
        Map<String, Integer> counts = new TreeMap<>();
        for (Object value : values) {
            if (value != null && !value.toString().isBlank()) {
                counts.merge(value.toString().strip(), 1, Integer::sum);
            }
        }
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }
}
