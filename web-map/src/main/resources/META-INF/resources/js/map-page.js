// Entry module of the map pages (/ and /map): header, language switch, the grid map, and
// window.gridmap = { ready, gridCount } for tests and other scripts.

import { applyTranslations, currentLang, onLangChange, setLang, t } from './i18n.js';
import { createGridMap } from './grid-map.js';

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

const { map, ready } = createGridMap(document.getElementById('gm-map'), document.getElementById('gm-status'));

const gridmap = { gridCount: 0, map };
gridmap.ready = ready.then((count) => {
  gridmap.gridCount = count;
  return count;
});
// a failure is shown in the status line; consumers of ready still see the rejection
gridmap.ready.catch(() => {});
window.gridmap = gridmap;
