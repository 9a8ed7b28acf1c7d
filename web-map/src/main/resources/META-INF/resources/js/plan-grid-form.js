// The side form of the /plan page for the selected draft grid(s): attributes and
// notice-board staff of one grid, or the merge of several. Each form hands one change of the
// planning API to onChange ({kind: 'attributes', …}, {kind: 'staff', …}, {kind: 'merge', …}).

import { clear, h } from './dom.js';
import { codeLabel, formatNumber, roleLabel, t, typeLabel } from './i18n.js';
import { gridLabel } from './plan-report.js';

export const ROLES = ['grid_head', 'full_time', 'part_time', 'party_leader', 'police', 'property', 'mediator', 'other'];
export const TYPES = ['urban', 'rural', 'special'];

function field(label, input) {
  return h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, label), input);
}

function select(name, options, value, label) {
  const el = h('select', { name }, options.map((o) => {
    const option = h('option', { value: o }, label(o));
    option.selected = o === value;
    return option;
  }));
  return el;
}

function input(name, value, attrs) {
  const el = h('input', { name, type: 'text', ...attrs });
  el.value = value == null ? '' : String(value);
  return el;
}

/** The attributes of a grid as the form can edit them. */
const ATTRIBUTES = ['name', 'type', 'households', 'population', 'hotline', 'duties'];

/**
 * Renders the form for the selection into el. keys: selected draft grid keys; feature(key)
 * gives a draft grid; readOnly hides the writing controls.
 */
export function renderGridForm(el, { keys, feature, readOnly, onChange, onDelete }) {
  clear(el);
  if (keys.length === 0) {
    el.appendChild(h('p', { className: 'gm-muted' }, t('plan.selectHint')));
    return;
  }
  if (keys.length > 1) {
    el.appendChild(h('h3', null, t('plan.selected', { count: formatNumber(keys.length) })));
    el.appendChild(h('ul', null, keys.map((k) => h('li', null, h('code', null, gridLabel(feature(k).properties)),
      ' ', feature(k).properties.name))));
    if (!readOnly) {
      const merge = h('button', { type: 'button', className: 'gm-button', id: 'gm-plan-merge' }, t('plan.merge'));
      merge.addEventListener('click', () => onChange({ kind: 'merge', grids: keys.slice() }));
      el.appendChild(merge);
    }
    return;
  }
  const f = feature(keys[0]);
  const p = f.properties;
  el.appendChild(h('h3', null, p.name, ' ', h('code', { className: 'gm-code' }, gridLabel(p))));
  el.appendChild(h('p', { className: 'gm-muted' }, codeLabel('plan.state', p.state),
    ' · ', t('plan.householdsCount', { count: formatNumber(p.households) })));
  if (readOnly) {
    return;
  }

  const form = h('form', { className: 'gm-plan-form', id: 'gm-plan-attributes' },
    field(t('grid.name'), input('name', p.name, { maxlength: 200, required: 'required' })),
    field(t('grid.type'), select('type', TYPES, p.type, typeLabel)),
    h('div', { className: 'gm-dates' },
      field(t('grid.households'), input('households', p.households, { type: 'number', min: 0 })),
      field(t('grid.population'), input('population', p.population, { type: 'number', min: 0 }))),
    field(t('grid.hotline'), input('hotline', p.hotline, { maxlength: 30 })),
    field(t('plan.duties'), h('textarea', { name: 'duties', rows: 2 }, p.duties || '')),
    h('button', { type: 'submit', className: 'gm-button' }, t('plan.saveAttributes')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const set = {};
    for (const name of ATTRIBUTES) {
      const raw = form.elements[name].value.trim();
      let value = raw;
      if (name === 'households' || name === 'population') {
        value = raw === '' ? null : Number(raw);
      } else if ((name === 'hotline' || name === 'duties') && raw === '') {
        value = null;
      }
      const before = p[name] == null ? null : p[name];
      if (value !== before && !(value === null && before === '')) {
        set[name] = value;
      }
    }
    if (Object.keys(set).length) {
      onChange({ kind: 'attributes', grid: p.key, set });
    }
  });
  el.appendChild(form);

  el.appendChild(staffForm(p, onChange));

  const remove = h('button', { type: 'button', className: 'gm-button gm-warn', id: 'gm-plan-delete' }, t('plan.delete'));
  remove.addEventListener('click', () => onDelete(p.key));
  el.appendChild(h('p', { className: 'gm-plan-delete' }, remove));
}

function staffRow(person) {
  const remove = h('button', { type: 'button', className: 'gm-link', 'aria-label': t('plan.removeStaff') }, '✕');
  const row = h('tr', { className: 'gm-staff-row' },
    h('td', null, select('role', ROLES, person.role || 'full_time', roleLabel)),
    h('td', null, input('name', person.name, { maxlength: 100, placeholder: t('plan.staffName') })),
    h('td', null, input('phone', person.phone, { maxlength: 30, placeholder: t('plan.staffPhone') })),
    h('td', null, remove));
  row.dataset.duties = person.duties || '';
  remove.addEventListener('click', () => row.remove());
  return row;
}

function staffForm(p, onChange) {
  const body = h('tbody', null, (p.staff || []).map(staffRow));
  const add = h('button', { type: 'button', className: 'gm-link' }, t('plan.addStaff'));
  add.addEventListener('click', () => body.appendChild(staffRow({})));
  const form = h('form', { className: 'gm-plan-form', id: 'gm-plan-staff' },
    h('h4', null, t('grid.staff')),
    h('table', { className: 'gm-plan-table gm-staff-table' }, body),
    add,
    h('button', { type: 'submit', className: 'gm-button' }, t('plan.saveStaff')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const staff = [...body.querySelectorAll('tr')].map((row) => ({
      role: row.querySelector('[name=role]').value,
      name: row.querySelector('[name=name]').value.trim(),
      phone: row.querySelector('[name=phone]').value.trim() || null,
      duties: row.dataset.duties || null,
    })).filter((s) => s.name);
    onChange({ kind: 'staff', grid: p.key, staff });
  });
  return form;
}

/** The form asking name and type of a drawn grid; onSubmit(fields) or onCancel(). */
export function renderCreateForm(el, { defaultType, onSubmit, onCancel }) {
  clear(el);
  const form = h('form', { className: 'gm-plan-form', id: 'gm-plan-create' },
    h('h3', null, t('plan.newGrid')),
    field(t('grid.name'), input('name', '', { maxlength: 200, required: 'required' })),
    field(t('grid.type'), select('type', TYPES, defaultType || 'urban', typeLabel)),
    h('div', { className: 'gm-actions' },
      h('button', { type: 'submit', className: 'gm-button' }, t('plan.createGrid')),
      h('button', { type: 'button', className: 'gm-button gm-reset' }, t('plan.cancel'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onSubmit({ name: form.elements.name.value.trim(), type: form.elements.type.value });
  });
  form.querySelector('.gm-reset').addEventListener('click', onCancel);
  el.appendChild(form);
  form.elements.name.focus();
}
