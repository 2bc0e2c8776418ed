// The "Modelo e limiar" section: what model answers, the threshold in force and what it means on
// the model's held-out students, and for admins the control to change it and its audit trail.

import { call, describeError, query } from './api.js';
import { byId, definitions, el, fill, say } from './dom.js';
import { count, probability, share, when } from './format.js';
import { withModel } from './models.js';

let heldOut = null;
let listeners = [];

/** Called with the threshold in force each time it is read or changed. */
export function onThreshold(listener) {
  listeners.push(listener);
}

export function setUp() {
  const form = byId('form-limiar');
  const input = byId('novo-limiar');
  input.addEventListener('input', () => preview(input.value));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await change(input.value);
  });
}

export async function load(isAdmin) {
  say(byId('erro-modelo'), '');
  byId('form-limiar').hidden = !isAdmin;
  byId('limiar-so-admin').hidden = isAdmin;
  byId('historico').hidden = !isAdmin;
  try {
    const [info, threshold] = await Promise.all([call(withModel('/info')), call(withModel('/thresholds'))]);
    heldOut = info.held_out ?? null;
    showModel(info);
    showThreshold(threshold);
  } catch (error) {
    say(byId('erro-modelo'), describeError(error));
  }
  if (isAdmin) {
    await loadHistory();
  }
}

function showModel(info) {
  const pairs = [
    ['Nome', info.model_name],
    ['Versão', info.model_version],
    ['Tipo', info.model_class],
    ['Atributos que lê', count(info.n_features)],
    ['Treinado em', when(info.created_at)],
  ];
  if (heldOut) {
    pairs.push(['Avaliado em', `${count(heldOut.students)} alunos que o treino não viu (conjunto de teste), `
      + `dos quais ${count(heldOut.positives)} atingiram o PV`]);
  }
  definitions(byId('modelo-dados'), pairs);
}

function showThreshold(setting) {
  definitions(byId('limiar-dados'), [
    ['Limiar em vigor', probability(setting.threshold)],
    ['Definido por', setting.updated_by],
    ['Em', when(setting.updated_at)],
  ]);
  byId('novo-limiar').value = String(setting.threshold);
  fill(byId('limiar-significado'), meaning(setting.threshold, 'Com este limiar'));
  say(byId('previa-limiar'), '');
  listeners.forEach((listener) => listener(setting.threshold));
}

/**
 * Precision and recall at `threshold` on the held-out students: the operating point whose
 * threshold is the smallest at or above it (a student is flagged when p ≥ threshold).
 */
export function atThreshold(threshold) {
  if (!heldOut) {
    return null;
  }
  let chosen = { flagged: 0, true_positives: 0 };
  for (const point of heldOut.operating_points) {
    if (point.threshold >= threshold && (chosen.threshold === undefined || point.threshold < chosen.threshold)) {
      chosen = point;
    }
  }
  return {
    flagged: chosen.flagged,
    precision: chosen.flagged === 0 ? null : chosen.true_positives / chosen.flagged,
    recall: heldOut.positives === 0 ? null : chosen.true_positives / heldOut.positives,
  };
}

function meaning(threshold, opening) {
  const at = atThreshold(threshold);
  if (!at) {
    return 'Este modelo não traz medições num conjunto de alunos separado do treino; '
      + 'não há como dizer aqui o que o limiar significa em acertos.';
  }
  return [
    `${opening} (${probability(threshold)}), entre os ${count(heldOut.students)} alunos do conjunto de teste, `,
    `${count(at.flagged)} seriam previstos como "atinge o PV". `,
    el('strong', { text: `Precisão ${share(at.precision)}` }),
    ': dos previstos, quantos de fato atingiram. ',
    el('strong', { text: `Revocação ${share(at.recall)}` }),
    ': dos que atingiram, quantos foram previstos.',
  ];
}

function preview(text) {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    say(byId('previa-limiar'), '');
    return;
  }
  fill(byId('previa-limiar'), meaning(value, 'Com o novo limiar'));
  byId('previa-limiar').hidden = false;
}

async function change(text) {
  const error = byId('erro-limiar');
  const done = byId('ok-limiar');
  say(error, '');
  say(done, '');
  // The text goes as it was typed (a number when it reads as one): the API says what is wrong with it.
  const value = text.trim() === '' ? null : Number(text);
  try {
    const setting = await call(withModel('/thresholds'), { method: 'PUT', json: { threshold: Number.isNaN(value) ? text : value } });
    showThreshold(setting);
    say(done, `Limiar alterado para ${probability(setting.threshold)}.`);
    await loadHistory();
  } catch (failure) {
    say(error, describeError(failure));
  }
}

async function loadHistory() {
  const error = byId('erro-historico');
  say(error, '');
  try {
    const history = await call(`/thresholds/history${query({ limit: 50 })}`);
    fill(byId('historico-linhas'), history.map((entry) => el('tr', {},
      el('td', { text: when(entry.updated_at) }),
      el('td', { class: 'numero', text: probability(entry.threshold) }),
      el('td', { text: entry.updated_by }),
      el('td', { text: entry.model_version }))));
  } catch (failure) {
    say(error, describeError(failure));
  }
}
