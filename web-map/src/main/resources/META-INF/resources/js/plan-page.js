// The planner's page (/plan): pick a street or community, list its plans, start a draft,
// and edit it on the map (plan-editor.js) with its validation, impact and audit trail
// (plan-report.js) beside it; publish or discard. Every write goes through the planning API
// with If-Match (plan-api.js); a 412 reloads the plan and shows what the other planner
// changed, a 422 shows why the change or the publish was refused.
//
// window.gridmapPlan is the hook for tests and other scripts: { ready, map, editor,
// open(id), idle(), state(), pointIn(key), containerPoint(lon, lat) }.

import { requireSignIn } from './auth.js';
import { fetchAllFeatures } from './api.js';
import { readBase, storeBase } from './base-layer.js';
import { clear, h } from './dom.js';
import {
  applyTranslations, codeLabel, currentLang, formatDateTime, formatNumber, onLangChange, setLang, t,
} from './i18n.js';
import { interiorPoint } from './interior-point.js';
import { planApi } from './plan-api.js';
import { createPlanEditor } from './plan-editor.js';
import { renderCreateForm, renderGridForm } from './plan-grid-form.js';
import {
  entriesAfter, lastUndoable, problemList, renderImpact, renderTrail, renderValidation,
} from './plan-report.js';

const signedIn = await requireSignIn();

const L = window.L;
const AREA_KEY = 'gridmap.planArea';
const TOOLS = ['select', 'vertices', 'split', 'merge', 'create'];

const $ = (id) => document.getElementById(id);

// ---- header, language, author

function translatePage() {
  applyTranslations();
  document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  const button = $('gm-lang');
  button.textContent = t('lang.switch');
  button.setAttribute('aria-label', t('lang.switchLabel'));
  button.title = t('lang.switchLabel');
}
translatePage();
$('gm-lang').addEventListener('click', () => setLang(currentLang() === 'zh' ? 'en' : 'zh'));

const authorInput = $('gm-plan-author');
// The author of every change is the signed-in user (the server records it whatever is sent).
authorInput.value = signedIn.name;
authorInput.readOnly = true;
const author = () => authorInput.value.trim();
const api = planApi(author);

// ---- the map

const mapEl = $('gm-map');
const map = L.map(mapEl, { zoomControl: true }).setView([45.35, 130.8], 12);
const bases = {
  osm: L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  }),
  blank: L.layerGroup(),
};
let base = readBase();
bases[base].addTo(map);
mapEl.classList.toggle('gm-blank', base === 'blank');
let layerControl = null;
function buildLayerControl() {
  if (layerControl) {
    layerControl.remove();
  }
  layerControl = L.control.layers({ [t('layer.osm')]: bases.osm, [t('layer.blank')]: bases.blank }, {},
    { collapsed: true }).addTo(map);
}
buildLayerControl();
map.on('baselayerchange', (e) => {
  base = e.layer === bases.blank ? 'blank' : 'osm';
  mapEl.classList.toggle('gm-blank', base === 'blank');
  storeBase(base);
});

// ---- page state

const state = {
  streets: [],
  communities: [],
  area: null,
  plans: [],
  plan: null,
  etag: null,
  grids: null,
  validation: null,
  impact: null,
  trail: null,
  seenSeq: 0,
  busy: false,
  confirming: null,
  message: null,
  creating: null,
};

