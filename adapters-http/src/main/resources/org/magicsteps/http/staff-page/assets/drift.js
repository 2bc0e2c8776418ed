// For admins, beside a scored sheet: how its students compare with those the model was trained on,
// feature by feature (POST /sheets/drift, the same file). A feature the model reads that drifted
// majorly means its probabilities are to be read as an order of whom to look at first, not as
// calibrated chances. Anybody may press the button; the server refuses non-admins, and the page
// says so in place, as the API's detail says.

import { call, describeError } from './api.js';
import { byId, el, fill, say } from './dom.js';
import { count, psi, share } from './format.js';
import { label } from './labels.js';
import { withModel } from './models.js';

const LEVELS = { stable: 'estável', moderate: 'moderado', major: 'grave' };

let scoredFile = () => null;

/** `file`: answers the file the table on screen was scored from. */
export function setUp(file) {
  scoredFile = file;
  byId('medir-desvio').addEventListener('click', measure);
}

/** A new table (another sheet or model): its drift is not measured yet. */
export function reset() {
  byId('desvio-resultado').hidden = true;
  byId('status-desvio').textContent = '';
  say(byId('erro-desvio'), '');
}

async function measure() {
  const file = scoredFile();
  const button = byId('medir-desvio');
  const status = byId('status-desvio');
  reset();
  if (!file) {
    return;
  }
  button.disabled = true;
  status.textContent = `Comparando ${file.name} com o treino do modelo…`;
  try {
    const report = await call(withModel(`/sheets/drift?file=${encodeURIComponent(file.name)}`), {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
    });
    status.textContent = '';
    show(report, file.name);
  } catch (failure) {
    status.textContent = '';
    say(byId('erro-desvio'), describeError(failure));
  } finally {
    button.disabled = false;
  }
}

function show(report, fileName) {
  const major = report.features.filter((f) => f.read_by_model && f.level === 'major');
  byId('desvio-resumo').textContent = `${fileName}: ${count(report.rows)} alunos comparados com o treino `
    + `do modelo ${report.model} (${report.model_version}). `
    + (major.length === 0
      ? 'Nenhum atributo que o modelo lê mudou gravemente.'
      : `Atenção: ${count(major.length)} ${major.length === 1 ? 'atributo que o modelo lê mudou' : 'atributos que o modelo lê mudaram'} `
        + `gravemente (${major.map((f) => label(f.feature)).join(', ')}): leia as probabilidades desta planilha `
        + 'como uma ordem de quem olhar primeiro, não como chances exatas.');
  byId('desvio-resumo').className = major.length === 0 ? 'ok' : 'alerta';
  fill(byId('desvio-linhas'), report.features.map((f) => {
    const grave = f.level === 'major' && f.read_by_model;
    return el('tr', { class: grave ? 'grave' : null },
      el('th', { scope: 'row', text: label(f.feature) }),
      el('td', { class: 'codigo', text: f.feature }),
      el('td', { text: f.read_by_model ? 'sim' : 'não (não conta)' }),
      el('td', { class: 'numero', text: psi(f.psi) }),
      el('td', { class: f.level === 'major' ? 'inteiro nivel-grave' : 'inteiro', text: LEVELS[f.level] ?? '—' }),
      el('td', { class: 'numero', text: share(f.outside_share) }),
      el('td', { class: 'numero', text: share(f.training_missing_share) }),
      el('td', { class: 'numero', text: share(f.missing_share) }));
  }));
  byId('desvio-resultado').hidden = false;
}
