// The schema panel: the entities this identity may use (hidden ones never reach the console), their fields and
// what each may do. Clicking an entity fills "show <entity>" into the message box.

import { h } from './render.js';

const ROLE_LABELS = {
  primary_key: 'key',
  create_required: 'required on add',
  create_optional: 'optional on add',
  read: 'read',
  filter: 'filter',
  update: 'change',
  masked: 'masked',
};

/**
 * Shows the schema in the panel.
 *
 * @param list the panel's list element
 * @param schema the JSON of GET /schema
 * @param onPick called with "show <entity>" when an entity is picked
 */
export function renderSchema(list, schema, onPick) {
  list.replaceChildren(...schema.entities.map((entity) => entityItem(entity, onPick)));
}

function entityItem(entity, onPick) {
  const access = entity.writable ? 'read, add, change' : 'read only';
  const tenancy = entity.tenancy && entity.tenancy !== 'none' ? ` · tenancy ${entity.tenancy}` : '';
  const pick = h('button', {
    type: 'button', class: 'entity-name', 'data-testid': 'schema-entity',
    'aria-label': `Ask to show ${entity.name}`,
    onClick: () => onPick(`show ${entity.name}`),
  }, entity.name);
  const fields = h('ul', { class: 'fields' }, ...entity.columns.map(fieldItem));
  return h('li', { class: 'entity' },
      pick,
      h('p', { class: 'note' }, access + tenancy),
      entity.comment ? h('p', { class: 'note' }, entity.comment) : null,
      h('details', {}, h('summary', {}, `${entity.columns.length} fields of ${entity.name}`), fields));
}

function fieldItem(column) {
  const roles = column.roles.map((role) => ROLE_LABELS[role] ?? role);
  const readOnly = !column.roles.includes('update') && !column.roles.includes('primary_key') ? 'read-only' : null;
  const details = [column.type.toLowerCase(), ...roles, readOnly].filter(Boolean).join(', ');
  return h('li', {},
      h('code', {}, column.name), ` ${details}`,
      Array.isArray(column.enumValues) ? h('span', { class: 'note' }, ` (${column.enumValues.join(', ')})`) : null);
}
