// The planner's stations page (/stations): the stations listed with type and street filters,
// and a form to create one or edit one (its ETag goes back in If-Match, so an edit made
// meanwhile by someone else is refused rather than overwritten); the point is picked on a
// small map. A refused field is shown next to that field (the problem's "parameter").
// Exposes window.gridmapStations = { ready, reload, state } for tests.

import { requireSignIn } from './auth.js';
import { fetchAllFeatures, getJson, ProblemError } from './api.js';
import { readBase } from './base-layer.js';
import { clear, h } from './dom.js';
import { applyTranslations, currentLang, onLangChange, setLang, t } from './i18n.js';

await requireSignIn();

const L = window.L;

applyTranslations();
const langButton = document.getElementById('gm-lang');
langButton.textContent = t('lang.switch');
langButton.addEventListener('click', () => setLang(currentLang() === 'zh' ? 'en' : 'zh'));
onLangChange(() => {
  langButton.textContent = t('lang.switch');
  render();
});

const typeFilter = document.getElementById('gm-stp-type');
const streetFilter = document.getElementById('gm-stp-street');
const rows = document.getElementById('gm-stp-rows');
const form = document.getElementById('gm-stp-form');
const formTitle = document.getElementById('gm-stp-form-title');
const message = document.getElementById('gm-stp-message');
const deleteButton = document.getElementById('gm-stp-delete');
const status = document.getElementById('gm-status');
const state = { features: [], types: [], editing: null, etag: null };

const map = L.map('gm-stp-map').setView([45.35, 130.8], 12);
if (readBase() === 'osm') {
  L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  }).addTo(map);
}
const markers = L.layerGroup().addTo(map);
let picked = null;
map.on('click', (e) => {
  form.elements.lon.value = e.latlng.lng.toFixed(7);
  form.elements.lat.value = e.latlng.lat.toFixed(7);
  showPick();
});

function showPick() {
  const lon = Number(form.elements.lon.value);
  const lat = Number(form.elements.lat.value);
  if (picked) {
    picked.remove();
    picked = null;
  }
  if (Number.isFinite(lon) && Number.isFinite(lat) && form.elements.lon.value !== '') {
    picked = L.circleMarker([lat, lon], { radius: 8, color: '#6a1b9a' }).addTo(map);
  }
}

function option(value, label, selected) {
  const o = h('option', { value }, label);
  o.selected = selected;
  return o;
}

function render() {
  clear(rows);
  state.features.forEach((f) => {
    const p = f.properties;
    const edit = h('button', { type: 'button', className: 'gm-stp-edit', dataset: { code: p.code } }, t('stp.edit'));
    edit.addEventListener('click', () => startEdit(p.code));
    rows.appendChild(h('tr', { dataset: { code: p.code } },
      h('td', null, h('code', null, p.code)), h('td', null, p.name), h('td', null, p.type),
      h('td', null, p.street ? p.street.name : ''), h('td', null, p.hours ?? ''), h('td', null, p.phone ?? ''),
      h('td', null, edit, ' ', h('a', { href: `/map?station=${encodeURIComponent(p.code)}` }, t('stp.circle')))));
  });
  status.textContent = t('stp.count', { count: state.features.length });
}

async function reload() {
  const params = new URLSearchParams();
  if (typeFilter.value) params.set('type', typeFilter.value);
  if (streetFilter.value) params.set('street', streetFilter.value);
  const answer = await getJson(`/api/v1/stations?${params}`);
  state.features = answer.features;
  state.types = answer.types;
  markers.clearLayers();
  answer.features.forEach((f) => {
    const [lon, lat] = f.geometry.coordinates;
    L.circleMarker([lat, lon], { radius: 4, color: '#c0392b' }).bindTooltip(f.properties.name).addTo(markers);
  });
  render();
  return answer.features.length;
}

function fillTypes(types) {
  const chosen = typeFilter.value;
  clear(typeFilter);
  typeFilter.appendChild(option('', t('stp.all'), chosen === ''));
  types.forEach((type) => typeFilter.appendChild(option(type, type, chosen === type)));
  const select = form.elements.type;
  const current = select.value;
  clear(select);
  types.forEach((type) => select.appendChild(option(type, type, current === type)));
}

