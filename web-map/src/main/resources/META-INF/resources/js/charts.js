// Small accessible charts drawn as inline SVG (no chart library is available as a webjar):
// a line chart for time series and a horizontal bar chart. Each chart is an <svg role="img">
// labelled by its <title> and <desc>, with axis titles, tick labels, a <title> tooltip on
// every line and bar, and an HTML legend; all text goes in as text nodes, never as markup.

const SVG = 'http://www.w3.org/2000/svg';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999'];

let counter = 0;

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value != null) {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child == null) {
      continue;
    }
    el.appendChild(typeof child === 'string' || typeof child === 'number'
      ? document.createTextNode(String(child)) : child);
  }
  return el;
}

/** A "nice" upper bound and tick step for counts up to max (steps of 1, 2, 2.5 or 5 × 10ⁿ, at least 1). */
export function niceScale(max, ticks = 5) {
  if (!(max > 0)) {
    return { top: 1, step: 1 };
  }
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw));
  return { top: Math.ceil(max / step) * step, step };
}

/** Rough width in pixels of a label at 12 px: CJK characters are square, Latin about half. */
function textWidth(text) {
  let width = 0;
  for (const ch of String(text)) {
    width += ch.charCodeAt(0) > 0x2e80 ? 12 : 6.5;
  }
  return width;
}

function frame(container, title, description, width, height) {
  const id = `gm-chart-${++counter}`;
  const root = svg('svg', {
    class: 'gm-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMinYMin meet',
  },
  svg('title', { id: `${id}-title` }, title),
  svg('desc', { id: `${id}-desc` }, description));
  while (container.firstChild) {
    container.removeChild(container.firstChild);
  }
  const heading = document.createElement('h3');
  heading.className = 'gm-chart-title';
  heading.textContent = title;
  container.append(heading, root);
  return root;
}

function legend(container, items) {
  const list = document.createElement('ul');
  list.className = 'gm-chart-legend';
  for (const { name, colour } of items) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'gm-chart-swatch';
    swatch.style.background = colour;
    item.append(swatch, document.createTextNode(name));
    list.appendChild(item);
  }
  container.appendChild(list);
}

/**
 * Draws a line chart into container (its content is replaced).
 * options: title, description, labels (x values, strings), series [{ name, values, colour }],
 * xLabel, yLabel (axis titles), format (number → string for ticks and tooltips).
 */
export function lineChart(container, options) {
  const { title, description, labels, series, xLabel, yLabel } = options;
  const format = options.format || String;
  const width = 760;
  const height = 340;
  const margin = { left: 64, right: 20, top: 16, bottom: 64 };
  const root = frame(container, title, description, width, height);
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const { top, step } = niceScale(max);
  const x = (i) => margin.left + (labels.length > 1 ? (i * plotW) / (labels.length - 1) : plotW / 2);
  const y = (v) => margin.top + plotH - (v / top) * plotH;

  const axes = svg('g', { class: 'gm-chart-axes' });
  for (let v = 0; v <= top + step / 1000; v += step) {
    axes.appendChild(svg('line', { x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v), class: 'gm-chart-grid' }));
    axes.appendChild(svg('text', { x: margin.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'gm-chart-tick' }, format(v)));
  }
  const every = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((label, i) => {
    const last = labels.length - 1;
    if ((i % every === 0 && (i === last || last - i >= every / 2)) || i === last) {
      axes.appendChild(svg('line', { x1: x(i), x2: x(i), y1: margin.top + plotH, y2: margin.top + plotH + 4, class: 'gm-chart-axis' }));
      const anchor = labels.length > 1 && i === labels.length - 1 ? 'end' : (i === 0 && labels.length > 1 ? 'start' : 'middle');
      axes.appendChild(svg('text', { x: x(i), y: margin.top + plotH + 18, 'text-anchor': anchor, class: 'gm-chart-tick' }, label));
    }
  });
  axes.appendChild(svg('line', { x1: margin.left, x2: width - margin.right, y1: margin.top + plotH, y2: margin.top + plotH, class: 'gm-chart-axis' }));
  axes.appendChild(svg('line', { x1: margin.left, x2: margin.left, y1: margin.top, y2: margin.top + plotH, class: 'gm-chart-axis' }));
  axes.appendChild(svg('text', { x: margin.left + plotW / 2, y: height - 12, 'text-anchor': 'middle', class: 'gm-chart-label' }, xLabel));
  axes.appendChild(svg('text', {
    x: 14, y: margin.top + plotH / 2, 'text-anchor': 'middle', class: 'gm-chart-label',
    transform: `rotate(-90 14 ${margin.top + plotH / 2})`,
  }, yLabel));
  root.appendChild(axes);

  const lines = svg('g', { class: 'gm-chart-lines' });
  for (const s of series) {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    const total = s.values.reduce((a, b) => a + b, 0);
    const group = svg('g', { class: 'gm-chart-series' }, svg('title', {}, `${s.name}: ${format(total)}`));
    group.appendChild(svg('polyline', { points: points.join(' '), fill: 'none', stroke: s.colour, 'stroke-width': 2 }));
    if (s.values.length <= 40) {
      s.values.forEach((v, i) => {
        group.appendChild(svg('circle', { cx: x(i), cy: y(v), r: 2.5, fill: s.colour },
          svg('title', {}, `${s.name} · ${labels[i]}: ${format(v)}`)));
      });
    }
    lines.appendChild(group);
  }
  root.appendChild(lines);
  legend(container, series);
  return root;
}

