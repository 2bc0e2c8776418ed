// The "Planilha" section: upload a PEDE sheet (POST /sheets/score?explain=true), then the ranked
// table of its students — furthest from the Ponto de Virada first, each with its top reasons — with
// filters, search by RA, sorting by any column, the CSV of what is shown, the rows the server
// refused and why, two charts, and for admins the sheet's drift from the model's training data.
//
// Every upload is explained: the reasons are why the page exists. It costs microseconds a student
// with a linear model and a few milliseconds with the default trees (Kernel SHAP): about 3 s for a
// sheet of 1,000 students, measured in the README.

import { call, describeError } from './api.js';
import * as charts from './charts.js';
import { download, tableCsv } from './csv.js';
import * as drift from './drift.js';
import { byId, el, fill, say } from './dom.js';
import { confidence, count, outcome, probability } from './format.js';
import { withModel } from './models.js';
import { topReasons } from './reasons.js';
import * as student from './student.js';

const COLUMNS = [
  { key: 'student_id', title: 'RA', value: (s) => s.student_id ?? '' },
  { key: 'phase', title: 'Fase', value: (s) => s.phase ?? -1 },
  { key: 'class', title: 'Turma', value: (s) => s.class_name ?? '' },
  { key: 'probability', title: 'Probabilidade', value: (s) => s.probability, numeric: true },
  { key: 'prediction', title: 'Previsão', value: (s) => s.prediction },
  { key: 'confidence', title: 'Confiança', value: (s) => ['baixa', 'média', 'alta'].indexOf(s.confidence) },
  { key: 'warnings', title: 'Avisos', value: (s) => s.warnings.length, numeric: true },
  { key: 'reasons', title: 'Principais razões', value: (s) => topReasons(s).join('; ') },
];
let result = null;
/** The file `result` was scored from: the one the drift is measured on, whatever the input holds since. */
let scoredFile = null;
let sortKey = 'probability';
let ascending = true;

export function setUp() {
  byId('form-planilha').addEventListener('submit', async (event) => {
    event.preventDefault();
    await upload();
  });
  for (const id of ['filtro-fase', 'filtro-turma', 'filtro-previsao']) {
    byId(id).addEventListener('change', render);
  }
  byId('busca-ra').addEventListener('input', render);
  byId('baixar-csv').addEventListener('click', () => {
    download(tableCsv(visible()), `${baseName(result.file)}-previsoes.csv`);
  });
  student.setUp();
  drift.setUp(() => scoredFile);
}

/** Another model was chosen: a sheet on screen is scored again with it, so that no table mixes two models. */
export async function modelChanged() {
  if (result && byId('planilha-arquivo').files[0]) {
    await upload();
  }
}

/** The phase as the NGO names it: ALFA is phase 0. */
export function phaseName(phase) {
  if (phase === null || phase === undefined || phase < 0) {
    return '—';
  }
  return phase === 0 ? 'ALFA' : `Fase ${phase}`;
}

async function upload() {
  const error = byId('erro-planilha');
  const status = byId('status-planilha');
  say(error, '');
  const file = byId('planilha-arquivo').files[0];
  if (!file) {
    say(error, 'Escolha um arquivo XLSX ou CSV da planilha PEDE.');
    return;
  }
  const button = byId('form-planilha').querySelector('button');
  button.disabled = true;
  status.textContent = `Pontuando e explicando ${file.name}… (uns segundos para mil alunos)`;
  try {
    result = await call(withModel(`/sheets/score?explain=true&file=${encodeURIComponent(file.name)}`), {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
    });
    scoredFile = file;
    status.textContent = '';
    show();
  } catch (failure) {
    status.textContent = '';
    say(error, describeError(failure));
  } finally {
    button.disabled = false;
  }
}

