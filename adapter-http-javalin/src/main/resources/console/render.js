// Renders each reply by kind: rows as a sortable table, aggregates with a bar chart, previews as before -> after
// diffs with Confirm and Cancel, missing fields, clarifying choices, refusals and errors. Every value from the
// database or a person is set as text (textContent), never parsed as HTML.

import { barChart } from './chart.js';

/** A new element with these attributes and children (strings become text nodes). */
export function h(name, attributes = {}, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (key === 'onClick') {
      node.addEventListener('click', value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** The person's message as it appears in the conversation. */
export function renderMessage(text) {
  return h('li', { class: 'turn turn-person' }, h('p', { class: 'speaker' }, 'You'), h('p', { class: 'said' }, text));
}

/**
 * A reply of the server.
 *
 * @param reply the reply JSON of POST /chat
 * @param actions send(text), confirm(previewId) and cancel(), called by the reply's buttons
 * @param live whether the reply's buttons still act (the newest reply) or are history
 */
export function renderReply(reply, actions, live) {
  const item = h('li', { class: 'turn turn-reply', 'data-testid': 'reply', 'data-stage': reply.stage ?? '' });
  item.append(h('p', { class: 'speaker' }, 'TableTalk'));
  if (reply.text) {
    item.append(h('p', { class: 'said' }, reply.text));
  }
  if (reply.interpretation) {
    item.append(h('p', { class: 'note interpretation' }, reply.interpretation));
  }
  if (Array.isArray(reply.rows)) {
    item.append(rowsView(reply, actions, live));
  }
  if (Array.isArray(reply.missing) && reply.missing.length > 0) {
    item.append(missingView(reply.missing));
  }
  if (reply.question) {
    item.append(questionView(reply.question, actions, live));
  }
  if (reply.preview) {
    item.append(previewView(reply.preview, actions, live && reply.stage === 'PREVIEW'));
  }
  if (reply.refusal) {
    item.append(h('div', { class: 'refusal', 'data-testid': 'refusal', role: 'note' },
        h('strong', {}, 'Refused: '), reply.refusal.message ?? '',
        h('span', { class: 'code' }, ` (${reply.refusal.code})`)));
  }
  if (reply.error) {
    item.append(errorView(reply.error.message, reply.error.errorId));
  }
  return item;
}

/** A request the server refused or could not answer (a problem document, or no answer at all). */
export function renderProblem(problem) {
  return h('li', { class: 'turn turn-reply', 'data-testid': 'reply' },
      h('p', { class: 'speaker' }, 'TableTalk'),
      problemView(problem));
}

/**
 * A problem as the console shows it, in the conversation and in the schema panel: its title and detail, its error
 * id and, when the server said when to try again (Retry-After, as on a 429), the time it allows it.
 *
 * @param problem a problem document with the status and retryAt of api.js
 * @param testId the data-testid of the shown error
 */
export function problemView(problem, testId = 'error') {
  const title = typeof problem.title === 'string' ? problem.title : '';
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  const message = title && detail && !detail.startsWith(title)
    ? `${title}: ${detail}`
    : detail || title || 'The request failed.';
  const view = errorView(message, problem.errorId, testId);
  if (typeof problem.retryAt === 'number') {
    view.append(h('span', { class: 'retry', 'data-testid': 'retry-after' },
        ` Allowed again at ${new Date(problem.retryAt).toLocaleTimeString()}.`));
  } else if (problem.status === 429) {
    view.append(h('span', { class: 'retry', 'data-testid': 'retry-after' }, ' Wait a moment, then try again.'));
  }
  return view;
}

function errorView(message, errorId, testId = 'error') {
  return h('div', { class: 'error', 'data-testid': testId, role: 'alert' },
      h('strong', {}, 'Error: '), message,
      errorId ? h('span', { class: 'code' }, ` (error id ${errorId})`) : null);
}

function rowsView(reply, actions, live) {
  const rows = reply.rows;
  const box = h('div', { class: 'rows' });
  if (rows.length === 0) {
    box.append(h('p', { class: 'note' }, 'No rows.'));
    return box;
  }
  const chart = barChart(rows, reply.interpretation || 'Result');
  if (chart) {
    box.append(chart);
  }
  box.append(sortableTable(rows));
  if (reply.trimmed) {
    box.append(h('p', { class: 'note' },
        `Shortened to fit: ${reply.trimmed.rowsOmitted} rows left out, ${reply.trimmed.cellsTruncated} values cut.`));
  }
  if (reply.more) {
    box.append(h('button', {
      type: 'button', class: 'secondary', 'data-testid': 'show-more', disabled: !live,
      onClick: () => actions.send('show more'),
    }, 'Show more'));
  }
  return box;
}

function sortableTable(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const table = h('table', { class: 'data', 'data-testid': 'rows-table' });
  const body = h('tbody');
  const headers = columns.map((column) => {
    const button = h('button', { type: 'button', class: 'sort' }, column);
    const cell = h('th', { scope: 'col', 'aria-sort': 'none', class: numericColumn(rows, column) ? 'num' : null },
        button);
    button.addEventListener('click', () => sortBy(column, cell));
    return cell;
  });
  const fill = (ordered) => {
    body.replaceChildren(...ordered.map((row) => h('tr', {}, ...columns.map((column) => valueCell(row[column])))));
  };
  const sortBy = (column, cell) => {
    const ascending = cell.getAttribute('aria-sort') !== 'ascending';
    headers.forEach((header) => header.setAttribute('aria-sort', 'none'));
    cell.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const ordered = [...rows].sort((a, b) => compare(a[column], b[column]) * (ascending ? 1 : -1));
    fill(ordered);
  };
  table.append(h('thead', {}, h('tr', {}, ...headers)), body);
  fill(rows);
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Rows' }, table);
}

function valueCell(value) {
  const cell = h('td', { class: typeof value === 'number' ? 'num' : null });
  cell.append(valueText(value));
  return cell;
}

/** A value as text: null marked as such, a value cut to the cell limit with its full length. */
function valueText(value) {
  if (value === null || value === undefined) {
    return h('span', { class: 'null' }, 'null');
  }
  if (typeof value === 'object' && value.truncated === true) {
    return h('span', { title: `${value.length} characters` }, `${value.text}… (${value.length} characters)`);
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

function compare(a, b) {
  if (a === b) {
    return 0;
  }
  if (a === null || a === undefined) {
    return 1; // nulls last
  }
  if (b === null || b === undefined) {
    return -1;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(sortable(a)).localeCompare(String(sortable(b)), undefined, { numeric: true });
}

function sortable(value) {
  return typeof value === 'object' && value.truncated ? value.text : value;
}

function numericColumn(rows, column) {
  return rows.some((row) => typeof row[column] === 'number');
}

function missingView(missing) {
  return h('div', { class: 'missing' },
      h('p', {}, 'Still needed:'),
      h('ul', {}, ...missing.map((field) => h('li', { 'data-testid': 'missing-field' },
          h('strong', {}, field.field),
          field.type ? ` (${field.type.toLowerCase()}${field.required === false ? ', optional' : ''})` : '',
          Array.isArray(field.allowed) ? `: one of ${field.allowed.join(', ')}` : ''))));
}

function questionView(question, actions, live) {
  return h('div', { class: 'question', role: 'group', 'aria-label': 'Choices' },
      h('p', {}, question.text),
      h('ul', { class: 'choices' }, ...question.choices.map((choice) => h('li', {},
          h('button', {
            type: 'button', class: 'secondary', 'data-testid': 'choice', disabled: !live,
            onClick: () => actions.send(String(choice.n)),
          }, `${choice.n}. ${choice.label}`),
          choice.value ? h('span', { class: 'note' }, ` ${choice.value}`) : null))));
}

function previewView(preview, actions, live) {
  const changes = preview.changes ?? [];
  const verb = preview.intent === 'create' ? 'Create' : 'Update';
  const count = `${preview.rowCount} ${preview.rowCount === 1 ? 'row' : 'rows'}`;
  const section = h('section', { class: 'preview', 'data-testid': 'preview', 'aria-label': `Preview: ${verb}` },
      h('h3', {}, `${verb} ${preview.entity}: ${count}`));
  const changed = new Set(preview.changedColumns ?? []);
  for (const change of changes) {
    section.append(diffTable(change, changed));
  }
  const confirm = h('button', { type: 'button', class: 'primary', 'data-testid': 'confirm-button', disabled: !live },
      'Confirm');
  const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'cancel-button', disabled: !live },
      'Cancel');
  const settle = () => {
    confirm.disabled = true;
    cancel.disabled = true;
  };
  confirm.addEventListener('click', () => {
    settle();
    actions.confirm(preview.previewId);
  });
  cancel.addEventListener('click', () => {
    settle();
    actions.cancel();
  });
  section.append(h('div', { class: 'actions' }, confirm, cancel));
  if (live && preview.expiresAt) {
    section.append(h('p', { class: 'note' }, `Confirm before ${new Date(preview.expiresAt).toLocaleTimeString()}.`));
  }
  return section;
}

function diffTable(change, changed) {
  const before = change.before;
  const after = change.after ?? {};
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  const key = change.key ? Object.entries(change.key).map(([k, v]) => `${k} ${v}`).join(', ') : 'new row';
  const table = h('table', { class: 'data diff' },
      h('caption', {}, key),
      h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Field'),
          before ? h('th', { scope: 'col' }, 'Before') : null,
          h('th', { scope: 'col' }, before ? 'After' : 'Value'))));
  const body = h('tbody');
  for (const field of fields) {
    const isChanged = before !== null && before !== undefined
        && (changed.has(field) || JSON.stringify(before[field]) !== JSON.stringify(after[field]));
    const row = h('tr', { class: isChanged ? 'changed' : null },
        h('th', { scope: 'row' }, field, isChanged ? h('span', { class: 'visually-hidden' }, ' (changed)') : null),
        before ? valueCell(before[field]) : null,
        valueCell(after[field]));
    body.append(row);
  }
  table.append(body);
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': `Preview of ${key}` }, table);
}
