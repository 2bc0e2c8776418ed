// A prediction's reasons, from its explanation: the strongest contributions, leaving out those that
// almost do not change the chance, exactly as `magic-steps score --explain` chooses its reason_1..3.

/** How many reasons the table and the CSV show (score --explain's REASONS). */
export const TOP_REASONS = 3;

/**
 * Below this many log-odds, either way, a feature "almost does not change" the chance and is no
 * reason (core's Contribution.NEGLIGIBLE; StaffPageTest keeps the two equal).
 */
export const NEGLIGIBLE = 0.01;

const logOddsFormat = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 3, signDisplay: 'exceptZero' });

export function negligible(contribution) {
  return Math.abs(contribution.contribution) < NEGLIGIBLE;
}

/** What a contribution does to the chance of reaching the PV, in the words of the reasons. */
export function effect(contribution) {
  if (negligible(contribution)) {
    return 'quase não muda a chance';
  }
  return contribution.contribution > 0 ? 'aumenta a chance' : 'reduz a chance';
}

/** A contribution in log-odds as Brazilians write it, signed: +0,42, −1,2. */
export function logOdds(value) {
  return logOddsFormat.format(value);
}

/** Up to TOP_REASONS sentences, strongest first; none without an explanation. */
export function topReasons(student) {
  return reasonColumns(student).filter((reason) => reason !== '');
}

/** Exactly TOP_REASONS cells, as score --explain writes them: empty where there is no reason. */
export function reasonColumns(student) {
  const strongest = student.explanation ? student.explanation.contributions.slice(0, TOP_REASONS) : [];
  return Array.from({ length: TOP_REASONS },
    (_, i) => (i < strongest.length && !negligible(strongest[i]) ? strongest[i].reason : ''));
}
