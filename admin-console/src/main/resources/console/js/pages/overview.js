// Overview: queue totals, object totals and live message-rate charts for the whole broker.
import { api, query, ferry } from '../api.js';
import { h, fill, num, rate, stat, table } from '../dom.js';
import { SeriesChart, MESSAGE_RATE_SERIES, QUEUED_SERIES, rangeQuery, rangePicker } from '../charts.js';

export async function render(view, params, ctx) {
  const totals = h('div', { class: 'stats', id: 'queue-totals' });
  const objects = h('div', { class: 'stats', id: 'object-totals' });
  const rates = h('div', { class: 'stats', id: 'rate-figures' });
  const queued = new SeriesChart(QUEUED_SERIES, { kind: 'gauge', title: 'Queued messages', id: 'chart-queued' });
  const messageRates = new SeriesChart(MESSAGE_RATE_SERIES, { kind: 'rate', title: 'Message rates (per second)', id: 'chart-rates' });
  ctx.onLeave(() => { queued.destroy(); messageRates.destroy(); });
  const about = h('p', { class: 'muted', id: 'about' });
  const listeners = h('div');

  fill(view,
    h('div', { class: 'page-head' }, h('h1', {}, 'Overview'), about,
      h('div', { class: 'actions' }, rangePicker(() => ctx.rerender()))),
    totals,
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, messageRates.element),
      h('div', { class: 'card' }, queued.element)),
    rates,
    objects,
    h('div', { class: 'card' }, h('h2', {}, 'Listeners'), listeners));

  async function refresh() {
    const o = await api.get('/overview' + query(rangeQuery()));
    const q = o.queue_totals || {};
    const s = o.message_stats || {};
    const t = o.object_totals || {};
    fill(about, [o.product_name || 'FerryMQ', o.product_version || o.rabbitmq_version, o.node && `on ${o.node}`]
      .filter(Boolean).join(' '));
    fill(totals,
      stat('Ready', num(q.messages_ready), 'total-ready'),
      stat('Unacked', num(q.messages_unacknowledged), 'total-unacked'),
      stat('Total messages', num(q.messages), 'total-messages'));
    fill(rates, MESSAGE_RATE_SERIES.map(sr => stat(sr.label, rate(s[sr.key + '_details']), 'rate-' + sr.key)));
    fill(objects,
      ['connections', 'channels', 'exchanges', 'queues', 'consumers'].map(k => stat(k[0].toUpperCase() + k.slice(1), num(t[k]), 'count-' + k)));
    messageRates.ingest(s);
    queued.ingest({ ...q });
    fill(listeners, table([
      { label: 'Protocol', value: l => l.protocol },
      { label: 'Interface', value: l => l.ip_address },
      { label: 'Port', value: l => String(l.port), num: true },
    ], o.listeners || [], { empty: 'No listeners reported.' }));
  }

  // the broker's sampled history, where it keeps one (FerryMQ does; RabbitMQ answers 404)
  try { messageRates.seed((await api.get(ferry.rates())).samples); } catch { /* live rates only */ }
  await refresh();
  ctx.every(refresh);
}
