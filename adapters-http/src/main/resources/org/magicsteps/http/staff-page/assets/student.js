// One student's detail, in a dialog: the prediction, the warnings, why (the contributions as a bar
// chart, with each reason in words) and every feature with its value and what it did to the chance.
// The dialog is modal: the keyboard stays inside it, Esc closes it and the focus returns to the
// row's button.

import { call } from './api.js';
import * as charts from './charts.js';
import { byId, definitions, el, fill, say } from './dom.js';
import { confidence, outcome, probability, value } from './format.js';
import { label, useDescriptions } from './labels.js';
import { withModel } from './models.js';
import { effect, logOdds } from './reasons.js';

/** What a feature did to the chance, in words; a feature without a contribution is one the model ignores. */
function featureEffect(contribution, explanation) {
  if (!explanation) {
    return '—';
  }
  return contribution ? effect(contribution) : 'o modelo não lê';
}

export function setUp() {
  byId('fechar-aluno').addEventListener('click', () => byId('aluno').close());
}

/** The chosen model's features, for the names the page has none of its own for. */
export async function loadFeatures() {
  try {
    useDescriptions(await call(withModel('/features')));
  } catch {
    useDescriptions([]);
  }
}

export function open(s, result) {
  const dialog = byId('aluno');
  byId('aluno-titulo').textContent = `Aluno ${s.student_id ?? `da linha ${s.line}`}`;
  definitions(byId('aluno-previsao'), [
    ['Probabilidade de atingir o PV', probability(s.probability)],
    ['Previsão', `${outcome(s.prediction)} (limiar ${probability(s.threshold)})`],
    ['Confiança', confidence(s.confidence)],
    ['Linha da planilha', String(s.line)],
    ['Modelo', `${result.model} (${s.model_version})`],
    ...(s.explanation ? [['Razões calculadas', s.explanation.method === 'linear'
      ? 'exatamente (o modelo é linear)' : 'por estimativa (Kernel SHAP, sobre uma amostra do treino)']] : []),
  ]);
  const warnings = byId('aluno-avisos');
  fill(warnings, s.warnings.map((w) => el('li', { text: w.message })));
  byId('aluno-avisos-bloco').hidden = s.warnings.length === 0;
  const contributions = new Map((s.explanation?.contributions ?? []).map((c) => [c.feature, c]));
  fill(byId('aluno-atributos'), Object.entries(s.features).map(([name, given]) => el('tr', {},
    el('th', { scope: 'row', text: label(name) }),
    el('td', { class: 'codigo', text: name }),
    el('td', { class: 'numero', text: value(given) }),
    el('td', { class: 'numero', text: contributions.has(name) ? logOdds(contributions.get(name).contribution) : '—' }),
    el('td', { text: featureEffect(contributions.get(name), s.explanation) }))));
  const why = byId('aluno-porque');
  if (s.explanation) {
    charts.contributions(why, s.explanation, label);
    say(byId('aluno-sem-explicacao'), '');
  } else {
    fill(why);
    say(byId('aluno-sem-explicacao'), 'O servidor não explicou esta previsão.');
  }
  dialog.showModal();
}
