// All user-facing strings of the Gridmap pages, in Chinese (default) and English.
// The language comes from ?lang=zh|en, else from localStorage, else Chinese; the choice is
// remembered. Elements with data-i18n="key" get their text from here (never as HTML).

const STORAGE_KEY = 'gridmap.lang';
const LANGS = ['zh', 'en'];

const MESSAGES = {
  zh: {
    'app.title': 'Gridmap 网格地图',
    'app.name': '网格地图',
    'app.tagline': '社区网格化治理：查看本区每个网格的边界、网格员与服务驿站，点击网格查看公示牌。',
    'map.title': '调度地图',
    'nav.home': '首页',
    'nav.map': '地图',
    'nav.ogc': 'OGC API',
    'nav.lookup': '网格查询接口示例',
    'nav.health': '运行状态',
    'lang.switch': 'EN',
    'lang.switchLabel': 'Switch to English',
    'layer.osm': 'OpenStreetMap 地图',
    'layer.blank': '空白底图',
    'layer.grids': '网格',
    'layer.streets': '街道边界',
    'layer.stations': '服务驿站',
    'legend.title': '街道/乡镇',
    'status.loading': '正在加载网格…',
    'status.count': '{count} 个网格',
    'status.failed': '{what}加载失败：{message}',
    'status.network': '网络错误',
    'what.grids': '网格',
    'what.streets': '街道边界',
    'what.stations': '服务驿站',
    'grid.code': '网格编码',
    'grid.type': '类型',
    'grid.households': '户数',
    'grid.population': '人口',
    'grid.community': '社区/村',
    'grid.street': '街道/乡镇',
    'grid.staff': '网格公示',
    'grid.noStaff': '暂无公示人员',
    'grid.hotline': '服务热线',
    'grid.call': '拨打 {phone}',
    'type.urban': '城镇网格',
    'type.rural': '农村网格',
    'type.special': '专属网格',
    'role.grid_head': '网格长',
    'role.full_time': '专职网格员',
    'role.part_time': '兼职网格员',
    'role.party_leader': '党小组组长',
    'role.police': '民警/辅警',
    'role.property': '物业网格员',
    'role.mediator': '调解员',
    'role.other': '其他',
    'station.type': '类型',
    'station.address': '地址',
    'station.hours': '开放时间',
    'station.phone': '电话',
    'station.services': '服务',
  },
  en: {
    'app.title': 'Gridmap grid map',
    'app.name': 'Grid map',
    'app.tagline': 'Community grid governance: see every grid of the district with its boundary, grid workers and service stations; click a grid for its notice board.',
    'map.title': 'Dispatch map',
    'nav.home': 'Home',
    'nav.map': 'Map',
    'nav.ogc': 'OGC API',
    'nav.lookup': 'Grid lookup API example',
    'nav.health': 'Health',
    'lang.switch': '中文',
    'lang.switchLabel': '切换到中文',
    'layer.osm': 'OpenStreetMap',
    'layer.blank': 'Blank',
    'layer.grids': 'Grids',
    'layer.streets': 'Street boundaries',
    'layer.stations': 'Service stations',
    'legend.title': 'Streets / townships',
    'status.loading': 'Loading grids…',
    'status.count': '{count} grids',
    'status.failed': 'Could not load {what}: {message}',
    'status.network': 'network error',
    'what.grids': 'grids',
    'what.streets': 'street boundaries',
    'what.stations': 'service stations',
    'grid.code': 'Grid code',
    'grid.type': 'Type',
    'grid.households': 'Households',
    'grid.population': 'Population',
    'grid.community': 'Community',
    'grid.street': 'Street',
    'grid.staff': 'Notice board',
    'grid.noStaff': 'No staff published',
    'grid.hotline': 'Service hotline',
    'grid.call': 'Call {phone}',
    'type.urban': 'Urban grid',
    'type.rural': 'Rural grid',
    'type.special': 'Special grid',
    'role.grid_head': 'Grid head',
    'role.full_time': 'Full-time grid worker',
    'role.part_time': 'Part-time grid worker',
    'role.party_leader': 'Party group leader',
    'role.police': 'Police officer',
    'role.property': 'Property grid worker',
    'role.mediator': 'Mediator',
    'role.other': 'Other',
    'station.type': 'Type',
    'station.address': 'Address',
    'station.hours': 'Opening hours',
    'station.phone': 'Phone',
    'station.services': 'Services',
  },
};

const listeners = [];

function stored() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch (e) {
    return null;
  }
}

function store(lang) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch (e) {
    // storage disabled: the choice lasts for this page only
  }
}

function initialLang() {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (LANGS.includes(fromUrl)) {
    store(fromUrl);
    return fromUrl;
  }
  const remembered = stored();
  return LANGS.includes(remembered) ? remembered : 'zh';
}

let lang = initialLang();

/** The current language, 'zh' or 'en'. */
export function currentLang() {
  return lang;
}

/** The BCP 47 tag of the current language, for <html lang> and number formatting. */
export function locale() {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** The message for key with {name} placeholders filled from vars (plain text). */
export function t(key, vars) {
  const table = MESSAGES[lang];
  let text = key in table ? table[key] : (MESSAGES.zh[key] ?? key);
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  }
  return text;
}

/** Label of a notice-board role code (grid_head → 网格长); unknown codes show as given. */
export function roleLabel(role) {
  const key = 'role.' + role;
  return key in MESSAGES[lang] ? t(key) : String(role ?? '');
}

/** Label of a grid type code (urban, rural, special). */
export function typeLabel(type) {
  const key = 'type.' + type;
  return key in MESSAGES[lang] ? t(key) : String(type ?? '');
}

/** Formats a number for the current language. */
export function formatNumber(n) {
  return typeof n === 'number' ? n.toLocaleString(locale()) : String(n ?? '–');
}

/** Sets textContent of every [data-i18n] element (and aria-label of [data-i18n-label]). */
export function applyTranslations(root = document) {
  document.documentElement.lang = locale();
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel));
    el.title = t(el.dataset.i18nLabel);
  });
  const title = document.querySelector('title[data-i18n-title]');
  if (title) {
    document.title = t(title.dataset.i18nTitle);
  }
}

/** Switches language: remembers it, updates the URL's lang parameter, re-labels the page. */
export function setLang(next) {
  if (!LANGS.includes(next) || next === lang) {
    return;
  }
  lang = next;
  store(next);
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', next);
    window.history.replaceState(null, '', url);
  }
  applyTranslations();
  listeners.forEach((fn) => fn(next));
}

/** Calls fn(lang) after every language switch. */
export function onLangChange(fn) {
  listeners.push(fn);
}
