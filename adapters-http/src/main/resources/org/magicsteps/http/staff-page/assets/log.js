// The "Registro de previsões" section: GET /monitor/logs with its filters, newest first, a page at
// a time (the next page's cursor comes in X-Next-Cursor). Admins see everyone's records; anybody
// else their own, and the API refuses them another user's.

import { describeError, query, send } from './api.js';
import { byId, el, fill, say } from './dom.js';
import { confidence, count, outcome, probability, when } from './format.js';

let filters = {};
let nextCursor = null;
let shown = 0;

export function setUp() {
  byId('form-registro').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    filters = {};
    for (const [name, value] of form.entries()) {
      filters[name] = String(value).trim();
    }
    await search(false);
  });
  byId('registro-mais').addEventListener('click', () => search(true));
}

export function prepare(isAdmin, username) {
  byId('registro-escopo').textContent = isAdmin
    ? 'Como administrador, você vê as previsões de todos os usuários.'
    : `Você vê as previsões feitas com o seu usuário (${username}).`;
  fill(byId('registro-linhas'));
  say(byId('erro-registro'), '');
  byId('registro-resumo').textContent = '';
  byId('registro-mais').hidden = true;
}

async function search(more) {
  const error = byId('erro-registro');
  say(error, '');
  const params = { ...filters, cursor: more ? nextCursor : undefined };
  try {
    const response = await send(`/monitor/logs${query(params)}`);
    const records = await response.json();
    nextCursor = response.headers.get('X-Next-Cursor');
    const rows = records.map(row);
    if (more) {
      byId('registro-linhas').append(...rows);
      shown += records.length;
    } else {
      fill(byId('registro-linhas'), rows);
      shown = records.length;
    }
    byId('registro-resumo').textContent = shown === 0
      ? 'Nenhuma previsão registrada com esses filtros.'
      : `${count(shown)} ${shown === 1 ? 'previsão mostrada' : 'previsões mostradas'}${nextCursor ? '; há mais' : ''}.`;
    byId('registro-mais').hidden = !nextCursor;
  } catch (failure) {
    say(error, describeError(failure));
  }
}

function row(record) {
  return el('tr', {},
    el('td', { text: when(record.timestamp) }),
    el('td', { text: record.user }),
    el('td', { text: record.student_id }),
    el('td', { class: 'numero', text: probability(record.probability) }),
    el('td', { text: outcome(record.prediction) }),
    el('td', { text: confidence(record.confidence) }),
    el('td', { class: 'numero', text: probability(record.threshold) }),
    el('td', { text: record.model_version }),
    el('td', { text: record.batch_id ?? '—' }));
}