function clearErrors() {
  form.querySelectorAll('.gm-field-error').forEach((el) => el.remove());
  message.textContent = '';
  message.className = '';
}

function startNew() {
  clearErrors();
  form.reset();
  state.editing = null;
  state.etag = null;
  formTitle.textContent = t('stp.new');
  deleteButton.hidden = true;
  showPick();
}

async function startEdit(code) {
  clearErrors();
  const response = await fetch(`/api/v1/stations/${encodeURIComponent(code)}`, { headers: { Accept: 'application/json' } });
  const f = await response.json();
  state.editing = code;
  state.etag = response.headers.get('ETag');
  const p = f.properties;
  for (const name of ['name', 'type', 'address', 'hours', 'phone']) {
    form.elements[name].value = p[name] ?? '';
  }
  form.elements.services.value = (p.services || []).join('、');
  [form.elements.lon.value, form.elements.lat.value] = f.geometry.coordinates.map(String);
  formTitle.textContent = t('stp.editing', { code });
  deleteButton.hidden = false;
  showPick();
  map.setView([f.geometry.coordinates[1], f.geometry.coordinates[0]], 15);
}

function body() {
  const text = (name) => form.elements[name].value.trim();
  const number = (name) => (text(name) === '' ? null : Number(text(name)));
  return {
    name: text('name'),
    type: text('type'),
    address: text('address'),
    hours: text('hours'),
    phone: text('phone'),
    services: text('services').split(/[、,，]/).map((s) => s.trim()).filter(Boolean),
    lon: number('lon'),
    lat: number('lat'),
  };
}

async function send(method, url, payload) {
  const headers = { Accept: 'application/json' };
  if (payload) headers['Content-Type'] = 'application/json';
  if (state.etag) headers['If-Match'] = state.etag;
  const response = await fetch(url, { method, headers, body: payload ? JSON.stringify(payload) : undefined });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ProblemError(problem.detail || `HTTP ${response.status}`, response.status, problem.detail, problem);
  }
  return response;
}

function showError(e) {
  const field = e.problem && e.problem.parameter;
  const input = field && form.elements[field];
  if (input) {
    input.closest('label').appendChild(h('span', { className: 'gm-field-error', dataset: { field } }, e.message));
  }
  message.className = 'gm-error';
  message.textContent = e.message;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  try {
    const response = state.editing
      ? await send('PUT', `/api/v1/stations/${encodeURIComponent(state.editing)}`, body())
      : await send('POST', '/api/v1/stations', body());
    const saved = await response.json();
    state.editing = saved.properties.code;
    state.etag = response.headers.get('ETag');
    formTitle.textContent = t('stp.editing', { code: state.editing });
    deleteButton.hidden = false;
    message.className = 'gm-ok';
    message.textContent = t('stp.saved', { code: state.editing });
    await reload();
  } catch (e) {
    showError(e);
  }
});

deleteButton.addEventListener('click', async () => {
  clearErrors();
  try {
    const code = state.editing;
    await send('DELETE', `/api/v1/stations/${encodeURIComponent(code)}`);
    startNew();
    message.textContent = t('stp.deleted', { code });
    await reload();
  } catch (e) {
    showError(e);
  }
});

document.getElementById('gm-stp-new').addEventListener('click', startNew);
typeFilter.addEventListener('change', reload);
streetFilter.addEventListener('change', reload);
form.elements.lon.addEventListener('change', showPick);
form.elements.lat.addEventListener('change', showPick);

const ready = (async () => {
  const streets = await fetchAllFeatures('/ogc/collections/streets/items?limit=1000');
  streetFilter.appendChild(option('', t('stp.all'), true));
  streets.features.map((f) => f.properties)
    .sort((a, b) => String(a.code).localeCompare(String(b.code)))
    .forEach((p) => streetFilter.appendChild(option(p.code, p.name, false)));
  const count = await reload();
  fillTypes(state.types);
  return count;
})();
ready.catch((e) => {
  status.textContent = e.message;
});
window.gridmapStations = { ready, reload, state };