let pending = 0;
let idleWaiters = [];
function track(promise) {
  pending++;
  return promise.finally(() => {
    pending--;
    if (pending === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  });
}

const statusEl = $('gm-status');
function status(text, error) {
  clear(statusEl);
  if (text) {
    statusEl.appendChild(h('span', error ? { className: 'gm-error', role: 'alert' } : null, text));
  }
}

const messageEl = $('gm-plan-message');
/** Shows a message in the plan panel: kind ok | info | error; extra: nodes below it. */
function message(kind, text, ...extra) {
  state.message = { kind, text };
  clear(messageEl);
  if (!text) {
    return;
  }
  messageEl.appendChild(h('div', { className: 'gm-message gm-message-' + kind, dataset: { kind } },
    h('p', { className: 'gm-plan-message-text' }, text), ...extra));
}

const editor = createPlanEditor(map, {
  onChange: (change) => apply(change),
  onSelect: () => renderSelection(),
  onDrawn: (kind, geometry) => askNewGrid(geometry),
  onHint: (text) => hint(text),
});

// ---- areas and plans

function areaName(code) {
  const area = [...state.streets, ...state.communities].find((a) => a.properties.code === code);
  return area ? area.properties.name : code;
}

function fillAreas() {
  const select = $('gm-plan-area');
  clear(select);
  for (const street of state.streets) {
    const group = h('optgroup', { label: street.properties.name });
    group.appendChild(h('option', { value: street.properties.code }, t('plan.wholeStreet', { name: street.properties.name })));
    state.communities
      .filter((c) => c.properties.parentCode === street.properties.code)
      .forEach((c) => group.appendChild(h('option', { value: c.properties.code }, c.properties.name)));
    select.appendChild(group);
  }
  select.value = state.area || '';
}

function scopeFeatures(code) {
  if (!code) {
    return [];
  }
  return state.communities.filter((c) => c.properties.code === code || c.properties.parentCode === code);
}

async function chooseArea(code, { fit = true } = {}) {
  state.area = code;
  $('gm-plan-area').value = code;
  try {
    window.localStorage.setItem(AREA_KEY, code);
  } catch (e) {
    // storage disabled
  }
  if (!state.plan) {
    editor.setScope(scopeFeatures(code));
    const outline = L.geoJSON({ type: 'FeatureCollection', features: scopeFeatures(code) });
    if (fit && outline.getLayers().length) {
      map.fitBounds(outline.getBounds(), { padding: [12, 12] });
    }
  }
  await loadPlans();
}

async function loadPlans() {
  if (!state.area) {
    return;
  }
  try {
    state.plans = await track(api.list(state.area));
  } catch (e) {
    state.plans = [];
    status(t('plan.failed', { message: e.message }), true);
  }
  renderPlanList();
}

function renderPlanList() {
  const list = $('gm-plan-list');
  clear(list);
  if (!state.plans.length) {
    list.appendChild(h('li', { className: 'gm-muted' }, t('plan.noPlans')));
    return;
  }
  for (const plan of state.plans) {
    const open = h('button', { type: 'button', className: 'gm-link gm-plan-open', dataset: { plan: String(plan.id) } },
      plan.name);
    open.addEventListener('click', () => openPlan(plan.id));
    list.appendChild(h('li', {
      className: 'gm-plan-item' + (state.plan && state.plan.id === plan.id ? ' gm-current' : ''),
      dataset: { plan: String(plan.id), status: plan.status },
    },
    open, ' ',
    h('span', { className: 'gm-badge gm-plan-status', dataset: { status: plan.status } }, codeLabel('plan.status', plan.status)),
    h('br'),
    h('span', { className: 'gm-muted' }, plan.parent ? plan.parent.name : '', ' · ',
      t('plan.effective', { date: plan.effectiveDate }), ' · ', t('plan.version', { version: plan.version }))));
  }
}

function shanghaiDate(offsetDays) {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(date);
}

$('gm-plan-new-date').value = shanghaiDate(1);
$('gm-plan-new-date').min = shanghaiDate(0);
$('gm-plan-new').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!requireAuthor()) {
    return;
  }
  const name = $('gm-plan-new-name').value.trim();
  const date = $('gm-plan-new-date').value;
  try {
    const created = await track(api.create(name, state.area, date));
    $('gm-plan-new-name').value = '';
    await loadPlans();
    await openPlan(created.body.id);
    message('ok', t('plan.created', { name: created.body.name }));
  } catch (err) {
    status(t('plan.failed', { message: err.message }), true);
  }
});

function requireAuthor() {
  if (author()) {
    return true;
  }
  status(t('plan.needAuthor'), true);
  authorInput.focus();
  return false;
}

// ---- one plan

function setUrl(id) {
  const url = new URL(window.location.href);
  if (id) {
    url.searchParams.set('plan', String(id));
  } else {
    url.searchParams.delete('plan');
  }
  window.history.replaceState(window.history.state, '', url);
}

