// Rate and length charts over Chart.js (loaded as the global Chart from the bundled WebJar).
// The broker samples its counters; the API returns rates ("*_details.rate") and, when asked
// with msg_rates_age/msg_rates_incr, the samples behind them. A chart draws the server's samples
// when it has them and otherwise keeps the rates it saw at each refresh.

import { h } from './dom.js';

export const RANGES = {
  '1 min': { age: 60, incr: 5 },
  '10 min': { age: 600, incr: 5 },
  '1 hour': { age: 3600, incr: 60 },
  '8 hours': { age: 28800, incr: 600 },
};

const RANGE_KEY = 'ferrymq.console.chartRange';

export function chartRange() {
  return RANGES[localStorage.getItem(RANGE_KEY)] ? localStorage.getItem(RANGE_KEY) : '10 min';
}

/** The query parameters that ask the API for samples over the chosen range. */
export function rangeQuery() {
  const r = RANGES[chartRange()];
  return { lengths_age: r.age, lengths_incr: r.incr, msg_rates_age: r.age, msg_rates_incr: r.incr };
}

export function rangePicker(onChange) {
  const select = h('select', { class: 'range-picker', title: 'Chart range',
    onchange: (e) => { localStorage.setItem(RANGE_KEY, e.target.value); onChange(); } },
  Object.keys(RANGES).map(k => h('option', { value: k, selected: k === chartRange() }, k)));
  return h('label', { class: 'refresh' }, 'Charts', select);
}

export const MESSAGE_RATE_SERIES = [
  { key: 'publish', label: 'Publish', color: '#0ea5e9' },
  { key: 'deliver_get', label: 'Deliver / get', color: '#22c55e' },
  { key: 'ack', label: 'Ack', color: '#a855f7' },
  { key: 'redeliver', label: 'Redeliver', color: '#f97316' },
  { key: 'confirm', label: 'Confirm', color: '#eab308' },
  { key: 'return_unroutable', label: 'Return', color: '#ef4444' },
];

export const QUEUED_SERIES = [
  { key: 'messages_ready', label: 'Ready', color: '#0ea5e9' },
  { key: 'messages_unacknowledged', label: 'Unacked', color: '#f97316' },
  { key: 'messages', label: 'Total', color: '#64748b' },
];

/**
 * One chart of several series. kind "rate" reads cumulative counter samples (rates between
 * samples); kind "gauge" reads values (queue lengths).
 */
export class SeriesChart {
  constructor(series, { kind = 'rate', title, id } = {}) {
    this.series = series;
    this.kind = kind;
    this.local = new Map(series.map(s => [s.key, []]));
    this.canvas = h('canvas', { id, 'aria-label': title || 'chart', role: 'img' });
    this.element = h('div', { class: 'chart-box' }, this.canvas);
    const style = getComputedStyle(document.documentElement);
    const muted = style.getPropertyValue('--muted').trim() || '#888';
    const grid = style.getPropertyValue('--border').trim() || '#ddd';
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: { datasets: series.map(s => ({ label: s.label, data: [], borderColor: s.color,
        backgroundColor: s.color + '22', pointRadius: (c) => (c.dataset.data.length < 2 ? 3 : 0), borderWidth: 2, tension: 0.25, fill: false })) },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { labels: { color: muted, boxWidth: 12 } },
          title: { display: !!title, text: title, color: muted },
          tooltip: { callbacks: { title: (items) => items.length ? clock(items[0].parsed.x) : '' } },
        },
        scales: {
          x: { type: 'linear', ticks: { color: muted, maxTicksLimit: 6, callback: (v) => clock(v) }, grid: { color: grid } },
          y: { beginAtZero: true, ticks: { color: muted, precision: kind === 'gauge' ? 0 : undefined }, grid: { color: grid } },
        },
      },
    });
  }

  /**
   * Starts a rate chart from the broker's sampled history (FerryMQ's /api/ferrymq/.../rates:
   * [{timestamp_millis, rates: {publish: 12.5, ...}}]), so it shows the last minutes or hours
   * at once; later refreshes add to it.
   */
  seed(samples) {
    if (!Array.isArray(samples) || this.kind !== 'rate') return;
    const sorted = samples.slice().sort((a, b) => a.timestamp_millis - b.timestamp_millis);
    for (const s of this.series) {
      this.local.set(s.key, sorted.filter(x => x.rates && typeof x.rates[s.key] === 'number')
        .map(x => ({ x: x.timestamp_millis, y: x.rates[s.key] })));
    }
  }

  /** Takes a stats object (message_stats or a queue/overview with *_details) at this refresh. */
  ingest(stats, now = Date.now()) {
    const windowMs = RANGES[chartRange()].age * 1000;
    this.series.forEach((s, i) => {
      const details = stats ? stats[s.key + '_details'] : undefined;
      let points;
      if (details && Array.isArray(details.samples) && details.samples.length >= 2) {
        points = this.kind === 'rate' ? ratesFromSamples(details.samples) : valuesFromSamples(details.samples);
        this.local.set(s.key, points.slice());
      } else {
        points = this.local.get(s.key);
        const value = this.kind === 'rate'
          ? (details && typeof details.rate === 'number' ? details.rate : (stats ? 0 : null))
          : (stats && typeof stats[s.key] === 'number' ? stats[s.key] : null);
        if (value !== null) points.push({ x: now, y: value });
      }
      while (points.length && points[0].x < now - windowMs) points.shift();
      this.chart.data.datasets[i].data = points.slice();
    });
    // the x axis spans what there is (at least 30 s, at most the chosen range), ending now
    const first = Math.min(...this.chart.data.datasets.map(d => (d.data.length ? d.data[0].x : now)));
    const end = Math.max(now, ...this.chart.data.datasets.map(d => (d.data.length ? d.data[d.data.length - 1].x : now)));
    this.chart.options.scales.x.min = Math.max(end - windowMs, Math.min(first, end - 30_000));
    this.chart.options.scales.x.max = end;
    this.chart.update('none');
  }

  /** The newest value of each series, by key (used by the page's text figures). */
  latest() {
    const out = {};
    this.series.forEach((s, i) => {
      const d = this.chart.data.datasets[i].data;
      out[s.key] = d.length ? d[d.length - 1].y : null;
    });
    return out;
  }

  destroy() {
    this.chart.destroy();
  }
}

function ratesFromSamples(samples) {
  const sorted = samples.slice().sort((a, b) => a.timestamp - b.timestamp);
  const points = [];
  for (let i = 1; i < sorted.length; i++) {
    const dt = (sorted[i].timestamp - sorted[i - 1].timestamp) / 1000;
    if (dt > 0) points.push({ x: sorted[i].timestamp, y: Math.max(0, (sorted[i].sample - sorted[i - 1].sample) / dt) });
  }
  return points;
}

function valuesFromSamples(samples) {
  return samples.slice().sort((a, b) => a.timestamp - b.timestamp).map(s => ({ x: s.timestamp, y: s.sample }));
}

function clock(ms) {
  const d = new Date(ms);
  return d.toLocaleTimeString('en-GB', { hour12: false });
}