function show() {
  const { summary } = result;
  byId('resultado-planilha').hidden = false;
  byId('resumo-planilha').textContent = `${result.file} (${result.layout}): ${count(summary.rows)} linhas, `
    + `${count(summary.scored)} pontuadas, ${count(summary.rejected)} recusadas, ${count(summary.flagged)} com avisos. `
    + `Modelo ${result.model} (${result.model_version}), limiar ${probability(result.threshold)}.`;
  options('filtro-fase', [...new Set(result.students.map((s) => s.phase))].sort((a, b) => (a ?? -1) - (b ?? -1)),
    phaseName);
  options('filtro-turma', [...new Set(result.students.map((s) => s.class_name).filter((c) => c))].sort(),
    (c) => c.toUpperCase());
  byId('busca-ra').value = '';
  byId('filtro-previsao').value = '';
  showRejected();
  charts.distribution(byId('grafico-distribuicao-area'), result.students, result.threshold);
  charts.perPhase(byId('grafico-fases-area'), result.students, phaseName);
  drift.reset();
  render();
}

function options(id, values, label) {
  fill(byId(id), el('option', { value: '', text: 'Todas' }),
    values.map((value) => el('option', { value: String(value ?? ''), text: label(value) })));
}

function showRejected() {
  const rejected = result.rejected;
  byId('recusadas').hidden = rejected.length === 0;
  byId('recusadas-titulo').textContent = `Linhas recusadas (${count(rejected.length)})`;
  fill(byId('recusadas-linhas'), rejected.map((row) => el('tr', {},
    el('td', { class: 'numero', text: row.line }),
    el('td', { text: row.student_id ?? '—' }),
    el('td', {}, el('ul', { class: 'motivos' }, row.reasons.map((reason) => el('li', { text: reason })))))));
}

/** The students the filters and the search let through, in the chosen order. */
function visible() {
  const phase = byId('filtro-fase').value;
  const group = byId('filtro-turma').value;
  const predicted = byId('filtro-previsao').value;
  const search = byId('busca-ra').value.trim().toLowerCase();
  const column = COLUMNS.find((c) => c.key === sortKey);
  return result.students
    .filter((s) => phase === '' || String(s.phase ?? '') === phase)
    .filter((s) => group === '' || s.class_name === group)
    .filter((s) => predicted === '' || String(s.prediction) === predicted)
    .filter((s) => search === '' || (s.student_id ?? '').toLowerCase().includes(search))
    .sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === 'string' ? x.localeCompare(y, 'pt-BR', { numeric: true }) : x - y;
      return (ascending ? order : -order) || a.line - b.line;
    });
}

function render() {
  const rows = visible();
  fill(byId('cabecalho-alunos'), COLUMNS.map((column) => {
    const sorted = column.key === sortKey;
    return el('th', { scope: 'col', class: column.numeric ? 'numero' : null,
      'aria-sort': sorted ? (ascending ? 'ascending' : 'descending') : 'none' },
    el('button', {
      type: 'button',
      class: 'ordenar',
      'data-coluna': column.key,
      onclick: () => {
        ascending = sorted ? !ascending : true;
        sortKey = column.key;
        render();
        document.querySelector(`button[data-coluna="${column.key}"]`).focus();
      },
    }, column.title, el('span', { 'aria-hidden': 'true', text: sorted ? (ascending ? ' ▲' : ' ▼') : '' })));
  }));
  fill(byId('linhas-alunos'), rows.map((s) => el('tr', {},
    el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => student.open(s, result) },
      s.student_id ?? `linha ${s.line}`)),
    el('td', { class: 'inteiro', text: phaseName(s.phase) }),
    el('td', { text: s.class_name ? s.class_name.toUpperCase() : '—' }),
    el('td', { class: 'numero', text: probability(s.probability) }),
    el('td', { class: s.prediction === 1 ? 'previsto' : 'nao-previsto', text: outcome(s.prediction) }),
    el('td', { text: confidence(s.confidence) }),
    el('td', { class: s.warnings.length ? 'numero avisos' : 'numero', text: count(s.warnings.length),
      title: s.warnings.map((w) => w.message).join('\n') || null }),
    el('td', {}, topReasons(s).length === 0 ? '—'
      : el('ul', { class: 'motivos' }, topReasons(s).map((reason) => el('li', { text: reason })))))));
  byId('contagem-alunos').textContent = rows.length === result.students.length
    ? `${count(rows.length)} alunos.`
    : `${count(rows.length)} de ${count(result.students.length)} alunos.`;
}

function baseName(file) {
  return file.replace(/\.[^.]*$/, '') || 'planilha';
}