async function openPlan(id) {
  state.creating = null;
  state.confirming = null;
  message(null);
  setUrl(id);
  $('gm-plan-panel').hidden = false;
  // the panel took width from the map
  map.invalidateSize();
  try {
    await refresh(id, { fit: true });
  } catch (e) {
    status(t('plan.failed', { message: e.message }), true);
  }
}

/** Reloads the plan and, for a draft, its grids, validation, impact and trail. */
async function refresh(id = state.plan && state.plan.id, { fit = false } = {}) {
  const loaded = await track(api.get(id));
  state.plan = loaded.body;
  state.etag = loaded.etag;
  if (state.area !== state.plan.parent.code) {
    state.area = state.plan.parent.code;
    $('gm-plan-area').value = state.area;
    loadPlans();
  }
  const draft = state.plan.status === 'draft';
  const [grids, validation, impact, trail] = await track(Promise.all([
    draft ? api.grids(id) : Promise.resolve(null),
    draft ? api.validation(id) : Promise.resolve(null),
    draft ? api.impact(id) : Promise.resolve(null),
    api.trail(id),
  ]));
  // a write between the reads would show a newer draft than the ETag we hold
  if (grids && grids.planVersion !== state.plan.version) {
    return refresh(id, { fit });
  }
  state.grids = grids;
  state.validation = validation;
  state.impact = impact;
  state.trail = trail;
  editor.setScope(scopeFeatures(state.plan.parent.code));
  editor.setGrids(grids || { features: [] });
  editor.setProblems(validation ? validation.problems : []);
  editor.setReadOnly(!draft);
  if (fit) {
    const bounds = editor.bounds() || L.geoJSON({ type: 'FeatureCollection', features: scopeFeatures(state.plan.parent.code) }).getBounds();
    if (bounds && bounds.isValid()) {
      map.fitBounds(bounds, { padding: [12, 12] });
    }
  }
  const entries = (trail && trail.changes) || [];
  state.seenSeq = entries.reduce((max, e) => Math.max(max, e.seq), 0);
  state.plans = state.plans.map((p) => (p.id === state.plan.id ? state.plan : p));
  renderPlan();
  renderPlanList();
  status(t('plan.opened', { name: state.plan.name, version: state.plan.version }));
}

function renderPlan() {
  const plan = state.plan;
  const draft = plan.status === 'draft';
  const head = $('gm-plan-head');
  clear(head);
  head.appendChild(h('div', { className: 'gm-panel-head' },
    h('h2', { id: 'gm-plan-panel-title' }, plan.name),
    h('span', { className: 'gm-badge gm-plan-status', dataset: { status: plan.status } }, codeLabel('plan.status', plan.status))));
  head.appendChild(h('p', { className: 'gm-muted gm-plan-facts', dataset: { version: String(plan.version) } },
    areaName(plan.parent.code), ' · ', t('plan.effective', { date: plan.effectiveDate }), ' · ',
    t('plan.version', { version: plan.version }), ' · ', t('plan.changes', { count: formatNumber(plan.changes) }),
    plan.publishedAt ? [' · ', t('plan.publishedAt', { at: formatDateTime(plan.publishedAt), by: plan.publishedBy })] : null));
  head.appendChild(planActions(draft));
  renderTools(draft);
  renderSelection();
  if (draft) {
    renderValidation($('gm-plan-validation'), state.validation, focusProblem);
    renderImpact($('gm-plan-impact'), state.impact);
    renderProposal();
  } else {
    clear($('gm-plan-validation'));
    clear($('gm-plan-impact'));
    clear($('gm-plan-proposal'));
  }
  renderTrail($('gm-plan-trail'), state.trail, null);
}

