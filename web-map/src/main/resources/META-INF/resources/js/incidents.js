// The dispatcher's incidents on /map: clustered markers coloured by status (fill) and
// deadline (ring), a filter panel that reloads them, a legend, the detail panel on click,
// the "acting as" selector, and live updates from the server-sent event stream.
// Leaflet and Leaflet.markercluster are classic scripts loaded before this module (global L).

import { fetchAllFeatures, getJson } from './api.js';
import { clear, h } from './dom.js';
import { ElementControl } from './grid-map.js';
import { createIncidentPanel } from './incident-panel.js';
import { codeLabel, currentLang, formatNumber, onLangChange, t } from './i18n.js';

const L = window.L;

export const STATUSES = ['reported', 'registered', 'dispatched', 'handling', 'handled', 'verified', 'closed', 'rejected'];

/** Status → colour group of the marker fill. */
export const STATUS_GROUP = {
  reported: 'new',
  registered: 'new',
  dispatched: 'progress',
  handling: 'progress',
  handled: 'progress',
  verified: 'progress',
  closed: 'done',
  rejected: 'rejected',
};

export const GROUPS = ['new', 'progress', 'done', 'rejected'];

export const ROLES = ['dispatcher', 'department', 'grid_worker', 'public', 'admin'];

/** How urgent a deadline state is, for the colour of a cluster (its most urgent member). */
const URGENCY = { overdue: 3, due_soon: 2, on_time: 1 };
const URGENCY_CLASS = ['none', 'on_time', 'due_soon', 'overdue'];

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_WINDOW = 90 * DAY;
const PAGE_LIMIT = 10000;
const FLASH_MS = 6000;
const UNCLUSTERED_ZOOM = 16;
const ACTING_KEY = 'gridmap.acting';

function emptyFilters() {
  return { statuses: [], matter: '', department: '', street: '', grid: '', from: '', to: '', overdue: false };
}

/** A code safe to put into a class name. */
function token(value) {
  return String(value ?? '').replace(/[^a-z0-9_-]/gi, '') || 'unknown';
}

/** Start of a local day (yyyy-mm-dd from a date input) in epoch milliseconds. */
function dayStart(value) {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

/** The name of a matter (or department) in the current language. */
export function localName(name, nameEn) {
  return currentLang() === 'en' && nameEn ? nameEn : (name ?? '');
}

function readActing() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(ACTING_KEY) || 'null');
    if (stored && typeof stored.name === 'string' && ROLES.includes(stored.role)) {
      return { name: stored.name, role: stored.role };
    }
  } catch (e) {
    // storage disabled or garbled
  }
  return { name: t('acting.defaultName'), role: 'dispatcher' };
}

function storeActing(acting) {
  try {
    window.localStorage.setItem(ACTING_KEY, JSON.stringify(acting));
  } catch (e) {
    // storage disabled: the choice lasts for this page only
  }
}

/**
 * Adds the incidents to map. filtersEl receives the filter panel, panelEl the detail
 * panel; streetList() gives [{code, name}] once gridsReady resolves. Returns the test
 * hook { ready, count, byId } (ready resolves after the first load).
 */
