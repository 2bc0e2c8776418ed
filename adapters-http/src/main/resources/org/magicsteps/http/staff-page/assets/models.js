// The model the page works with, chosen from those the server serves (GET /models). Every route
// that takes ?model= gets the chosen one's name; the default model needs none.

import { call, describeError } from './api.js';
import { byId, el, fill, say } from './dom.js';
import { probability } from './format.js';

let served = [];
let chosen = null;
const listeners = [];

/** Called with the chosen model's description each time the choice changes. */
export function onChange(listener) {
  listeners.push(listener);
}

export function setUp() {
  byId('modelo-escolhido').addEventListener('change', (event) => {
    chosen = served.find((model) => model.name === event.target.value) ?? null;
    listeners.forEach((listener) => listener(chosen));
  });
}

/** Lists the models served and keeps the choice when it is still served (else the default). */
export async function load() {
  say(byId('erro-modelos'), '');
  try {
    served = await call('/models');
  } catch (error) {
    served = [];
    say(byId('erro-modelos'), describeError(error));
  }
  const previous = chosen?.name;
  chosen = served.find((model) => model.name === previous) ?? served.find((model) => model.is_default) ?? null;
  fill(byId('modelo-escolhido'), served.map((model) => el('option', {
    value: model.name,
    selected: model === chosen,
    text: `${model.name}${model.is_default ? ' (padrão)' : ''} — ${model.model_class}, limiar ${probability(model.threshold)}`,
  })));
  return chosen;
}

/** `path` with ?model= (or &model=) naming the chosen model, unless it is the default. */
export function withModel(path) {
  if (!chosen || chosen.is_default) {
    return path;
  }
  return `${path}${path.includes('?') ? '&' : '?'}model=${encodeURIComponent(chosen.name)}`;
}

export function current() {
  return chosen;
}