function planActions(draft) {
  const box = h('div', { className: 'gm-actions gm-plan-actions' });
  if (!draft) {
    return box;
  }
  if (state.confirming) {
    const what = state.confirming;
    const yes = h('button', { type: 'button', className: 'gm-button gm-warn', id: 'gm-plan-confirm' },
      t(what === 'publish' ? 'plan.confirmPublish' : 'plan.confirmDiscard'));
    const no = h('button', { type: 'button', className: 'gm-button gm-reset' }, t('plan.cancel'));
    yes.addEventListener('click', () => (what === 'publish' ? publish() : discard()));
    no.addEventListener('click', () => {
      state.confirming = null;
      renderPlan();
    });
    box.appendChild(h('p', { className: 'gm-plan-confirm-text' },
      t(what === 'publish' ? 'plan.publishQuestion' : 'plan.discardQuestion', { date: state.plan.effectiveDate })));
    box.append(yes, no);
    return box;
  }
  const publishButton = h('button', { type: 'button', className: 'gm-button', id: 'gm-plan-publish' }, t('plan.publish'));
  publishButton.addEventListener('click', () => {
    state.confirming = 'publish';
    renderPlan();
  });
  const discardButton = h('button', { type: 'button', className: 'gm-button gm-reset', id: 'gm-plan-discard' }, t('plan.discard'));
  discardButton.addEventListener('click', () => {
    state.confirming = 'discard';
    renderPlan();
  });
  box.append(publishButton, discardButton);
  return box;
}

// ---- tools

const toolsEl = $('gm-plan-tools');
let hintText = '';

function hint(text) {
  hintText = text;
  const el = toolsEl.querySelector('.gm-plan-hint');
  if (el) {
    el.textContent = text;
  }
}

function renderTools(draft) {
  clear(toolsEl);
  toolsEl.hidden = !draft;
  if (!draft) {
    editor.setTool('select');
    return;
  }
  const current = editor.tool();
  const group = h('div', { className: 'gm-plan-toolbar', role: 'toolbar', 'aria-label': t('plan.tools') });
  for (const tool of TOOLS) {
    const button = h('button', {
      type: 'button', className: 'gm-tool' + (tool === current ? ' gm-active' : ''),
      dataset: { tool }, 'aria-pressed': String(tool === current),
    }, t('plan.tool.' + tool));
    button.addEventListener('click', () => {
      editor.setTool(tool);
      state.creating = null;
      hintText = t('plan.hint.' + tool);
      renderTools(true);
      renderSelection();
    });
    group.appendChild(button);
  }
  const undoSeq = lastUndoable(state.trail);
  const undo = h('button', { type: 'button', className: 'gm-tool', dataset: { action: 'undo' } }, t('plan.undo'));
  undo.disabled = undoSeq == null;
  undo.addEventListener('click', () => undoLast());
  group.appendChild(undo);
  toolsEl.appendChild(group);
  if (current === 'split' || current === 'create') {
    const finish = h('button', { type: 'button', className: 'gm-tool gm-finish', dataset: { action: 'finish' } },
      t('plan.finish'));
    finish.addEventListener('click', () => editor.finishDrawing());
    const cancel = h('button', { type: 'button', className: 'gm-tool', dataset: { action: 'cancel' } }, t('plan.cancel'));
    cancel.addEventListener('click', () => {
      editor.cancelDrawing();
      state.creating = null;
      renderSelection();
    });
    toolsEl.appendChild(h('div', { className: 'gm-plan-toolbar' }, finish, cancel));
  }
  toolsEl.appendChild(h('p', { className: 'gm-plan-hint' }, hintText || t('plan.hint.' + current)));
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') {
    editor.cancelDrawing();
  }
});

function renderSelection() {
  if (!state.plan) {
    return;
  }
  const el = $('gm-plan-grid');
  if (state.creating) {
    return;
  }
  if (state.plan.status !== 'draft') {
    clear(el);
    return;
  }
  renderGridForm(el, {
    keys: editor.selection(),
    feature: (key) => editor.feature(key),
    readOnly: state.plan.status !== 'draft',
    onChange: (change) => apply(change),
    onDelete: (key) => apply({ kind: 'delete', grid: key }),
  });
}

function askNewGrid(geometry) {
  state.creating = geometry;
  const types = state.grids ? state.grids.features.map((f) => f.properties.type) : [];
  renderCreateForm($('gm-plan-grid'), {
    defaultType: types[0],
    onSubmit: (fields) => {
      const drawn = state.creating;
      state.creating = null;
      editor.cancelDrawing();
      apply({ kind: 'create', grid: { ...fields, geometry: drawn } });
    },
    onCancel: () => {
      state.creating = null;
      editor.cancelDrawing();
      renderSelection();
    },
  });
}

