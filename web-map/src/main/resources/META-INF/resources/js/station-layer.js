// Service circles on the dispatcher map (/map): click a station for its 15-minute circle and
// its walking area on the street network side by side, with the share of each served grid's
// households inside each; a coverage view with the uncovered households as a layer; and
// suggested sites for new stations. The panel is a Leaflet control of its own, so the page's
// other panels are untouched. Exposes { showCircle, coverage, siting, state } for tests.

import { getJson, postJson } from './api.js';
import { clear, h } from './dom.js';
import { ElementControl } from './grid-map.js';
import { formatNumber, onLangChange, t } from './i18n.js';

const L = window.L;

const CIRCLE_STYLE = { color: '#1565c0', weight: 2, dashArray: '6 4', fillOpacity: 0.05, className: 'gm-circle' };
const NETWORK_STYLE = { color: '#2e7d32', weight: 1.5, fillColor: '#43a047', fillOpacity: 0.3, className: 'gm-network' };
const UNCOVERED_STYLE = { radius: 2.5, stroke: false, fillColor: '#d84315', fillOpacity: 0.8 };
const MAX_UNCOVERED = 20000;

function percent(share) {
  return typeof share === 'number' ? `${(share * 100).toFixed(1)}%` : '–';
}

export function createStationLayer({ map, stations }) {
  map.createPane('gm-circles').style.zIndex = 425;
  const renderer = L.canvas({ pane: 'gm-circles' });
  const circles = L.layerGroup().addTo(map);
  const uncovered = L.layerGroup().addTo(map);
  const sites = L.layerGroup().addTo(map);
  const state = { circle: null, coverage: null, siting: null, busy: false, error: null };

  const minutes = h('input', { type: 'number', min: '1', max: '60', value: '15', id: 'gm-sc-minutes', className: 'gm-sc-minutes' });
  const mode = h('select', { id: 'gm-sc-mode' });
  const method = h('select', { id: 'gm-sc-method' });
  const k = h('input', { type: 'number', min: '1', max: '20', value: '3', id: 'gm-sc-k', className: 'gm-sc-k' });
  const coverageButton = h('button', { type: 'button', className: 'gm-sc-coverage' });
  const sitingButton = h('button', { type: 'button', className: 'gm-sc-siting' });
  const clearButton = h('button', { type: 'button', className: 'gm-sc-clear' });
  const title = h('h4');
  const labels = {};
  const result = h('div', { className: 'gm-sc-result', 'aria-live': 'polite' });
  const panel = h('div', { className: 'gm-sc-panel leaflet-bar' },
    title,
    h('div', { className: 'gm-sc-row' },
      labels.minutes = h('label', { for: 'gm-sc-minutes' }), minutes,
      labels.mode = h('label', { for: 'gm-sc-mode' }), mode),
    h('div', { className: 'gm-sc-row' },
      labels.method = h('label', { for: 'gm-sc-method' }), method, coverageButton),
    h('div', { className: 'gm-sc-row' },
      labels.k = h('label', { for: 'gm-sc-k' }), k, sitingButton, clearButton),
    result);
  new ElementControl({ position: 'topright', element: panel }).addTo(map);

  function label() {
    title.textContent = t('sc.title');
    labels.minutes.textContent = t('sc.minutes');
    labels.mode.textContent = t('sc.mode');
    labels.method.textContent = t('sc.method');
    labels.k.textContent = t('sc.k');
    for (const [select, options] of [[mode, ['walk', 'cycle']], [method, ['circle', 'network']]]) {
      const chosen = select.value || options[0];
      clear(select);
      options.forEach((o) => select.appendChild(h('option', { value: o }, t(`sc.${o}`))));
      select.value = chosen;
    }
    coverageButton.textContent = t('sc.coverage');
    sitingButton.textContent = t('sc.siting');
    clearButton.textContent = t('sc.clear');
    render();
  }

  function query() {
    return { minutes: Number(minutes.value) || 15, mode: mode.value || 'walk', method: method.value || 'circle' };
  }

  function gridTable(circleGrids, networkGrids) {
    const byCode = new Map();
    circleGrids.forEach((g) => byCode.set(g.code, { name: g.name || g.code, circle: g.share }));
    networkGrids.forEach((g) => byCode.set(g.code, { ...(byCode.get(g.code) || { name: g.name || g.code }), network: g.share }));
    return h('table', { className: 'gm-sc-grids' },
      h('thead', null, h('tr', null, h('th', null, t('sc.grid')), h('th', null, t('sc.circleShare')), h('th', null, t('sc.networkShare')))),
      h('tbody', null, [...byCode.entries()].map(([code, g]) => h('tr', { dataset: { grid: code ?? '' } },
        h('td', null, g.name ?? ''), h('td', { className: 'gm-num' }, percent(g.circle)), h('td', { className: 'gm-num' }, percent(g.network))))));
  }

  function render() {
    clear(result);
    if (state.busy) {
      result.appendChild(h('p', { className: 'gm-muted' }, t('sc.loading')));
    }
    if (state.error) {
      result.appendChild(h('p', { className: 'gm-error', role: 'alert' }, state.error));
    }
    if (state.circle) {
      const { answer } = state.circle;
      const circle = answer.features.find((f) => f.id === 'circle');
      const network = answer.features.find((f) => f.id === 'network');
      const station = answer.features.find((f) => f.properties.kind === 'station');
      result.appendChild(h('div', { className: 'gm-sc-circle', dataset: { station: answer.station } },
        h('h5', null, station ? station.properties.name : answer.station),
        h('p', null, t('sc.circleSummary', { metres: formatNumber(Math.round(answer.query.reachMetres)), households: formatNumber(circle.properties.households) })),
        network
          ? h('p', { className: 'gm-sc-network' }, t('sc.networkSummary', { households: formatNumber(network.properties.households) }))
          : h('p', { className: 'gm-muted gm-sc-network-missing' }, t('sc.networkMissing', { reason: answer.network.reason || '' })),
        gridTable(circle.properties.grids, network ? network.properties.grids : [])));
    }
    if (state.coverage) {
      const c = state.coverage;
      result.appendChild(h('div', { className: 'gm-sc-cov' },
        h('p', { className: 'gm-sc-cov-summary' }, t('sc.coverageSummary', {
          share: percent(c.overall.share),
          covered: formatNumber(c.overall.coveredHouseholds),
          households: formatNumber(c.overall.households),
        })),
        h('p', { className: 'gm-sc-uncovered' }, t('sc.uncoveredShown', { count: formatNumber(c.uncoveredShown) })),
        c.overlaps.length ? h('p', null, t('sc.overlapTop', {
          a: c.overlaps[0].a.name, b: c.overlaps[0].b.name, shared: formatNumber(c.overlaps[0].sharedHouseholds),
        })) : null));
    }
    if (state.siting) {
      result.appendChild(h('ol', { className: 'gm-sc-sites' }, state.siting.features.map((f) => h('li', null,
        t('sc.site', { added: formatNumber(f.properties.addedHouseholds), share: percent(f.properties.share) })))));
    }
  }

  async function run(work) {
    state.busy = true;
    state.error = null;
    render();
    try {
      await work();
    } catch (e) {
      state.error = e && e.message ? e.message : String(e);
    } finally {
      state.busy = false;
      render();
    }
  }

  function showCircle(code, fit) {
    const q = query();
    return run(async () => {
      const answer = await getJson(`/api/v1/stations/${encodeURIComponent(code)}/circle?minutes=${q.minutes}&mode=${q.mode}`);
      circles.clearLayers();
      answer.features.filter((f) => f.id === 'network')
        .forEach((f) => L.geoJSON(f, { style: () => NETWORK_STYLE, pane: 'gm-circles', interactive: false }).addTo(circles));
      answer.features.filter((f) => f.id === 'circle')
        .forEach((f) => L.geoJSON(f, { style: () => CIRCLE_STYLE, pane: 'gm-circles', interactive: false }).addTo(circles));
      state.circle = { code, answer };
      if (fit) {
        map.fitBounds(circles.getLayers().map((l) => l.getBounds()).reduce((a, b) => a.extend(b)), { padding: [20, 20] });
      }
    });
  }

  function coverage() {
    const q = query();
    return run(async () => {
      const base = `minutes=${q.minutes}&mode=${q.mode}&method=${q.method}`;
      const answer = await getJson(`/api/v1/coverage?${base}&overlaps=5`);
      uncovered.clearLayers();
      let shown = 0;
      let next = `/api/v1/coverage/uncovered?${base}&limit=10000`;
      while (next && shown < MAX_UNCOVERED) {
        const page = await getJson(next);
        page.features.forEach((f) => {
          const [lon, lat] = f.geometry.coordinates;
          L.circleMarker([lat, lon], { ...UNCOVERED_STYLE, renderer, interactive: false }).addTo(uncovered);
        });
        shown += page.features.length;
        next = page.next || null;
      }
      state.coverage = { ...answer, uncoveredShown: shown };
    });
  }

  function siting() {
    const q = query();
    return run(async () => {
      const answer = await postJson('/api/v1/coverage/siting', { k: Number(k.value) || 3, minutes: q.minutes, mode: q.mode, method: q.method });
      sites.clearLayers();
      answer.features.forEach((f) => {
        const [lon, lat] = f.geometry.coordinates;
        L.marker([lat, lon], {
          icon: L.divIcon({ className: 'gm-sc-site', html: String(f.properties.rank), iconSize: [22, 22] }),
          title: t('sc.site', { added: f.properties.addedHouseholds, share: percent(f.properties.share) }),
        }).addTo(sites);
      });
      state.siting = answer;
    });
  }

  coverageButton.addEventListener('click', () => coverage());
  sitingButton.addEventListener('click', () => siting());
  clearButton.addEventListener('click', () => {
    [circles, uncovered, sites].forEach((layer) => layer.clearLayers());
    Object.assign(state, { circle: null, coverage: null, siting: null, error: null });
    render();
  });
  stations.on('click', (e) => {
    const code = e.layer && e.layer.feature && e.layer.feature.properties && e.layer.feature.properties.code;
    if (code) {
      showCircle(code);
    }
  });
  onLangChange(label);
  label();
  // /map?station=ST001 (the stations page links here) opens that station's circle
  const asked = new URLSearchParams(window.location.search).get('station');
  if (asked) {
    showCircle(asked, true);
  }
  return { showCircle, coverage, siting, state };
}