/**
 * Draws a horizontal bar chart into container (its content is replaced).
 * options: title, description, bars [{ label, value, colour, note }], xLabel, format,
 * legendItems (optional [{ name, colour }]).
 */
export function barChart(container, options) {
  const { title, description, bars, xLabel } = options;
  const format = options.format || String;
  const labelWidth = Math.min(220, Math.max(60, ...bars.map((b) => textWidth(b.label)))) + 12;
  const noteWidth = Math.max(40, ...bars.map((b) => textWidth(`${format(b.value)} ${b.note || ''}`))) + 8;
  const width = 760;
  const row = 24;
  const margin = { left: labelWidth, right: noteWidth, top: 8, bottom: 48 };
  const height = margin.top + margin.bottom + Math.max(1, bars.length) * row;
  const root = frame(container, title, description, width, height);
  const plotW = width - margin.left - margin.right;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const { top, step } = niceScale(max);
  const x = (v) => margin.left + (v / top) * plotW;
  const plotBottom = margin.top + bars.length * row;

  const axes = svg('g', { class: 'gm-chart-axes' });
  for (let v = 0; v <= top + step / 1000; v += step) {
    axes.appendChild(svg('line', { x1: x(v), x2: x(v), y1: margin.top, y2: plotBottom, class: 'gm-chart-grid' }));
    axes.appendChild(svg('text', { x: x(v), y: plotBottom + 16, 'text-anchor': 'middle', class: 'gm-chart-tick' }, format(v)));
  }
  axes.appendChild(svg('line', { x1: margin.left, x2: margin.left, y1: margin.top, y2: plotBottom, class: 'gm-chart-axis' }));
  axes.appendChild(svg('text', { x: margin.left + plotW / 2, y: height - 8, 'text-anchor': 'middle', class: 'gm-chart-label' }, xLabel));
  root.appendChild(axes);

  const group = svg('g', { class: 'gm-chart-bars' });
  bars.forEach((bar, i) => {
    const y0 = margin.top + i * row;
    const text = `${bar.label}: ${format(bar.value)}${bar.note ? ` · ${bar.note}` : ''}`;
    const item = svg('g', { class: 'gm-chart-bar' }, svg('title', {}, text));
    item.appendChild(svg('text', { x: margin.left - 8, y: y0 + row / 2 + 4, 'text-anchor': 'end', class: 'gm-chart-tick' }, bar.label));
    item.appendChild(svg('rect', {
      x: margin.left, y: y0 + 4, height: row - 8, width: Math.max(0, x(bar.value) - margin.left), fill: bar.colour,
    }));
    item.appendChild(svg('text', { x: x(bar.value) + 6, y: y0 + row / 2 + 4, class: 'gm-chart-note' },
      `${format(bar.value)}${bar.note ? ` ${bar.note}` : ''}`));
    group.appendChild(item);
  });
  root.appendChild(group);
  if (options.legendItems) {
    legend(container, options.legendItems);
  }
  return root;
}