function focusProblem(problem) {
  if (!problem.location) {
    return;
  }
  const layer = L.geoJSON(problem.location);
  const bounds = layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds.pad(0.5), { maxZoom: 17 });
  }
}

// ---- writing

/** Sends one change (or a batch), then reloads the draft and its reports. */
async function apply(change) {
  if (state.busy || !state.plan) {
    return;
  }
  if (!requireAuthor()) {
    editor.redraw();
    return;
  }
  await write(() => api.change(state.plan.id, state.etag, change), () => t('plan.saved', {
    what: codeLabel('plan.kind', change.kind),
  }));
}

async function undoLast() {
  const seq = lastUndoable(state.trail);
  if (seq == null || !requireAuthor()) {
    return;
  }
  await write(() => api.undo(state.plan.id, state.etag, seq), () => t('plan.undoneChange', { seq }));
}

async function publish() {
  if (!requireAuthor()) {
    return;
  }
  state.confirming = null;
  await write(() => api.publish(state.plan.id, state.etag), (body) => {
    const r = body.result || {};
    return t('plan.published', {
      opened: formatNumber(r.gridsOpened), closed: formatNumber(r.gridsClosed), at: formatDateTime(r.effectiveAt),
      addresses: formatNumber(r.addressesMoved), incidents: formatNumber(r.incidentsMoved),
    });
  });
  await loadPlans();
}

async function discard() {
  if (!requireAuthor()) {
    return;
  }
  state.confirming = null;
  await write(() => api.discard(state.plan.id, state.etag), () => t('plan.discarded'));
  await loadPlans();
}

/** Runs a write, then reloads; refusals become messages (412: reload and show what changed). */
function write(send, success) {
  return track(writing(send, success));
}

async function writing(send, success) {
  state.busy = true;
  document.body.classList.add('gm-busy');
  const seen = state.seenSeq;
  const version = state.plan.version;
  try {
    const response = await track(send());
    state.etag = response.etag;
    await refresh();
    message('ok', success(response.body || {}));
  } catch (e) {
    editor.redraw();
    await refused(e, seen, version);
  } finally {
    state.busy = false;
    document.body.classList.remove('gm-busy');
  }
}

async function refused(e, seen, version) {
  const problem = e.problem || {};
  const type = String(problem.type || '').replace('urn:gridmap:problem:', '');
  if (e.status === 412) {
    try {
      await refresh();
    } catch (err) {
      message('error', t('plan.failed', { message: err.message }));
      return;
    }
    const news = entriesAfter(state.trail, seen);
    message('error', t('plan.conflict', { from: version, to: state.plan.version }),
      h('ul', { className: 'gm-plan-conflict' }, news.map((entry) => h('li', { dataset: { seq: String(entry.seq) } },
        codeLabel('plan.kind', entry.kind), ' ', (entry.grids || []).join('、'), ' · ', entry.author || '', ' · ',
        formatDateTime(entry.at)))),
      h('p', null, t('plan.conflictRetry')));
    renderTrail($('gm-plan-trail'), state.trail, seen);
    return;
  }
  if (e.status === 422 && Array.isArray(problem.problems)) {
    editor.setProblems(problem.problems);
    message('error', t('plan.refusedInvalid', { errors: formatNumber(problem.errors ?? problem.problems.length) }),
      problemList(problem.problems, focusProblem));
    return;
  }
  if (e.status === 409) {
    message('error', t('plan.refusedConflict', { detail: e.detail }));
    try {
      await refresh();
    } catch (err) {
      // the message above stands
    }
    return;
  }
  const parameter = problem.parameter ? ' (' + problem.parameter + ')' : '';
  message('error', (e.status === 422 ? t('plan.refusedChange', { detail: e.detail })
    : t('plan.failed', { message: e.detail || e.message })) + parameter, type ? h('code', { className: 'gm-muted' }, type) : null);
}

// ---- proposals

