// The console's glue: identity per auth mode, the conversation (kept in sessionStorage), the composer with
// Enter to send and arrow up to recall, the schema panel and the theme.

import { ApiProblem, authMode, chat, schema } from './api.js';
import { h, problemView, renderMessage, renderProblem, renderReply } from './render.js';
import { renderSchema } from './schema.js';
import { emptyConversation, load, save, sentMessages } from './store.js';

const DEFAULT_DEV_IDENTITY = { user: 'console', role: 'editor', tenant: '1' };

const byId = (id) => document.getElementById(id);
const conversationList = byId('conversation');
const input = byId('message-input');
const composer = byId('composer');
const sendButton = byId('send');

let conversation = load();
let mode = 'dev';
let token = ''; // the JWT lives in this variable only
let recall = -1;
let busy = false;
let schemaLoads = 0; // the newest schema request: an older one's late answer is dropped
let schemaRetry = null; // the timer that loads the schema again once the server allows it

function identity() {
  if (mode === 'dev') {
    return { mode, ...currentDevIdentity() };
  }
  return { mode, token };
}

function currentDevIdentity() {
  return {
    user: byId('identity-user').value.trim(),
    role: byId('identity-role').value.trim(),
    tenant: byId('identity-tenant').value.trim(),
  };
}

/** Why the identity cannot be sent yet, or null when it can. */
function identityProblem() {
  if (mode === 'hmac') {
    return 'This server needs signed HMAC headers, which a browser cannot send: see the note above.';
  }
  if (mode === 'jwt') {
    return token ? null : 'Paste your bearer token (JWT) in the identity field first.';
  }
  const dev = currentDevIdentity();
  if (!dev.user || !dev.role) {
    return 'Fill in the user and the role first.';
  }
  if (!/^[0-9]+$/.test(dev.tenant)) {
    return 'The tenant is a company id: a whole number such as 1.';
  }
  return null;
}

const actions = {
  send: (text) => send(text),
  confirm: (previewId) => turn({ sessionId: conversation.sessionId, confirm: previewId }, 'Confirm'),
  cancel: () => send('cancel'),
};

function render() {
  const last = conversation.entries.length - 1;
  conversationList.replaceChildren(...conversation.entries.map((entry, index) => {
    if (entry.kind === 'message') {
      return renderMessage(entry.text);
    }
    if (entry.kind === 'problem') {
      return renderProblem(entry.problem);
    }
    return renderReply(entry.reply, actions, index === last && !busy);
  }));
}

function append(entry) {
  conversation.entries.push(entry);
  save(conversation);
  render();
  conversationList.lastElementChild?.scrollIntoView({ block: 'nearest' });
}

async function send(text) {
  const message = text.trim();
  if (!message) {
    return;
  }
  const request = conversation.sessionId ? { sessionId: conversation.sessionId, message } : { message };
  await turn(request, message);
}

async function turn(request, shown) {
  if (busy) {
    return;
  }
  const problem = identityProblem();
  if (problem) {
    append({ kind: 'message', text: shown });
    append({ kind: 'problem', problem: { title: problem } });
    return;
  }
  busy = true;
  sendButton.disabled = true;
  append({ kind: 'message', text: shown });
  try {
    const reply = await chat(identity(), request);
    conversation.sessionId = reply.sessionId ?? conversation.sessionId;
    busy = false;
    append({ kind: 'reply', reply });
  } catch (error) {
    busy = false;
    append({ kind: 'problem', problem: problemOf(error) });
  } finally {
    busy = false;
    sendButton.disabled = false;
  }
}

function problemOf(error) {
  if (error instanceof ApiProblem) {
    return error.problem;
  }
  return { title: 'The server cannot be reached. Check that TableTalk is running, then send again.' };
}

