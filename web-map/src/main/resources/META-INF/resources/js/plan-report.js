// The /plan page's reports: the draft's validation problems (listed; the map draws them),
// the impact report as tables, and the plan's audit trail. Built from text nodes only.

import { clear, h } from './dom.js';
import { codeLabel, formatDateTime, formatNumber, roleLabel, t } from './i18n.js';

/** A grid's name for people: its code, else the code it will get, else its draft key. */
export function gridLabel(g) {
  return (g && (g.code || g.plannedCode || g.toCode || g.key)) || '';
}

/**
 * The validation report: a summary and one item per problem; onFocus(problem) when one
 * is chosen (the page zooms the map to it).
 */
export function renderValidation(el, report, onFocus) {
  clear(el);
  el.appendChild(h('h3', null, t('plan.validation')));
  if (!report) {
    el.appendChild(h('p', { className: 'gm-muted' }, t('plan.loading')));
    return;
  }
  const summary = report.valid
    ? t('plan.valid', { warnings: formatNumber(report.warnings) })
    : t('plan.invalid', { errors: formatNumber(report.errors), warnings: formatNumber(report.warnings) });
  el.appendChild(h('p', { className: report.valid ? 'gm-plan-valid' : 'gm-plan-invalid', dataset: { valid: String(report.valid) } },
    summary));
  if (!report.problems.length) {
    return;
  }
  el.appendChild(problemList(report.problems, onFocus));
}

/** Problems as a list (also for a refused publish). */
export function problemList(problems, onFocus) {
  return h('ul', { className: 'gm-plan-problems' }, problems.map((problem) => {
    const item = h('li', {
      className: 'gm-plan-problem-item gm-sev-' + problem.severity,
      dataset: { code: problem.code, severity: problem.severity },
    },
    h('button', { type: 'button', className: 'gm-link gm-problem-focus' },
      h('span', { className: 'gm-problem-code' }, codeLabel('plan.problem', problem.code))),
    ' ',
    h('span', { className: 'gm-problem-message' }, problem.message || ''),
    problem.grids && problem.grids.length ? h('span', { className: 'gm-muted' }, ' (', problem.grids.join('、'), ')') : null);
    item.querySelector('button').addEventListener('click', () => onFocus && onFocus(problem));
    return item;
  }));
}

function cell(value, className) {
  return h('td', className ? { className } : null, value);
}

/** The impact report: what moves (summary), the grids whose households change, staff and codes. */
export function renderImpact(el, impact) {
  clear(el);
  el.appendChild(h('h3', null, t('plan.impact')));
  if (!impact) {
    el.appendChild(h('p', { className: 'gm-muted' }, t('plan.loading')));
    return;
  }
  const moved = impact.addresses || { moved: 0, householdsMoved: 0 };
  const incidents = impact.incidents || { moved: 0 };
  el.appendChild(h('ul', { className: 'gm-plan-summary' },
    h('li', { dataset: { what: 'addresses' } }, t('plan.addressesMoved', {
      count: formatNumber(moved.moved), households: formatNumber(moved.householdsMoved),
    })),
    h('li', { dataset: { what: 'incidents' } }, t('plan.incidentsMoved', { count: formatNumber(incidents.moved) })),
    h('li', { dataset: { what: 'staff' } }, t('plan.staffMoved', { count: formatNumber((impact.staff || []).length) }))));

  const grids = (impact.grids || []).filter((g) => g.state !== 'unchanged'
    || g.householdsBefore !== g.householdsAfter);
  const unchanged = (impact.grids || []).length - grids.length;
  if (grids.length) {
    el.appendChild(h('table', { className: 'gm-plan-table gm-impact-grids' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('plan.col.grid')),
        h('th', { scope: 'col' }, t('plan.col.state')),
        h('th', { scope: 'col', className: 'gm-num' }, t('plan.col.before')),
        h('th', { scope: 'col', className: 'gm-num' }, t('plan.col.after')))),
      h('tbody', null, grids.map((g) => h('tr', { dataset: { key: g.key, state: g.state } },
        cell(h('code', null, gridLabel(g))),
        cell(codeLabel('plan.state', g.state)),
        cell(formatNumber(g.householdsBefore), 'gm-num'),
        cell(formatNumber(g.householdsAfter), 'gm-num'))))));
  }
  el.appendChild(h('p', { className: 'gm-muted' }, t('plan.unchangedGrids', { count: formatNumber(unchanged) })));

  if ((impact.staff || []).length) {
    el.appendChild(h('h4', null, t('plan.staffChanges')));
    el.appendChild(h('ul', { className: 'gm-plan-staff-moves' }, impact.staff.map((s) => h('li', null,
      roleLabel(s.role), ' ', s.name, ': ', s.from || '–', ' → ', s.to || t('plan.leaves'),
      ' (', codeLabel('plan.reason', s.reason), ')'))));
  }
  if ((impact.codePlan || []).length) {
    el.appendChild(h('h4', null, t('plan.codePlan')));
    el.appendChild(h('table', { className: 'gm-plan-table gm-code-plan' },
      h('tbody', null, impact.codePlan.map((c) => h('tr', { dataset: { key: c.key } },
        cell(h('code', null, c.key)), cell('→'), cell(h('code', null, c.code)))))));
  }
  if ((incidents.items || []).length) {
    el.appendChild(h('h4', null, t('plan.incidentList')));
    el.appendChild(h('ul', null, incidents.items.slice(0, 20).map((i) => h('li', null,
      h('code', null, i.trackingCode || String(i.id)), ' ', i.from || '–', ' → ', gridLabel({ code: i.toCode, key: i.to })))));
  }
}

const GRID_KINDS = ['reshape', 'split', 'merge', 'create', 'delete', 'attributes', 'staff'];

/** The audit trail, newest first; entries after `since` (a seq) are marked new. */
export function renderTrail(el, trail, since) {
  clear(el);
  el.appendChild(h('h3', null, t('plan.trail')));
  const entries = ((trail && (trail.changes || trail.entries)) || []).slice().reverse();
  if (!entries.length) {
    el.appendChild(h('p', { className: 'gm-muted' }, t('plan.noChanges')));
    return;
  }
  el.appendChild(h('ol', { className: 'gm-plan-trail', reversed: 'reversed' }, entries.slice(0, 50).map((e) => h('li', {
    className: (since != null && e.seq > since ? 'gm-trail-new ' : '') + (e.undone ? 'gm-trail-undone' : ''),
    dataset: { seq: String(e.seq), kind: e.kind },
  },
  h('span', { className: 'gm-trail-kind' }, codeLabel('plan.kind', e.kind)), ' ',
  (e.grids || []).length ? h('code', null, e.grids.join('、')) : null, ' · ',
  h('span', { className: 'gm-trail-author' }, e.author || ''), ' · ',
  h('time', { datetime: e.at }, formatDateTime(e.at)),
  e.undone ? h('span', { className: 'gm-muted' }, ' ', t('plan.undone')) : null))));
}

/** The last grid change of the trail that can still be undone (its seq), or null. */
export function lastUndoable(trail) {
  const entries = (trail && (trail.changes || trail.entries)) || [];
  for (let i = entries.length - 1; i >= 0; i--) {
    if (GRID_KINDS.includes(entries[i].kind) && !entries[i].undone) {
      return entries[i].seq;
    }
  }
  return null;
}

/** The entries of a trail after seq (what someone else did). */
export function entriesAfter(trail, seq) {
  const entries = (trail && (trail.changes || trail.entries)) || [];
  return entries.filter((e) => e.seq > seq);
}
