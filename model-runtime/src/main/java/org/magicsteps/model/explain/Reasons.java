package org.magicsteps.model.explain;

import java.util.Locale;
import java.util.Map;

import org.magicsteps.core.domain.Contribution;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.Transform;

/**
 * The sentence in Portuguese that goes with a contribution, for the NGO's staff:
 * {@code "IPV 7,3 abaixo do típico (7,8): reduz a chance"}. Numbers are written as in Brazil
 * (decimal comma, at most two decimals); features by the names the PEDE sheet uses.
 */
final class Reasons {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("fase", "Fase"),
            Map.entry("idade", "Idade"),
            Map.entry("ano_ingresso", "Ano de ingresso"),
            Map.entry("score_inde", "INDE"),
            Map.entry("score_iaa", "IAA"),
            Map.entry("score_ieg", "IEG"),
            Map.entry("score_ips", "IPS"),
            Map.entry("score_ida", "IDA"),
            Map.entry("score_ipv", "IPV"),
            Map.entry("score_ian", "IAN"),
            Map.entry("nota_cg", "Cg"),
            Map.entry("nota_cf", "Cf"),
            Map.entry("nota_ct", "Ct"),
            Map.entry("num_avaliacoes", "Nº de avaliações"),
            Map.entry("defasagem", "Defasagem"),
            Map.entry("turma", "Turma"),
            Map.entry("genero", "Gênero"),
            Map.entry("pedra_modal", "Pedra"));

    private Reasons() {
    }

    /**
     * The sentence for a model linear in log-odds, where a value above the typical one moves the
     * chance one way and a value below it the other: {@code "IPV 7,3 abaixo do típico (7,8): reduz a chance"}.
     *
     * @param value the student's value ({@link Double} or word), or {@code null} when absent
     * @param typical the typical value of a numeric feature (its training mean), or {@code null}
     */
    static String of(FeatureDefinition feature, Object value, Double typical, double contribution) {
        return sentence(feature, value, typical, contribution, true);
    }

    /**
     * The sentence for any other model (explained by Kernel SHAP): the typical value stands beside the
     * student's, without "acima" or "abaixo", because there the side of the mean is not what moves the
     * chance (the default trees split IPV near 8.35, so an IPV of 7,6, above the mean of 7,27, still
     * lowers it, and "acima do típico: reduz a chance" would read as a contradiction):
     * {@code "IPV 7,55 (típico 7,27): reduz a chance"}.
     */
    static String besideTypical(FeatureDefinition feature, Object value, Double typical, double contribution) {
        return sentence(feature, value, typical, contribution, false);
    }

    private static String sentence(FeatureDefinition feature, Object value, Double typical, double contribution,
            boolean sideOfTypical) {
        String label = LABELS.getOrDefault(feature.name(), feature.name());
        StringBuilder text = new StringBuilder(64).append(label).append(' ');
        if (value == null) {
            text.append("sem valor");
            Object used = feature.type().isNumeric() ? feature.imputation() : feature.imputedCategory();
            if (used != null) {
                text.append(" (o modelo usa ").append(used instanceof Double d ? decimal(d) : word((String) used))
                        .append(')');
            }
        } else if (value instanceof Double number) {
            String valueText = decimal(number);
            text.append(valueText);
            if (typical != null && !sideOfTypical) {
                text.append(" (típico ").append(decimal(typical)).append(')');
            } else if (typical != null) {
                String typicalText = decimal(typical);
                String relation = number.doubleValue() == typical ? "igual ao típico"
                        : valueText.equals(typicalText) ? "perto do típico"
                        : number > typical ? "acima do típico" : "abaixo do típico";
                text.append(' ').append(relation).append(" (").append(typicalText).append(')');
            }
        } else {
            String word = (String) value;
            text.append(word(word));
            if (!known(feature, word)) {
                text.append(" (desconhecida no treino)");
            }
        }
        return text.append(": ").append(effect(contribution)).toString();
    }

    static String effect(double contribution) {
        if (Math.abs(contribution) < Contribution.NEGLIGIBLE) {
            return "quase não muda a chance";
        }
        return contribution > 0 ? "aumenta a chance" : "reduz a chance";
    }

    /** {@code 7.3} as {@code "7,3"}, {@code 350.0} as {@code "350"}, {@code -1.0} as {@code "-1"}: at most two decimals. */
    static String decimal(double value) {
        long hundredths = Math.round(Math.abs(value) * 100);
        StringBuilder text = new StringBuilder(12);
        if (value < 0 && hundredths != 0) {
            text.append('-');
        }
        text.append(hundredths / 100);
        long fraction = hundredths % 100;
        if (fraction != 0) {
            text.append(',').append(fraction / 10);
            if (fraction % 10 != 0) {
                text.append(fraction % 10);
            }
        }
        return text.toString();
    }

    /** A lower-cased word as people write it: {@code "ametista"} as {@code "Ametista"}. */
    static String word(String word) {
        if (word.isEmpty()) {
            return word;
        }
        int first = word.codePointAt(0);
        return new String(Character.toChars(Character.toUpperCase(first))) + word.substring(Character.charCount(first));
    }

    private static boolean known(FeatureDefinition feature, String word) {
        Transform t = feature.transform();
        if (t instanceof Transform.OneHot oneHot) {
            return oneHot.categories().contains(word);
        }
        if (t instanceof Transform.Ordinal ordinal) {
            return ordinal.categories().contains(word);
        }
        return feature.spec().categories().contains(word.toLowerCase(Locale.ROOT));
    }
}