export function createIncidents({ map, gridsReady, streetList, filtersEl, panelEl }) {
  const markers = new Map();
  const filters = emptyFilters();
  const lists = { matters: [], departments: [], streets: [] };
  const status = { loading: true, error: null, total: null, live: null, notice: null };
  let acting = readActing();
  let selectedId = null;
  let loadSeq = 0;
  let pending = null; // stream events that arrive while a load is under way
  let reloadTimer = null;

  if (map.options.maxZoom == null) {
    // markercluster needs it, and the blank base has no tiles that would set it
    map.setMaxZoom(19);
  }
  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    disableClusteringAtZoom: UNCLUSTERED_ZOOM,
    maxClusterRadius: 50,
    chunkedLoading: true,
    iconCreateFunction: clusterIcon,
  });
  clusters.addTo(map);

  const panel = createIncidentPanel(panelEl, {
    acting: () => acting,
    departments: () => lists.departments,
    matters: () => lists.matters,
    onUpdated: (detail) => upsertFromDetail(detail),
    onShown: (id) => select(id),
    onClose: () => {
      select(null);
      setUrlIncident(null);
      map.invalidateSize();
    },
  });

  // ---- markers -------------------------------------------------------------------------

  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    let urgency = 0;
    for (const marker of children) {
      urgency = Math.max(urgency, URGENCY[marker.options.deadlineState] || 0);
    }
    const count = cluster.getChildCount();
    const size = count < 10 ? 's' : count < 100 ? 'm' : 'l';
    const px = { s: 30, m: 38, l: 46 }[size];
    return L.divIcon({
      html: h('span', null, formatNumber(count)),
      className: `gm-inc-cluster gm-cl-${size} gm-dl-${URGENCY_CLASS[urgency]}`,
      iconSize: L.point(px, px),
    });
  }

  function markerIcon(p, id) {
    const classes = ['gm-inc', 'gm-st-' + token(STATUS_GROUP[p.status] || 'new'), 'gm-dl-' + token(p.deadlineState)];
    if (id === selectedId) {
      classes.push('gm-selected');
    }
    return L.divIcon({ html: '', className: classes.join(' '), iconSize: [18, 18], iconAnchor: [9, 9] });
  }

  function tooltip(marker) {
    const p = (marker.feature && marker.feature.properties) || {};
    return h('div', { className: 'gm-inc-tip' },
      h('strong', null, localName(p.matterName, p.matterNameEn)), ' · ',
      codeLabel('status', p.status), ' · ', codeLabel('deadline', p.deadlineState),
      p.gridName ? h('div', null, p.gridName) : null);
  }

  function latLngOf(feature) {
    const c = feature && feature.geometry && feature.geometry.coordinates;
    return Array.isArray(c) && c.length >= 2 && Number.isFinite(c[0]) && Number.isFinite(c[1]) ? L.latLng(c[1], c[0]) : null;
  }

  function idOf(feature) {
    const raw = feature.id ?? (feature.properties && feature.properties.id);
    const id = Number(raw);
    return Number.isFinite(id) ? id : null;
  }

  function makeMarker(feature, id) {
    const p = feature.properties || {};
    const marker = L.marker(latLngOf(feature), {
      icon: markerIcon(p, id),
      deadlineState: p.deadlineState,
      keyboard: true,
      riseOnHover: true,
    });
    marker.feature = feature;
    marker.incidentId = id;
    marker.bindTooltip(tooltip, { direction: 'top', offset: [0, -8] });
    marker.on('click', () => openIncident(id));
    marker.on('add', () => {
      const el = marker.getElement();
      if (el) {
        el.dataset.incidentId = String(id);
      }
    });
    return marker;
  }

  /** Adds or updates one incident's marker; returns 'added', 'updated', 'removed' or null. */
  function upsert(feature, { matchCheck = true } = {}) {
    const id = idOf(feature);
    const latlng = latLngOf(feature);
    if (id == null || latlng == null) {
      return null;
    }
    const existing = markers.get(id);
    if (matchCheck && !matches(feature.properties || {})) {
      if (existing) {
        clusters.removeLayer(existing);
        markers.delete(id);
        return 'removed';
      }
      return null;
    }
    if (!existing) {
      const marker = makeMarker(feature, id);
      markers.set(id, marker);
      clusters.addLayer(marker);
      return 'added';
    }
    existing.feature = feature;
    existing.options.deadlineState = (feature.properties || {}).deadlineState;
    if (!existing.getLatLng().equals(latlng)) {
      clusters.removeLayer(existing);
      existing.setLatLng(latlng);
      existing.setIcon(markerIcon(feature.properties || {}, id));
      clusters.addLayer(existing);
    } else {
      existing.setIcon(markerIcon(feature.properties || {}, id));
      clusters.refreshClusters(existing);
    }
    return 'updated';
  }

  /** Updates the marker from an incident detail (after an action). */
  function upsertFromDetail(detail) {
    const id = Number(detail.id);
    const existing = markers.get(id);
    const geometry = existing
      ? existing.feature.geometry
      : { type: 'Point', coordinates: [Number(detail.lon), Number(detail.lat)] };
    const properties = { ...(existing ? existing.feature.properties : {}) };
    for (const key of ['id', 'trackingCode', 'matterCode', 'matterName', 'matterNameEn', 'departmentCode',
      'departmentName', 'status', 'deadlineState', 'reportedAt', 'deadline', 'closedAt', 'gridCode', 'gridName',
      'streetCode', 'channel', 'description']) {
      if (key in detail) {
        properties[key] = detail[key];
      }
    }
    upsert({ type: 'Feature', id, geometry, properties });
    renderCount();
  }

  function flash(id) {
    const marker = markers.get(id);
    if (!marker) {
      return;
    }
    const shown = clusters.getVisibleParent(marker) || marker;
    const el = shown.getElement && shown.getElement();
    if (el) {
      el.classList.add('gm-flash');
      window.setTimeout(() => el.classList.remove('gm-flash'), FLASH_MS);
    }
  }

  function select(id) {
    const previous = selectedId;
    selectedId = id;
    for (const other of [previous, id]) {
      const marker = other != null && markers.get(other);
      if (marker) {
        marker.setIcon(markerIcon(marker.feature.properties || {}, other));
      }
    }
  }

  // ---- filters -------------------------------------------------------------------------

  function matches(p) {
    if (filters.statuses.length && !filters.statuses.includes(p.status)) {
      return false;
    }
    if (filters.matter && p.matterCode !== filters.matter) {
      return false;
    }
    if (filters.department && p.departmentCode !== filters.department) {
      return false;
    }
    if (filters.street && p.streetCode !== filters.street) {
      return false;
    }
    if (filters.grid && p.gridCode !== filters.grid) {
      return false;
    }
    if (filters.overdue && p.deadlineState !== 'overdue') {
      return false;
    }
    const at = Date.parse(p.reportedAt);
    if (Number.isFinite(at)) {
      const from = filters.from ? dayStart(filters.from) : Date.now() - DEFAULT_WINDOW;
      if (at < from) {
        return false;
      }
      if (filters.to && at >= dayStart(filters.to) + DAY) {
        return false;
      }
    }
    return true;
  }

  function itemsUrl() {
    const q = new URLSearchParams();
    if (filters.statuses.length) {
      q.set('status', filters.statuses.join(','));
    }
    for (const key of ['matter', 'department', 'street', 'grid']) {
      if (filters[key]) {
        q.set(key, filters[key]);
      }
    }
    if (filters.from) {
      q.set('from', new Date(dayStart(filters.from)).toISOString());
    }
    if (filters.to) {
      q.set('to', new Date(dayStart(filters.to) + DAY).toISOString());
    }
    if (filters.overdue) {
      q.set('deadline', 'overdue');
    }
    q.set('limit', String(PAGE_LIMIT));
    return '/api/v1/incidents?' + q;
  }

  /** Replaces the layer's markers with the incidents matching the filters. */
  function load() {
    const seq = ++loadSeq;
    status.loading = true;
    status.error = null;
    pending = [];
    renderCount();
    return fetchAllFeatures(itemsUrl()).then((collection) => {
      if (seq !== loadSeq) {
        return markers.size;
      }
      clusters.clearLayers();
      markers.clear();
      const fresh = [];
      for (const feature of collection.features) {
        const id = idOf(feature);
        const latlng = latLngOf(feature);
        if (id == null || latlng == null || markers.has(id)) {
          continue;
        }
        const marker = makeMarker(feature, id);
        markers.set(id, marker);
        fresh.push(marker);
      }
      clusters.addLayers(fresh);
      const queued = pending || [];
      pending = null;
      queued.forEach(applyEvent);
      status.loading = false;
      status.total = typeof collection.numberMatched === 'number' ? collection.numberMatched : null;
      renderCount();
      return markers.size;
    }, (error) => {
      if (seq === loadSeq) {
        pending = null;
        status.loading = false;
        status.error = error && error.message ? error.message : String(error);
        renderCount();
      }
      throw error;
    });
  }

  function scheduleReload(delay = 250) {
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => load().catch(() => {}), delay);
  }

  function renderCount() {
    const el = filtersEl.querySelector('.gm-inc-count');
    if (!el) {
      return;
    }
    clear(el);
    el.dataset.count = String(markers.size);
    if (status.loading) {
      el.appendChild(h('span', { className: 'gm-muted' }, t('inc.loading')));
    } else if (status.error) {
      el.appendChild(h('span', { className: 'gm-error', role: 'alert' }, t('inc.failed', { message: status.error })));
    } else if (status.total != null && status.total > markers.size) {
      el.appendChild(h('strong', null, t('inc.countOf', { count: formatNumber(markers.size), total: formatNumber(status.total) })));
    } else {
      el.appendChild(h('strong', null, t('inc.count', { count: formatNumber(markers.size) })));
    }
    const live = filtersEl.querySelector('.gm-inc-live');
    if (live) {
      clear(live);
      if (status.live === true) {
        live.appendChild(h('span', { className: 'gm-live-on' }, t('inc.live')));
      } else if (status.live === false) {
        live.appendChild(h('span', { className: 'gm-live-off' }, t('inc.offline')));
      }
      if (status.notice) {
        const { id, key, matter } = status.notice;
        live.appendChild(h('button', { type: 'button', className: 'gm-notice', dataset: { incidentId: String(id) } },
          t(key, { matter })));
      }
    }
  }

  function field(label, control, hint) {
    return h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, label), control,
      hint ? h('small', { className: 'gm-muted' }, hint) : null);
  }

  function select_(name, allLabel, options, value) {
    const el = h('select', { name },
      h('option', { value: '' }, allLabel),
      options);
    el.value = value;
    if (el.value !== value) {
      el.value = '';
    }
    return el;
  }

  function renderFilters() {
    clear(filtersEl);
    const statusBoxes = h('fieldset', { className: 'gm-statuses' },
      h('legend', null, t('filter.status')),
      STATUSES.map((code) => {
        const box = h('input', { type: 'checkbox', name: 'status', value: code });
        box.checked = filters.statuses.includes(code);
        return h('label', { className: 'gm-check' }, box,
          h('span', { className: 'gm-dot gm-st-' + STATUS_GROUP[code] }), codeLabel('status', code));
      }));

    const departmentOptions = lists.departments.map((d) => h('option', { value: d.code }, localName(d.name, d.nameEn)));
    const shownMatters = lists.matters.filter((m) => !filters.department || m.departmentCode === filters.department);
    const byDepartment = new Map();
    for (const m of shownMatters) {
      const key = m.departmentCode || '';
      if (!byDepartment.has(key)) {
        byDepartment.set(key, []);
      }
      byDepartment.get(key).push(m);
    }
    const departmentName = (code) => {
      const d = lists.departments.find((x) => x.code === code);
      return d ? localName(d.name, d.nameEn) : code;
    };
    const matterOptions = [...byDepartment.entries()].map(([dept, items]) => h('optgroup',
      { label: departmentName(dept) || (items[0] && items[0].departmentName) || '' },
      items.map((m) => h('option', { value: m.code }, localName(m.name, m.nameEn)))));
    const streetOptions = lists.streets.map((s) => h('option', { value: s.code }, s.name || s.code));

    const grid = h('input', { type: 'text', name: 'grid', inputmode: 'numeric', autocomplete: 'off',
      placeholder: t('filter.gridPlaceholder'), value: filters.grid });
    const from = h('input', { type: 'date', name: 'from', value: filters.from });
    const to = h('input', { type: 'date', name: 'to', value: filters.to });
    const overdue = h('input', { type: 'checkbox', name: 'overdue' });
    overdue.checked = filters.overdue;

    const form = h('form', { className: 'gm-filter-form', role: 'search' },
      statusBoxes,
      field(t('filter.matter'), select_('matter', t('filter.all'), matterOptions, filters.matter)),
      field(t('filter.department'), select_('department', t('filter.all'), departmentOptions, filters.department)),
      field(t('filter.street'), select_('street', t('filter.all'), streetOptions, filters.street)),
      field(t('filter.grid'), grid),
      h('div', { className: 'gm-dates' },
        field(t('filter.from'), from),
        field(t('filter.to'), to)),
      h('small', { className: 'gm-muted' }, t('filter.defaultWindow')),
      h('label', { className: 'gm-check gm-overdue' }, overdue, t('filter.overdue')),
      h('button', { type: 'reset', className: 'gm-button gm-reset' }, t('filter.reset')));

    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('change', (e) => readForm(form, e.target && e.target.name === 'department'));
    grid.addEventListener('input', () => {
      const value = grid.value.trim();
      if (value === '' || /^\d{6,}$/.test(value)) {
        readForm(form, false, 600);
      }
    });
    form.addEventListener('reset', (e) => {
      e.preventDefault();
      Object.assign(filters, emptyFilters());
      renderFilters();
      scheduleReload(0);
    });

    const nameInput = h('input', { type: 'text', name: 'actor', maxlength: '100', autocomplete: 'name', value: acting.name });
    const roleSelect = h('select', { name: 'role' }, ROLES.map((r) => h('option', { value: r }, codeLabel('actor', r))));
    roleSelect.value = acting.role;
    const actingForm = h('form', { className: 'gm-acting' },
      h('h3', null, t('acting.title')),
      field(t('acting.name'), nameInput),
      field(t('acting.role'), roleSelect));
    actingForm.addEventListener('submit', (e) => e.preventDefault());
    const updateActing = () => {
      acting = { name: nameInput.value.trim() || t('acting.defaultName'), role: roleSelect.value };
      storeActing(acting);
      panel.rerender();
    };
    nameInput.addEventListener('change', updateActing);
    roleSelect.addEventListener('change', updateActing);

    const toggle = h('button', { type: 'button', className: 'gm-filter-toggle', 'aria-expanded': 'false' }, t('filter.toggle'));
    toggle.addEventListener('click', () => {
      const open = filtersEl.classList.toggle('gm-open');
      toggle.setAttribute('aria-expanded', String(open));
    });
    toggle.setAttribute('aria-expanded', String(filtersEl.classList.contains('gm-open')));

    filtersEl.append(
      h('div', { className: 'gm-filter-head' },
        h('h2', { id: 'gm-filters-title' }, t('filter.title')),
        toggle),
      h('p', { className: 'gm-inc-count', role: 'status', 'aria-live': 'polite' }),
      h('div', { className: 'gm-inc-live' }),
      h('div', { className: 'gm-filter-body' }, form, actingForm));
    filtersEl.querySelector('.gm-inc-live').addEventListener('click', (e) => {
      const button = e.target.closest('.gm-notice');
      if (button) {
        openIncident(Number(button.dataset.incidentId), true);
      }
    });
    renderCount();
  }

  function readForm(form, departmentChanged, delay = 250) {
    const data = new FormData(form);
    filters.statuses = data.getAll('status').map(String);
    filters.matter = String(data.get('matter') || '');
    filters.department = String(data.get('department') || '');
    filters.street = String(data.get('street') || '');
    filters.grid = String(data.get('grid') || '').trim();
    filters.from = String(data.get('from') || '');
    filters.to = String(data.get('to') || '');
    filters.overdue = data.get('overdue') != null;
    if (departmentChanged) {
      const matter = lists.matters.find((m) => m.code === filters.matter);
      if (matter && filters.department && matter.departmentCode !== filters.department) {
        filters.matter = '';
      }
      renderFilters();
      const focus = filtersEl.querySelector('select[name="department"]');
      if (focus) {
        focus.focus();
      }
    }
    scheduleReload(delay);
  }

  // ---- legend --------------------------------------------------------------------------

  let legend = null;
  function renderLegend() {
    if (legend) {
      legend.remove();
    }
    const ring = (state, label) => h('li', null, h('span', { className: 'gm-ring gm-dl-' + state }), label);
    const element = h('div', { className: 'gm-legend gm-inc-legend leaflet-bar' },
      h('h4', null, t('legend.status')),
      h('ul', null, GROUPS.map((g) => h('li', null, h('span', { className: 'gm-dot gm-st-' + g }), t('group.' + g)))),
      h('h4', null, t('legend.deadline')),
      h('ul', null,
        ring('on_time', t('legend.onTime')),
        ring('due_soon', t('legend.dueSoon')),
        ring('overdue', t('legend.overdue'))),
      h('p', { className: 'gm-muted' }, t('legend.cluster')));
    legend = new ElementControl({ position: 'bottomleft', element }).addTo(map);
  }

  // ---- detail panel --------------------------------------------------------------------

  function setUrlIncident(id) {
    const url = new URL(window.location.href);
    if (id == null) {
      url.searchParams.delete('incident');
    } else {
      url.searchParams.set('incident', String(id));
    }
    window.history.replaceState(null, '', url);
  }

  function openIncident(id, reveal = false) {
    if (!Number.isFinite(id)) {
      return;
    }
    setUrlIncident(id);
    panel.open(id).then((detail) => {
      map.invalidateSize();
      if (!detail || !reveal) {
        return;
      }
      const marker = markers.get(id);
      const target = marker ? marker.getLatLng()
        : Number.isFinite(Number(detail.lat)) && Number.isFinite(Number(detail.lon)) ? L.latLng(Number(detail.lat), Number(detail.lon))
          : null;
      if (target) {
        // at UNCLUSTERED_ZOOM every marker stands alone
        map.once('moveend', () => window.setTimeout(() => flash(id), 50));
        map.setView(target, Math.max(map.getZoom(), UNCLUSTERED_ZOOM), { animate: false });
      }
    });
  }

  // ---- live stream ---------------------------------------------------------------------

  const seenEvents = new Set();

  function applyEvent(data) {
    const feature = data.feature;
    if (!feature) {
      return;
    }
    const outcome = upsert(feature);
    const id = idOf(feature);
    const p = feature.properties || {};
    if (outcome === 'added' || outcome === 'updated') {
      window.setTimeout(() => flash(id), 0);
      status.notice = {
        id,
        key: outcome === 'added' && data.action === 'report' ? 'inc.newArrived' : 'inc.updated',
        matter: localName(p.matterName, p.matterNameEn),
      };
    }
    if (id === panel.currentId()) {
      panel.changed(data.eventId);
    }
  }

  function onIncidentEvent(event) {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!data || typeof data !== 'object') {
      return;
    }
    const key = data.eventId ?? event.lastEventId;
    if (key != null && key !== '') {
      if (seenEvents.has(String(key))) {
        return;
      }
      seenEvents.add(String(key));
    }
    if (pending) {
      pending.push(data);
      return;
    }
    applyEvent(data);
    renderCount();
  }

  let source = null;
  let retry = null;
  function connect() {
    if (typeof window.EventSource !== 'function') {
      return;
    }
    source = new EventSource('/api/v1/incidents/stream');
    let dropped = false;
    source.addEventListener('incident', onIncidentEvent);
    source.addEventListener('open', () => {
      status.live = true;
      renderCount();
      if (dropped) {
        // events may have been missed while disconnected
        scheduleReload(0);
      }
    });
    source.addEventListener('error', () => {
      dropped = true;
      status.live = false;
      renderCount();
      if (source.readyState === EventSource.CLOSED) {
        window.clearTimeout(retry);
        retry = window.setTimeout(connect, 10000);
      }
    });
  }

  // ---- start ---------------------------------------------------------------------------

  renderFilters();
  renderLegend();

  const loadLists = Promise.allSettled([
    getJson('/api/v1/departments').then((list) => {
      lists.departments = Array.isArray(list) ? list : [];
    }),
    getJson('/api/v1/matters').then((list) => {
      lists.matters = Array.isArray(list) ? list : [];
    }),
  ]).then(() => {
    renderFilters();
    panel.rerender();
  });
  gridsReady.then(() => {
    lists.streets = streetList();
    renderFilters();
  }, () => {});

  onLangChange(() => {
    renderFilters();
    renderLegend();
    clusters.refreshClusters();
    panel.rerender();
  });

  window.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && panel.currentId() != null && !e.defaultPrevented) {
      panel.close();
    }
  });

  const ready = load();
  ready.catch(() => {});
  connect();

  const initial = Number(new URLSearchParams(window.location.search).get('incident'));
  if (Number.isInteger(initial) && initial > 0) {
    // after the first loads, so that the marker can be revealed and the grids' fitBounds is done
    Promise.allSettled([ready, gridsReady]).then(() => openIncident(initial, true));
  }
  loadLists.catch(() => {});

  return {
    ready,
    get count() {
      return markers.size;
    },
    byId: (id) => markers.has(Number(id)),
    reload: () => load(),
    open: (id) => openIncident(Number(id), true),
  };
}
