// Entry module of the map pages (/ and /map): header, language switch, the grid map, on
// the dispatcher map (/map) the incidents, and window.gridmap = { ready, gridCount, map,
// incidents, layers, stations } for tests and other scripts (on /map only: incidents = { ready,
// count, byId }, the analysis layers = { active, count, ready(), show(layer) } and stations =
// { showCircle, coverage, siting, state }).

import { requireSignIn } from './auth.js';
import { applyTranslations, currentLang, onLangChange, setLang, t } from './i18n.js';
import { createGridMap } from './grid-map.js';
import { createIncidents } from './incidents.js';
import { createAnalysisLayers } from './map-layers.js';
import { createStationLayer } from './station-layer.js';

// The dispatcher's map (/map) is for staff; the entry map (/) stays public.
if (document.body.classList.contains('gm-dispatch')) {
  await requireSignIn();
}

applyTranslations();

const langButton = document.getElementById('gm-lang');
function labelLangButton() {
  langButton.textContent = t('lang.switch');
  langButton.setAttribute('aria-label', t('lang.switchLabel'));
  langButton.title = t('lang.switchLabel');
}
labelLangButton();
langButton.addEventListener('click', () => setLang(currentLang() === 'zh' ? 'en' : 'zh'));
onLangChange(labelLangButton);

const { map, ready, streetList, stations } = createGridMap(document.getElementById('gm-map'), document.getElementById('gm-status'));

const gridmap = { gridCount: 0, map };
gridmap.ready = ready.then((count) => {
  gridmap.gridCount = count;
  return count;
});
// a failure is shown in the status line; consumers of ready still see the rejection
gridmap.ready.catch(() => {});

if (document.body.classList.contains('gm-dispatch') && window.L.markerClusterGroup) {
  gridmap.incidents = createIncidents({
    map,
    gridsReady: ready,
    streetList,
    filtersEl: document.getElementById('gm-filters'),
    panelEl: document.getElementById('gm-incident'),
  });
  gridmap.layers = createAnalysisLayers({ map });
  // service circles, coverage and siting (station-layer.js)
  gridmap.stations = createStationLayer({ map, stations });
}
window.gridmap = gridmap;
