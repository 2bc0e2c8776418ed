// The staff page: sign in, then the sections, one at a time, chosen by the address's fragment
// (#planilha, #modelo, #registro), so that the browser's back button and bookmarks work and every link is
// reachable with the keyboard.

import { claims, describeError, signIn, signOut, signedIn, whenSignedOut } from './api.js';
import { byId, say } from './dom.js';
import * as log from './log.js';
import * as model from './model.js';
import * as models from './models.js';
import * as sheet from './sheet.js';
import * as student from './student.js';

const SECTIONS = ['planilha', 'modelo', 'registro'];
const FIRST = 'planilha';

let isAdmin = false;

function start() {
  models.setUp();
  model.setUp();
  log.setUp();
  sheet.setUp();
  models.onChange(async () => {
    await Promise.all([model.load(isAdmin), student.loadFeatures()]);
    await sheet.modelChanged();
  });
  byId('form-entrar').addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = event.target.querySelector('button');
    const error = byId('erro-entrar');
    say(error, '');
    button.disabled = true;
    try {
      await signIn(byId('usuario').value, byId('senha').value);
      byId('senha').value = '';
      await enter();
    } catch (failure) {
      say(error, describeError(failure));
    } finally {
      button.disabled = false;
    }
  });
  byId('sair').addEventListener('click', () => {
    signOut();
    leave('');
  });
  whenSignedOut((error) => leave(`Sua sessão terminou; entre de novo. ${error.describe()}`));
  window.addEventListener('hashchange', () => show(true));
  if (signedIn()) {
    enter();
  } else {
    signOut();
    leave('');
  }
}

async function enter() {
  const who = claims();
  isAdmin = who.role === 'admin';
  byId('entrar').hidden = true;
  byId('aplicacao').hidden = false;
  byId('sessao').hidden = false;
  byId('quem').textContent = `${who.sub} (${isAdmin ? 'administrador' : 'usuário'})`;
  log.prepare(isAdmin, who.sub);
  show(true);
  await models.load();
  await Promise.all([model.load(isAdmin), student.loadFeatures()]);
}

function leave(message) {
  byId('aplicacao').hidden = true;
  byId('sessao').hidden = true;
  byId('entrar').hidden = false;
  say(byId('erro-entrar'), message);
  byId('usuario').focus();
}

/** Shows the section the address names; `focus` moves the keyboard to its heading, as a new page would. */
function show(focus) {
  const wanted = window.location.hash.slice(1);
  const current = SECTIONS.includes(wanted) ? wanted : FIRST;
  for (const name of SECTIONS) {
    byId(name).hidden = name !== current;
  }
  if (focus && !byId('aplicacao').hidden) {
    byId(`titulo-${current}`).focus();
  }
  for (const link of document.querySelectorAll('.abas a')) {
    if (link.dataset.secao === current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

start();