function renderProposal() {
  const el = $('gm-plan-proposal');
  clear(el);
  const communities = state.plan.communities || scopeFeatures(state.plan.parent.code).map((c) => c.properties.code);
  const select = h('select', { name: 'community' }, communities.map((code) => h('option', { value: code }, areaName(code))));
  const number = (name, value) => {
    const input = h('input', { name, type: 'number', min: 1, max: 100000 });
    input.value = String(value);
    return input;
  };
  const form = h('form', { className: 'gm-plan-form', id: 'gm-plan-propose' },
    h('h3', null, t('plan.proposal')),
    h('p', { className: 'gm-muted' }, t('plan.proposalHint')),
    h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('grid.community')), select),
    h('div', { className: 'gm-plan-numbers' },
      h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('plan.target')), number('targetHouseholds', 400)),
      h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('plan.min')), number('minHouseholds', 300)),
      h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('plan.max')), number('maxHouseholds', 500))),
    h('button', { type: 'submit', className: 'gm-button' }, t('plan.propose')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (state.busy || !requireAuthor()) {
      return;
    }
    const fields = {
      community: select.value,
      targetHouseholds: Number(form.elements.targetHouseholds.value),
      minHouseholds: Number(form.elements.minHouseholds.value),
      maxHouseholds: Number(form.elements.maxHouseholds.value),
    };
    status(t('plan.proposing'));
    await write(() => api.propose(state.plan.id, state.etag, fields), (body) => {
      const p = body.proposal || {};
      const b = p.balance || {};
      const c = p.compactness || {};
      return t('plan.proposed', {
        grids: formatNumber(b.grids), smallest: formatNumber(b.smallest), largest: formatNumber(b.largest),
        stddev: formatNumber(b.stddev), compactness: formatNumber(c.mean), within: formatNumber(b.withinRange),
      });
    });
  });
  el.appendChild(form);
}

// ---- start

onLangChange(() => {
  translatePage();
  // the status line said something in the other language; it is transient
  status('');
  buildLayerControl();
  fillAreas();
  renderPlanList();
  if (state.plan) {
    renderPlan();
  }
});

const gridmapPlan = {
  map,
  editor,
  api,
  open: (id) => openPlan(id),
  /** Resolves when no request of the page is in flight. */
  idle: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
  state: () => ({
    planId: state.plan && state.plan.id,
    etag: state.etag,
    version: state.plan && state.plan.version,
    status: state.plan && state.plan.status,
    area: state.area,
    message: state.message,
    busy: state.busy,
  }),
  /** A [lon, lat] inside a draft grid. */
  pointIn: (key) => interiorPoint(editor.feature(key).geometry),
  /** Where a WGS 84 position is in the map container, in CSS pixels (for real clicks). */
  containerPoint: (lon, lat) => {
    const point = map.latLngToContainerPoint([lat, lon]);
    return { x: point.x, y: point.y };
  },
};
window.gridmapPlan = gridmapPlan;

gridmapPlan.ready = track((async () => {
  status(t('plan.loading'));
  const [streets, communities] = await Promise.all([
    fetchAllFeatures('/ogc/collections/streets/items?limit=1000'),
    fetchAllFeatures('/ogc/collections/communities/items?limit=1000'),
  ]);
  state.streets = streets.features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  state.communities = communities.features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const params = new URLSearchParams(window.location.search);
  let remembered = null;
  try {
    remembered = window.localStorage.getItem(AREA_KEY);
  } catch (e) {
    // storage disabled
  }
  const known = (code) => [...state.streets, ...state.communities].some((a) => a.properties.code === code);
  const area = [params.get('area'), remembered].find((code) => code && known(code))
    || (state.streets[0] && state.streets[0].properties.code);
  state.area = area;
  fillAreas();
  $('gm-plan-area').addEventListener('change', (e) => chooseArea(e.target.value));
  await chooseArea(area, { fit: !params.get('plan') });
  status('');
  const planId = params.get('plan');
  if (planId && /^\d{1,18}$/.test(planId)) {
    await openPlan(Number(planId));
  }
  return true;
})());
gridmapPlan.ready.catch((e) => status(t('plan.failed', { message: e.message }), true));
