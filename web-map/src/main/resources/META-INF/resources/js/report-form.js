// The resident's report form on /lookup (随手拍 / 一键上报): category from the admitted-matters
// list, description, up to 5 photos, the page's current point (changed by tapping the map),
// optional name and phone. Sent as JSON, or as multipart with photos, under an
// Idempotency-Key made once per form fill, so a double tap or a retry never files twice.
// A 201 shows the tracking code; a 4xx shows the problem's detail and marks its parameter.

import { getJson, postForm, postJson, ProblemError } from './api.js';
import { clear, h } from './dom.js';
import { currentLang, formatDateTime, t } from './i18n.js';

const MAX_PHOTOS = 5;

/** A random UUID (crypto.randomUUID exists only in secure contexts). */
function uuid() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') {
    return window.crypto.randomUUID();
  }
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function field(id, labelKey, control, extra) {
  return h('div', { className: 'gm-field lk-field', dataset: { field: id } },
    h('label', { className: 'gm-field-label', for: id, dataset: { i18n: labelKey } }, t(labelKey)),
    control,
    extra);
}

/**
 * Builds the form into section. Returns { setPoint(point, answer, address), render(), focus() }:
 * point = { lon, lat, crs } or null; answer = the lookup answer (for the grid name) or null.
 */
export function createReportForm(section) {
  let matters = null;
  let mattersError = null;
  let point = null;
  let address = null;
  let gridName = null;
  let key = uuid();
  let sending = false;
  let receipt = null;
  let failure = null;

  const title = h('h2', { id: 'lk-report-title', dataset: { i18n: 'rp.title' } }, t('rp.title'));
  const intro = h('p', { className: 'gm-muted lk-small', dataset: { i18n: 'rp.intro' } }, t('rp.intro'));
  const receiptBox = h('div', { id: 'rp-receipt', className: 'lk-receipt', 'aria-live': 'polite' });
  const matter = h('select', { id: 'rp-matter', name: 'matter', required: 'required' });
  const description = h('textarea', {
    id: 'rp-description', name: 'description', rows: '4', maxlength: '4000', required: 'required',
    dataset: { i18nPlaceholder: 'rp.descriptionPlaceholder' },
  });
  const photos = h('input', { id: 'rp-photos', name: 'photo', type: 'file', accept: 'image/*', multiple: 'multiple' });
  const locationText = h('output', { id: 'rp-location', className: 'lk-location', for: 'lk-map' });
  const locationHint = h('span', { className: 'gm-muted lk-small', dataset: { i18n: 'rp.locationHint' } }, t('rp.locationHint'));
  const name = h('input', { id: 'rp-name', name: 'name', type: 'text', maxlength: '100', autocomplete: 'name' });
  const phone = h('input', { id: 'rp-phone', name: 'phone', type: 'tel', maxlength: '30', autocomplete: 'tel', inputmode: 'tel' });
  const submit = h('button', { id: 'rp-submit', type: 'submit', className: 'gm-button lk-submit' }, t('rp.submit'));
  const message = h('p', { id: 'rp-message', className: 'gm-error lk-message', role: 'alert' });
  const locationField = h('div', { className: 'gm-field lk-field', dataset: { field: 'location' } },
    h('span', { className: 'gm-field-label', dataset: { i18n: 'rp.location' } }, t('rp.location')),
    locationText, locationHint);

  const form = h('form', { id: 'rp-form', className: 'lk-form', novalidate: 'novalidate' },
    field('rp-matter', 'rp.matter', matter),
    field('rp-description', 'rp.description', description),
    field('rp-photos', 'rp.photos', photos),
    locationField,
    field('rp-name', 'rp.name', name),
    field('rp-phone', 'rp.phone', phone),
    message,
    submit);
  section.appendChild(title);
  section.appendChild(intro);
  section.appendChild(receiptBox);
  section.appendChild(form);

  const fieldOf = {
    matter: 'rp-matter',
    description: 'rp-description',
    photo: 'rp-photos',
    photos: 'rp-photos',
    lon: 'location',
    lat: 'location',
    crs: 'location',
    reporterName: 'rp-name',
    'reporter.name': 'rp-name',
    reporterPhone: 'rp-phone',
    'reporter.phone': 'rp-phone',
  };

  function markInvalid(parameter) {
    form.querySelectorAll('.lk-invalid').forEach((el) => {
      el.classList.remove('lk-invalid');
      el.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
    });
    const id = parameter && fieldOf[parameter];
    if (!id) {
      return;
    }
    const wrapper = form.querySelector(`[data-field="${id}"]`);
    if (wrapper) {
      wrapper.classList.add('lk-invalid');
      const control = wrapper.querySelector('input, select, textarea, output');
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        if (typeof control.focus === 'function') {
          control.focus();
        }
      }
    }
  }

  form.addEventListener('input', (e) => {
    const wrapper = e.target.closest('.lk-invalid');
    if (wrapper) {
      wrapper.classList.remove('lk-invalid');
      e.target.removeAttribute('aria-invalid');
    }
  });

  function renderMatters() {
    const selected = matter.value;
    clear(matter);
    matter.appendChild(h('option', { value: '' }, t(mattersError ? 'rp.mattersFailed' : 'rp.chooseMatter',
      { message: mattersError ?? '' })));
    if (!matters) {
      return;
    }
    const groups = new Map();
    matters.forEach((m) => {
      const group = m.departmentName || '';
      if (!groups.has(group)) {
        groups.set(group, []);
      }
      groups.get(group).push(m);
    });
    groups.forEach((items, group) => {
      const optgroup = h('optgroup', { label: group });
      items.forEach((m) => optgroup.appendChild(h('option', { value: m.code },
        currentLang() === 'en' && m.nameEn ? m.nameEn : (m.name ?? m.code))));
      matter.appendChild(optgroup);
    });
    matter.value = selected;
  }

  function renderLocation() {
    clear(locationText);
    if (!point) {
      locationText.appendChild(document.createTextNode(t('rp.noLocation')));
      locationText.classList.add('gm-muted');
      return;
    }
    locationText.classList.remove('gm-muted');
    if (address) {
      locationText.appendChild(h('span', { className: 'lk-location-address' }, address));
    }
    locationText.appendChild(h('span', { className: 'lk-location-point' },
      t('lk.lonLat', { lon: point.lon.toFixed(5), lat: point.lat.toFixed(5) }),
      point.crs ? ` (${point.crs})` : ''));
    if (gridName) {
      locationText.appendChild(h('span', { className: 'lk-location-grid' }, gridName));
    }
  }

  function renderReceipt() {
    clear(receiptBox);
    if (!receipt) {
      receiptBox.hidden = true;
      return;
    }
    receiptBox.hidden = false;
    const code = String(receipt.trackingCode ?? '');
    const follow = h('a', { className: 'gm-button lk-follow', href: '/lookup?track=' + encodeURIComponent(code) }, t('rp.follow'));
    const another = h('button', { type: 'button', className: 'gm-button gm-reset lk-another' }, t('rp.another'));
    another.addEventListener('click', () => {
      receipt = null;
      renderReceipt();
      matter.focus();
    });
    receiptBox.appendChild(h('div', { className: 'lk-receipt-box' },
      h('p', { className: 'lk-done' }, t('rp.done')),
      h('p', { className: 'lk-code-label' }, t('rp.trackingCode')),
      h('p', { className: 'lk-tracking-code', id: 'rp-tracking-code' }, code),
      h('p', { className: 'gm-muted lk-small' }, t('rp.keepCode')),
      receipt.deadline ? h('p', null, t('rp.deadline'), '：', formatDateTime(receipt.deadline)) : null,
      receipt.gridCode
        ? h('p', null, t('rp.assignedGrid'), '：', h('code', { className: 'gm-code' }, receipt.gridCode))
        : h('p', { className: 'gm-muted' }, t('rp.noGrid')),
      h('p', { className: 'lk-receipt-actions' }, follow, another)));
  }

  function renderMessage() {
    message.textContent = failure ? t('rp.failed', { message: failure.key ? t(failure.key) : failure.text }) : '';
    message.hidden = !failure;
  }

  function render() {
    section.querySelectorAll('[data-i18n]').forEach((el) => {
      el.textContent = t(el.dataset.i18n);
    });
    section.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
      el.placeholder = t(el.dataset.i18nPlaceholder);
    });
    submit.textContent = t(sending ? 'rp.sending' : 'rp.submit');
    renderMatters();
    renderLocation();
    renderReceipt();
    renderMessage();
  }

  function fail(failureValue, parameter) {
    failure = failureValue;
    renderMessage();
    markInvalid(parameter);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (sending) {
      return;
    }
    if (!matter.value) {
      fail({ key: 'rp.chooseMatter' }, 'matter');
      return;
    }
    if (!description.value.trim()) {
      fail({ key: 'rp.needDescription' }, 'description');
      return;
    }
    if (!point) {
      fail({ key: 'rp.noLocation' }, 'lon');
      return;
    }
    const files = [...(photos.files || [])];
    if (files.length > MAX_PHOTOS) {
      fail({ key: 'rp.tooManyPhotos' }, 'photo');
      return;
    }
    const reporter = {};
    if (name.value.trim()) {
      reporter.name = name.value.trim();
    }
    if (phone.value.trim()) {
      reporter.phone = phone.value.trim();
    }
    const body = {
      matter: matter.value,
      description: description.value,
      lon: point.lon,
      lat: point.lat,
      crs: point.crs || 'EPSG:4326',
      channel: 'app',
    };
    if (address) {
      body.address = address;
    }
    if (Object.keys(reporter).length) {
      body.reporter = reporter;
    }
    sending = true;
    submit.disabled = true;
    submit.textContent = t('rp.sending');
    failure = null;
    renderMessage();
    markInvalid(null);
    const headers = { 'Idempotency-Key': key };
    try {
      let answer;
      if (files.length) {
        const data = new FormData();
        data.append('report', JSON.stringify(body));
        files.forEach((file) => data.append('photo', file, file.name));
        answer = await postForm('/api/v1/incidents', data, headers);
      } else {
        answer = await postJson('/api/v1/incidents', body, headers);
      }
      receipt = answer;
      key = uuid();
      description.value = '';
      photos.value = '';
      matter.value = '';
      renderReceipt();
      receiptBox.scrollIntoView({ block: 'nearest' });
    } catch (error) {
      if (error instanceof ProblemError) {
        const parameter = error.problem && error.problem.parameter;
        fail({ text: error.detail }, parameter);
      } else {
        fail({ text: error && error.message ? error.message : String(error) });
      }
    } finally {
      sending = false;
      submit.disabled = false;
      submit.textContent = t('rp.submit');
    }
  });

  getJson('/api/v1/matters').then((list) => {
    matters = Array.isArray(list) ? list : [];
    renderMatters();
  }, (error) => {
    mattersError = error && error.message ? error.message : String(error);
    renderMatters();
  });

  render();

  return {
    setPoint(next, answer, chosenAddress) {
      point = next ? { ...next } : null;
      address = chosenAddress ?? null;
      gridName = answer && answer.grid ? answer.grid.name : null;
      renderLocation();
    },
    render,
    focus() {
      section.scrollIntoView({ behavior: 'smooth', block: 'start' });
      matter.focus({ preventScroll: true });
    },
  };
}