async function loadSchema() {
  const status = byId('schema-status');
  const list = byId('schema-entities');
  const problemBox = byId('schema-problem');
  const ticket = ++schemaLoads;
  clearTimeout(schemaRetry);
  if (identityProblem()) {
    status.textContent = 'Shown once the identity is complete.';
    list.replaceChildren();
    problemBox.replaceChildren();
    return;
  }
  status.textContent = 'Loading…';
  try {
    const view = await schema(identity());
    if (ticket !== schemaLoads) {
      return;
    }
    problemBox.replaceChildren();
    status.textContent = view.entities.length === 0
      ? 'This identity may use no entity.'
      : `${view.entities.length} entities. Pick one to show it.`;
    renderSchema(list, view, (text) => {
      input.value = text;
      input.focus();
    });
  } catch (error) {
    if (ticket !== schemaLoads) {
      return;
    }
    showSchemaProblem(problemOf(error));
  }
}

/**
 * A schema request the server refused (a 429, say) or could not answer: the error in the panel, never an empty
 * panel; once the server allows it again (Retry-After), the schema loads again by itself.
 */
function showSchemaProblem(problem) {
  byId('schema-entities').replaceChildren();
  byId('schema-status').textContent = 'The schema cannot be shown.';
  const retry = h('button', {
    type: 'button', class: 'secondary', 'data-testid': 'schema-retry', onClick: () => loadSchema(),
  }, 'Try again');
  byId('schema-problem').replaceChildren(problemView(problem, 'schema-error'), retry);
  if (typeof problem.retryAt === 'number') {
    schemaRetry = setTimeout(loadSchema, Math.max(0, problem.retryAt - Date.now()) + 250);
  }
}

function setUpIdentity() {
  byId('identity-dev').hidden = mode !== 'dev';
  byId('identity-jwt').hidden = mode !== 'jwt';
  byId('identity-hmac').hidden = mode !== 'hmac';
  if (mode === 'dev') {
    const stored = conversation.devIdentity ?? DEFAULT_DEV_IDENTITY;
    byId('identity-user').value = stored.user;
    byId('identity-role').value = stored.role;
    byId('identity-tenant').value = stored.tenant;
    byId('identity-dev').addEventListener('change', () => {
      conversation.devIdentity = currentDevIdentity();
      save(conversation);
      loadSchema();
    });
  }
  if (mode === 'jwt') {
    byId('identity-token').addEventListener('change', (event) => {
      token = event.target.value.trim();
      loadSchema();
    });
  }
  for (const form of document.querySelectorAll('.identity-form')) {
    form.addEventListener('submit', (event) => event.preventDefault());
  }
}

function setUpComposer() {
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = '';
    recall = -1;
    send(text);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
      return;
    }
    const history = sentMessages(conversation);
    if (event.key === 'ArrowUp' && history.length > 0 && (input.value === '' || recall >= 0)) {
      event.preventDefault();
      recall = recall < 0 ? history.length - 1 : Math.max(0, recall - 1);
      input.value = history[recall];
    } else if (event.key === 'ArrowDown' && recall >= 0) {
      event.preventDefault();
      recall += 1;
      input.value = recall < history.length ? history[recall] : '';
      if (recall >= history.length) {
        recall = -1;
      }
    }
  });
  byId('new-conversation').addEventListener('click', () => {
    const devIdentity = conversation.devIdentity;
    conversation = { ...emptyConversation(), devIdentity };
    save(conversation);
    render();
    input.focus();
  });
}

function setUpTheme() {
  const toggle = byId('theme-toggle');
  const stored = localStorage.getItem('tabletalk.console.theme');
  const preferred = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  const apply = (theme) => {
    document.documentElement.dataset.theme = theme;
    toggle.setAttribute('aria-pressed', String(theme === 'dark'));
  };
  apply(stored === 'dark' || stored === 'light' ? stored : preferred);
  toggle.addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem('tabletalk.console.theme', next);
    apply(next);
  });
}

async function start() {
  setUpTheme();
  setUpComposer();
  render();
  try {
    mode = await authMode();
  } catch (error) {
    append({ kind: 'problem', problem: problemOf(error) });
  }
  setUpIdentity();
  document.body.dataset.ready = 'true';
  await loadSchema();
}

start();
