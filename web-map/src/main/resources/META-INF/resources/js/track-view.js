// "查询进度 / Track a report" on /lookup: a tracking-code box and the report's public status
// from GET /api/v1/incidents/track/{code} (matter, department, status, deadline state, dates
// and the steps as a timeline). The endpoint returns no names, notes, contact or location.

import { getJson, ProblemError } from './api.js';
import { clear, h } from './dom.js';
import { codeLabel, currentLang, formatDateTime, t } from './i18n.js';

function row(label, ...value) {
  return h('tr', null, h('th', { scope: 'row' }, label), h('td', null, ...value));
}

/**
 * Builds the tracking box into section. options.onTrack(code) is called when the resident
 * asks for a code (to put it into the URL). Returns { show(code, {push}), render() }.
 */
export function createTrackView(section, options = {}) {
  let code = null;
  let report = null;
  let error = null;
  let loading = false;
  let seq = 0;

  const title = h('h2', { id: 'lk-track-title', dataset: { i18n: 'tr.title' } }, t('tr.title'));
  const input = h('input', {
    id: 'tr-code', name: 'track', type: 'text', maxlength: '40', autocomplete: 'off', autocapitalize: 'characters',
    spellcheck: 'false', dataset: { i18nPlaceholder: 'tr.placeholder' },
  });
  const button = h('button', { type: 'submit', className: 'gm-button', dataset: { i18n: 'tr.submit' } }, t('tr.submit'));
  const form = h('form', { id: 'tr-form', className: 'lk-track-form' },
    h('label', { className: 'gm-field-label', for: 'tr-code', dataset: { i18n: 'tr.label' } }, t('tr.label')),
    h('div', { className: 'lk-inline' }, input, button));
  const result = h('div', { id: 'tr-result', className: 'lk-track-result', 'aria-live': 'polite' });
  section.appendChild(title);
  section.appendChild(form);
  section.appendChild(result);

  function renderResult() {
    clear(result);
    if (loading) {
      result.appendChild(h('p', null, t('tr.loading')));
      return;
    }
    if (error) {
      result.appendChild(h('p', { className: 'gm-error', role: 'alert' }, error.key ? t(error.key) : t('tr.failed', { message: error.text })));
      return;
    }
    if (!report) {
      return;
    }
    const matter = currentLang() === 'en' && report.matterNameEn ? report.matterNameEn : report.matterName;
    const steps = Array.isArray(report.steps) ? report.steps : [];
    result.appendChild(h('div', { className: 'lk-tracked', dataset: { status: String(report.status ?? '') } },
      h('p', { className: 'lk-tracked-code' }, h('code', { className: 'gm-code' }, report.trackingCode ?? '')),
      h('p', { className: 'lk-status lk-status-' + String(report.status ?? '').replace(/[^a-z_]/g, ''), id: 'tr-status' },
        codeLabel('ts', report.status)),
      h('table', { className: 'gm-facts lk-facts' }, h('tbody', null,
        row(t('tr.matter'), matter ?? ''),
        report.departmentName ? row(t('tr.department'), report.departmentName) : null,
        report.gridName || report.gridCode ? row(t('tr.grid'), report.gridName ?? '', ' ',
          report.gridCode ? h('code', { className: 'gm-code' }, report.gridCode) : null) : null,
        row(t('tr.reportedAt'), formatDateTime(report.reportedAt)),
        report.deadline ? row(t('tr.deadline'), formatDateTime(report.deadline),
          report.deadlineState ? h('span', { className: 'lk-deadline lk-dl-' + String(report.deadlineState).replace(/[^a-z_]/g, '') },
            codeLabel('deadline', report.deadlineState)) : null) : null,
        report.closedAt ? row(t('tr.closedAt'), formatDateTime(report.closedAt)) : null,
        report.rated ? row(t('tr.rated'), '✓') : null)),
      h('h3', null, t('tr.timeline')),
      h('ol', { className: 'gm-timeline lk-timeline' }, steps.map((step) => h('li', null,
        h('time', { datetime: String(step.at ?? '') }, formatDateTime(step.at)), ' ',
        h('span', { className: 'lk-step' }, codeLabel('action', step.action)),
        step.status ? h('span', { className: 'lk-step-status' }, ' → ', codeLabel('ts', step.status)) : null,
        step.role ? h('span', { className: 'gm-tl-actor' }, ' · ', codeLabel('actor', step.role)) : null)))));
  }

  function render() {
    section.querySelectorAll('[data-i18n]').forEach((el) => {
      el.textContent = t(el.dataset.i18n);
    });
    input.placeholder = t('tr.placeholder');
    renderResult();
  }

  async function show(requested, showOptions = {}) {
    const wanted = String(requested ?? '').trim().toUpperCase();
    if (!wanted) {
      return;
    }
    const mine = ++seq;
    code = wanted;
    input.value = wanted;
    loading = true;
    error = null;
    report = null;
    renderResult();
    if (showOptions.push !== false && options.onTrack) {
      options.onTrack(wanted);
    }
    try {
      const answer = await getJson('/api/v1/incidents/track/' + encodeURIComponent(wanted));
      if (mine !== seq) {
        return;
      }
      report = answer;
    } catch (e) {
      if (mine !== seq) {
        return;
      }
      if (e instanceof ProblemError && e.status === 404) {
        error = { key: 'tr.notFound' };
      } else {
        error = { text: e instanceof ProblemError ? e.detail : (e && e.message ? e.message : String(e)) };
      }
    }
    loading = false;
    renderResult();
    if (showOptions.scroll !== false) {
      section.scrollIntoView({ block: 'nearest' });
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    show(input.value);
  });

  render();
  return { show, render, get code() {
    return code;
  } };
}
