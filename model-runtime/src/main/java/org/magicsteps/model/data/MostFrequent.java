package org.magicsteps.model.data;

import java.util.Map;
import java.util.TreeMap;

/**
 * The most frequent of some words, a tie going to the word first in code-point order, so that the
 * result does not depend on the order the words come in. It is the PEDE sheets' rule for the modal
 * stone ({@code Ametista < Quartzo < Topázio < Ágata}, as pandas' {@code mode()} sorts them) and
 * training's for the word that stands in for a missing one.
 */
public final class MostFrequent {

    private MostFrequent() {
    }

    /** @return the most frequent word, or {@code null} when there is none */
    public static String of(Iterable<String> words) {
        // A TreeMap iterates in String.compareTo order, which is code-point order for these words.
        Map<String, Integer> counts = new TreeMap<>();
        words.forEach(w -> counts.merge(w, 1, Integer::sum));
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
