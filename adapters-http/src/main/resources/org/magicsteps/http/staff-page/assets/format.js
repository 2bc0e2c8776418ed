// Numbers, dates and labels as a Brazilian reader expects them.

const decimal = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat('pt-BR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('pt-BR');
const plain = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 3 });
const moment = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'medium' });

export function probability(value) {
  return value === null || value === undefined ? '—' : decimal.format(value);
}

/** A population stability index as the command line prints it: three decimals (0,031). */
export function psi(value) {
  return value === null || value === undefined ? '—' : decimal.format(value);
}

export function share(value) {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : percent.format(value);
}

export function count(value) {
  return whole.format(value);
}

export function when(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : moment.format(date);
}

/** The prediction's class in words. */
export function outcome(predictedClass) {
  return predictedClass === 1 ? 'Atinge o PV' : 'Não atinge';
}

/** The API's confidence labels (alta, média, baixa) are already Portuguese. */
export function confidence(label) {
  return label ?? '—';
}

/** A feature's value: a number as Brazilians write it (6,903), a word as it is. */
export function value(given) {
  if (given === null || given === undefined) {
    return '—';
  }
  return typeof given === 'number' ? plain.format(given) : String(given);
}
