package org.magicsteps.http;

import java.util.List;

/**
 * One row of the bad-input table: a kind of bad input, the documented route it is sent to, the
 * request, and what the server must answer.
 *
 * @param kind what is wrong with the input, the same words for every route it applies to
 * @param route the documented operation, {@code METHOD /path/{template}}
 * @param where the field or header it is put in, for the test's name ({@code ""} for the whole request)
 * @param request the request as sent
 * @param expected what the answer must be
 */
record BadInputCase(String kind, String route, String where, BadRequest request, Expected expected) {

    /**
     * What the server must answer.
     *
     * @param outcome refused, accepted, or either of the two named
     * @param mentions what the refusal's {@code detail} (or, when accepted with warnings, the
     *     warnings) must name, any one of them, ignoring case; empty: any non-blank detail
     * @param statuses the only statuses allowed for a refusal; empty: any 4xx
     */
    record Expected(Outcome outcome, List<String> mentions, List<Integer> statuses) {

        static Expected refused(String... mentions) {
            return new Expected(Outcome.REFUSED, List.of(mentions), List.of());
        }

        static Expected refusedWith(int status, String... mentions) {
            return new Expected(Outcome.REFUSED, List.of(mentions), List.of(status));
        }

        /** A valid input that looks suspicious: answered, and logged exactly once per prediction. */
        static Expected accepted() {
            return new Expected(Outcome.ACCEPTED, List.of(), List.of());
        }

        /** Answered, with a warning that names it (an unknown feature: ignored and named, as issue 9 decided). */
        static Expected warned(String... mentions) {
            return new Expected(Outcome.WARNED, List.of(mentions), List.of());
        }

        /** Refused naming the field, or answered: a value some models take as "unknown". */
        static Expected refusedOrAccepted(String... mentions) {
            return new Expected(Outcome.REFUSED_OR_ACCEPTED, List.of(mentions), List.of());
        }
    }

    enum Outcome { REFUSED, ACCEPTED, WARNED, REFUSED_OR_ACCEPTED }

    @Override
    public String toString() {
        return kind + (where.isEmpty() ? "" : " [" + where + "]") + " → " + route;
    }
}
