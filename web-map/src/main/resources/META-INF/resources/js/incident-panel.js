// The side panel of one incident on the dispatcher map: matter, status, deadline with the
// time left (or overdue), grid, description, reporter, photo thumbnails, the timeline and
// buttons for the actions allowed now, with a small form for note / reason / department /
// rating. Built from text nodes only; refused actions show the problem's detail.

import { getJson, postJson } from './api.js';
import { appendChildren, clear, h, telLink } from './dom.js';
import { codeLabel, currentLang, formatDateTime, formatDuration, t } from './i18n.js';

const STATUS_GROUP = {
  reported: 'new',
  registered: 'new',
  dispatched: 'progress',
  handling: 'progress',
  handled: 'progress',
  verified: 'progress',
  closed: 'done',
  rejected: 'rejected',
};

const REASONS = ['invalid', 'duplicate', 'not_our_matter'];

/** Steps that must say what was done or found. */
const NOTE_REQUIRED = ['handle', 'fail_verification', 'return'];

function token(value) {
  return String(value ?? '').replace(/[^a-z0-9_-]/gi, '') || 'unknown';
}

function localName(name, nameEn) {
  return currentLang() === 'en' && nameEn ? nameEn : (name ?? '');
}

/** An http(s) address for a link or image, or null for anything else (javascript:, data:…). */
function safeUrl(value) {
  if (typeof value !== 'string' || value === '') {
    return null;
  }
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

function row(label, ...value) {
  return h('tr', null, h('th', { scope: 'row' }, label), h('td', null, ...value));
}

/** "剩余 3小时20分钟" / "已超时 2天3小时" for an open incident; '' once closed or rejected. */
function remaining(detail) {
  const deadline = Date.parse(detail.deadline);
  if (!Number.isFinite(deadline) || detail.status === 'closed' || detail.status === 'rejected') {
    return '';
  }
  const ms = deadline - Date.now();
  return ms >= 0 ? t('deadline.left', { time: formatDuration(ms) }) : t('deadline.over', { time: formatDuration(ms) });
}

/** The allowed actions as [{ action, roles }] in the server's order. */
function allowedActions(detail) {
  const byAction = new Map();
  for (const entry of Array.isArray(detail.allowedActions) ? detail.allowedActions : []) {
    const action = typeof entry === 'string' ? entry : entry && entry.action;
    if (!action) {
      continue;
    }
    if (!byAction.has(action)) {
      byAction.set(action, []);
    }
    const roles = typeof entry === 'object' ? [].concat(entry.role ?? entry.roles ?? []) : [];
    byAction.get(action).push(...roles);
  }
  return [...byAction.entries()].map(([action, roles]) => ({ action, roles: [...new Set(roles)] }));
}

/**
 * The panel in el. options: acting() → { name, role }, departments() and matters() → the
 * lists for names and the dispatch target, onUpdated(detail) after an action, onShown(id)
 * when an incident is shown, onClose().
 */
export function createIncidentPanel(el, options) {
  let currentId = null;
  let detail = null;
  let error = null;
  let message = null; // { kind: 'ok' | 'error' | 'info', text }
  let stale = false;
  let sending = false;
  let seq = 0;
  let form = { note: '', reason: '', department: '', rating: '' };

  el.hidden = true;

  window.setInterval(() => {
    const span = el.querySelector('.gm-remaining');
    if (span && detail) {
      span.textContent = remaining(detail);
    }
  }, 30000);

  function departmentName(code, fallback) {
    const d = options.departments().find((x) => x.code === code);
    return d ? localName(d.name, d.nameEn) : (fallback ?? code ?? '');
  }

  function header(title, sub) {
    const close = h('button', { type: 'button', className: 'gm-close', 'aria-label': t('detail.close'), title: t('detail.close') }, '×');
    close.addEventListener('click', () => api.close());
    return h('div', { className: 'gm-panel-head' },
      h('div', null,
        h('h2', { id: 'gm-incident-title', tabindex: '-1' }, title),
        sub ? h('p', { className: 'gm-muted' }, sub) : null),
      close);
  }

  function render() {
    const focusedAction = document.activeElement && el.contains(document.activeElement)
      ? document.activeElement.dataset.action : null;
    clear(el);
    if (currentId == null) {
      return;
    }
    if (!detail) {
      appendChildren(el, header(t('detail.loading')),
        error ? h('p', { className: 'gm-error', role: 'alert' }, t('detail.failed', { message: error })) : null);
      return;
    }
    const d = detail;
    const group = STATUS_GROUP[d.status] || 'new';
    el.dataset.incidentId = String(d.id);
    el.dataset.status = String(d.status ?? '');

    const grid = d.gridCode
      ? [d.gridName || '', ' ', h('code', { className: 'gm-code' }, d.gridCode)]
      : [h('span', { className: 'gm-muted' }, t('detail.outside'))];

    const reporter = d.reporter && (d.reporter.name || d.reporter.phone || d.reporter.email)
      ? h('p', { className: 'gm-reporter' },
        d.reporter.name ? h('span', { className: 'gm-person' }, d.reporter.name) : null, ' ',
        d.reporter.phone ? telLink(d.reporter.phone, t('grid.call', { phone: d.reporter.phone })) : null, ' ',
        d.reporter.email ? h('a', { href: 'mailto:' + String(d.reporter.email).replace(/[\s<>"]/g, '') }, d.reporter.email) : null)
      : h('p', { className: 'gm-muted' }, t('detail.noReporter'));

    const photos = (Array.isArray(d.photos) ? d.photos : [])
      .map((p, i) => ({ url: safeUrl(p && p.url), n: i + 1 }))
      .filter((p) => p.url);

    const timeline = Array.isArray(d.timeline) ? d.timeline : [];

    const satisfaction = Number(d.satisfaction);
    appendChildren(el,
      header(localName(d.matterName, d.matterNameEn), d.trackingCode ? t('detail.tracking') + ' ' + d.trackingCode : null),
      h('p', { className: 'gm-badges' },
        h('span', { className: 'gm-badge gm-st-' + group, dataset: { status: String(d.status ?? '') } }, codeLabel('status', d.status)),
        d.deadlineState ? h('span', { className: 'gm-badge gm-dl-' + token(d.deadlineState) }, codeLabel('deadline', d.deadlineState)) : null),
      h('table', { className: 'gm-facts' },
        h('tbody', null,
          row(t('detail.matter'), localName(d.matterName, d.matterNameEn)),
          row(t('detail.department'), departmentName(d.departmentCode, d.departmentName)),
          row(t('detail.reportedAt'), formatDateTime(d.reportedAt)),
          row(t('detail.deadline'), formatDateTime(d.deadline), ' ',
            h('span', { className: 'gm-remaining gm-dl-text-' + token(d.deadlineState) }, remaining(d))),
          d.closedAt ? row(t('detail.closedAt'), formatDateTime(d.closedAt)) : null,
          row(t('detail.grid'), ...grid),
          d.address ? row(t('detail.address'), d.address) : null,
          d.channel ? row(t('detail.channel'), codeLabel('channel', d.channel)) : null,
          d.assignedWorker ? row(t('detail.worker'), d.assignedWorker) : null,
          Number.isFinite(satisfaction) && satisfaction > 0
            ? row(t('detail.satisfaction'), h('span', { className: 'gm-stars', 'aria-hidden': 'true' },
              '★'.repeat(satisfaction) + '☆'.repeat(Math.max(0, 5 - satisfaction))), ' ',
            t('detail.stars', { n: satisfaction }))
            : null)),
      h('h3', null, t('detail.description')),
      h('p', { className: 'gm-description' }, d.description ?? ''),
      h('h3', null, t('detail.reporter')),
      reporter,
      photos.length
        ? h('div', { className: 'gm-photos-block' },
          h('h3', null, t('detail.photos')),
          h('ul', { className: 'gm-photos' }, photos.map((p) => h('li', null,
            h('a', { href: p.url, target: '_blank', rel: 'noopener' },
              h('img', { src: p.url, alt: t('detail.photo', { n: p.n }), loading: 'lazy' }))))))
        : null,
      h('h3', null, t('detail.timeline')),
      timeline.length
        ? h('ol', { className: 'gm-timeline' }, timeline.map((e) => h('li',
          { dataset: { action: String(e.action ?? ''), status: String(e.toStatus ?? '') } },
          h('time', { datetime: e.at ?? '' }, formatDateTime(e.at)), ' ',
          h('strong', { className: 'gm-tl-action' }, codeLabel('action', e.action)), ' ',
          h('span', { className: 'gm-tl-status' },
            e.fromStatus && e.fromStatus !== e.toStatus
              ? codeLabel('status', e.fromStatus) + ' → ' + codeLabel('status', e.toStatus)
              : codeLabel('status', e.toStatus)),
          e.actor || e.role
            ? h('div', { className: 'gm-tl-actor' }, e.actor ?? '', e.role ? ' · ' + codeLabel('actor', e.role) : '')
            : null,
          e.note ? h('p', { className: 'gm-tl-note' }, e.note) : null)))
        : h('p', { className: 'gm-muted' }, t('detail.noTimeline')),
      actionsSection(d));

    if (focusedAction) {
      const again = el.querySelector(`button[data-action="${CSS.escape(focusedAction)}"]`);
      if (again && !again.disabled) {
        again.focus();
      }
    }
  }

  function actionsSection(d) {
    const me = options.acting();
    const actions = allowedActions(d);
    const mine = actions.filter((a) => a.roles.length === 0 || a.roles.includes(me.role) || me.role === 'admin');
    const has = (name) => mine.some((a) => a.action === name);
    const section = h('section', { className: 'gm-actions-section' }, h('h3', null, t('detail.actions')));

    if (stale) {
      const reload = h('button', { type: 'button', className: 'gm-link' }, t('detail.reload'));
      reload.addEventListener('click', () => refresh());
      section.appendChild(h('p', { className: 'gm-stale' }, t('detail.stale'), ' ', reload));
    }
    if (actions.length === 0) {
      section.appendChild(h('p', { className: 'gm-muted' }, t('detail.noActions')));
    } else {
      const buttons = h('div', { className: 'gm-actions' }, actions.map((a) => {
        const allowed = mine.includes(a);
        const button = h('button', {
          type: 'button',
          className: 'gm-button gm-action' + (a.action === 'reject' || a.action === 'fail_verification' ? ' gm-warn' : ''),
          dataset: { action: a.action },
          title: allowed ? null : t('detail.otherRole', { role: a.roles.map((r) => codeLabel('actor', r)).join(' / ') }),
        }, codeLabel('action', a.action));
        button.disabled = sending || !allowed;
        button.addEventListener('click', () => perform(a.action));
        return button;
      }));
      section.appendChild(buttons);
    }

    if (mine.length > 0) {
      const note = h('textarea', { name: 'note', rows: '2', maxlength: '2000', placeholder: t('detail.notePlaceholder') });
      note.value = form.note;
      note.addEventListener('input', () => {
        form.note = note.value;
      });
      const fields = [h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('detail.note')), note)];
      if (has('reject')) {
        const reason = h('select', { name: 'reason' },
          h('option', { value: '' }, '—'),
          REASONS.map((r) => h('option', { value: r }, codeLabel('reason', r))));
        reason.value = form.reason;
        reason.addEventListener('change', () => {
          form.reason = reason.value;
        });
        fields.push(h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('detail.reason')), reason));
      }
      if (has('dispatch')) {
        const departments = options.departments();
        const department = h('select', { name: 'department' },
          departments.length === 0 ? h('option', { value: '' }, departmentName(d.departmentCode, d.departmentName)) : null,
          departments.map((x) => h('option', { value: x.code }, localName(x.name, x.nameEn))));
        department.value = form.department || d.departmentCode || '';
        department.addEventListener('change', () => {
          form.department = department.value;
        });
        fields.push(h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('detail.dispatchTo')), department));
      }
      if (has('rate')) {
        const rating = h('select', { name: 'rating' },
          h('option', { value: '' }, '—'),
          [5, 4, 3, 2, 1].map((n) => h('option', { value: String(n) }, '★'.repeat(n) + ' ' + t('detail.stars', { n }))));
        rating.value = form.rating;
        rating.addEventListener('change', () => {
          form.rating = rating.value;
        });
        fields.push(h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('detail.rating')), rating));
      }
      const actionForm = h('form', { className: 'gm-action-form' }, fields);
      actionForm.addEventListener('submit', (e) => e.preventDefault());
      section.appendChild(actionForm);
    }
    if (message) {
      section.appendChild(h('p', {
        className: 'gm-message gm-message-' + message.kind,
        role: message.kind === 'error' ? 'alert' : 'status',
      }, message.text));
    }
    return section;
  }

  function perform(action) {
    if (sending || detail == null) {
      return;
    }
    const me = options.acting();
    const body = { action, actor: me.name, role: me.role };
    if (form.note.trim()) {
      body.note = form.note.trim();
    }
    if (action === 'reject') {
      if (!form.reason) {
        message = { kind: 'error', text: t('detail.chooseReason') };
        render();
        return;
      }
      body.reason = form.reason;
    }
    if (NOTE_REQUIRED.includes(action) && !body.note) {
      message = { kind: 'error', text: t('detail.needNote', { action: codeLabel('action', action) }) };
      render();
      return;
    }
    if (action === 'dispatch' && form.department && form.department !== detail.departmentCode) {
      // only another department than the matter's owner is sent
      body.department = form.department;
    }
    if (action === 'rate') {
      if (!form.rating) {
        message = { kind: 'error', text: t('detail.chooseRating') };
        render();
        return;
      }
      body.rating = Number(form.rating);
    }
    const id = currentId;
    sending = true;
    message = { kind: 'info', text: t('detail.sending') };
    render();
    postJson(`/api/v1/incidents/${encodeURIComponent(id)}/actions`, body).then((updated) => {
      sending = false;
      if (id !== currentId) {
        return;
      }
      detail = updated;
      stale = false;
      form = { note: '', reason: '', department: '', rating: '' };
      message = { kind: 'ok', text: t('detail.done', { action: codeLabel('action', action) }) };
      render();
      options.onUpdated(updated);
    }, (err) => {
      sending = false;
      if (id !== currentId) {
        return;
      }
      const text = err && (err.detail || err.message) ? (err.detail || err.message) : String(err);
      message = { kind: 'error', text: t('detail.refused', { message: text }) };
      render();
    });
  }

  /** Loads the current incident again (keeping the message and the form). */
  function refresh() {
    const id = currentId;
    const mine = ++seq;
    return getJson(`/api/v1/incidents/${encodeURIComponent(id)}`).then((loaded) => {
      if (mine !== seq || id !== currentId) {
        return null;
      }
      detail = loaded;
      error = null;
      stale = false;
      render();
      return loaded;
    }, (err) => {
      if (mine !== seq || id !== currentId) {
        return null;
      }
      error = err && err.message ? err.message : String(err);
      render();
      return null;
    });
  }

  const api = {
    /** Shows incident id; resolves with its detail (null when it cannot be loaded). */
    open(id) {
      const changedIncident = id !== currentId;
      currentId = id;
      if (changedIncident) {
        detail = null;
        message = null;
        stale = false;
        form = { note: '', reason: '', department: '', rating: '' };
      }
      error = null;
      el.hidden = false;
      document.body.classList.add('gm-panel-open');
      render();
      return refresh().then((loaded) => {
        if (loaded) {
          options.onShown(id);
          if (changedIncident) {
            const title = el.querySelector('h2');
            if (title) {
              title.focus({ preventScroll: true });
            }
          }
        }
        return loaded;
      });
    },
    close() {
      if (currentId == null) {
        return;
      }
      currentId = null;
      detail = null;
      seq++;
      clear(el);
      el.hidden = true;
      document.body.classList.remove('gm-panel-open');
      options.onClose();
    },
    currentId: () => currentId,
    /** An event changed the shown incident: reload it, unless the dispatcher is typing. */
    changed(eventId) {
      if (currentId == null || sending) {
        return;
      }
      const timeline = detail && Array.isArray(detail.timeline) ? detail.timeline : [];
      if (eventId != null && timeline.some((e) => e && String(e.id) === String(eventId))) {
        return; // already shown (our own step)
      }
      if (form.note.trim() || form.reason || form.rating) {
        stale = true;
        render();
      } else {
        refresh();
      }
    },
    rerender: () => render(),
  };
  return api;
}
