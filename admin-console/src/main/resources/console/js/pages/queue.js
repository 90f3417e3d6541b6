// One queue: figures, rate and length charts, consumers, bindings, browse (paged, selector and
// body filters, leaves the queue as it was), publish, purge, move/copy/delete, delete.
import { api, seg, query, ferry } from '../api.js';
import { h, fill, num, rate, bytes, props, table, stat, act, confirmAction, argTags } from '../dom.js';
import { SeriesChart, QUEUED_SERIES, rangeQuery, rangePicker } from '../charts.js';
import { publishForm, bindingsTable, addBindingForm } from './common.js';
import { browsePanel } from './browse.js';

const QUEUE_RATE_SERIES = [
  { key: 'publish', label: 'Publish', color: '#0ea5e9' },
  { key: 'deliver_get', label: 'Deliver / get', color: '#22c55e' },
  { key: 'ack', label: 'Ack', color: '#a855f7' },
  { key: 'redeliver', label: 'Redeliver', color: '#f97316' },
];

export async function render(view, [vhost, name], ctx) {
  const base = `/queues/${seg(vhost)}/${seg(name)}`;
  const figures = h('div', { class: 'stats', id: 'queue-figures' });
  const details = h('div');
  const consumers = h('div', { id: 'queue-consumers' });
  const bindings = h('div', { id: 'queue-bindings' });
  const rates = new SeriesChart(QUEUE_RATE_SERIES, { title: 'Message rates (per second)', id: 'chart-queue-rates' });
  const lengths = new SeriesChart(QUEUED_SERIES, { kind: 'gauge', title: 'Queued messages', id: 'chart-queue-lengths' });
  ctx.onLeave(() => { rates.destroy(); lengths.destroy(); });

  const refreshBindings = async () => {
    const list = await api.get(base + '/bindings');
    fill(bindings, bindingsTable(list, refreshBindings, { showDestination: false }));
  };

  fill(view,
    h('div', { class: 'crumbs' }, h('a', { href: '#/queues' }, 'Queues'), ` › virtual host ${vhost}`),
    h('div', { class: 'page-head' }, h('h1', { id: 'queue-name' }, name),
      h('div', { class: 'actions' }, rangePicker(() => ctx.rerender()),
        h('button', { id: 'purge-queue', class: 'danger', onclick: () => purge(vhost, name, refresh) }, 'Purge'),
        h('button', { id: 'delete-queue', class: 'danger', onclick: () => remove(vhost, name) }, 'Delete queue'))),
    figures,
    h('div', { class: 'grid' }, h('div', { class: 'card' }, rates.element), h('div', { class: 'card' }, lengths.element)),
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, h('h2', {}, 'Details'), details),
      h('div', { class: 'card' }, h('h2', {}, 'Consumers'), consumers)),
    h('div', { class: 'card' }, h('h2', {}, 'Browse messages'),
      h('p', { class: 'muted' }, 'Browsing looks at the messages without taking them: the queue stays exactly as it was.'),
      browsePanel(vhost, name, () => refresh())),
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, h('h2', {}, 'Publish a message'),
        h('p', { class: 'muted' }, `Published through the default exchange with routing key "${name}".`),
        publishForm(vhost, '', name)),
      h('div', { class: 'card' }, h('h2', {}, 'Bindings'), bindings,
        h('h3', {}, 'Add a binding to this queue'), addBindingForm(vhost, { queue: name }, refreshBindings))));

  async function refresh() {
    const q = await api.get(base + query(rangeQuery()));
    const stats = q.message_stats || {};
    fill(figures,
      stat('Ready', num(q.messages_ready), 'queue-ready'),
      stat('Unacked', num(q.messages_unacknowledged), 'queue-unacked'),
      stat('Total', num(q.messages), 'queue-total'),
      stat('Bytes', bytes(q.message_bytes), 'queue-bytes'),
      stat('Paged out', num(q.messages_paged_out), 'queue-paged'),
      stat('Consumers', num(q.consumers), 'queue-consumer-count'),
      stat('Incoming', rate(stats.publish_details), 'queue-publish-rate'),
      stat('Deliver / get', rate(stats.deliver_get_details), 'queue-deliver-rate'));
    rates.ingest(stats);
    lengths.ingest(q);
    fill(details, props([
      ['Virtual host', q.vhost],
      ['Type', q.type || 'classic'],
      ['State', q.state || 'running'],
      ['Durable', String(!!q.durable)],
      ['Auto delete', String(!!q.auto_delete)],
      ['Exclusive', q.exclusive ? 'yes' : 'no'],
      ['Arguments', Object.keys(q.arguments || {}).length
        ? h('div', {}, argTags(q.arguments), h('pre', {}, JSON.stringify(q.arguments, null, 2))) : 'none'],
      ['Dead letter exchange', deadLetterTarget(q.arguments || {})],
    ]));
    fill(consumers, table([
      { label: 'Channel', value: c => c.channel_details ? c.channel_details.name : '' },
      { label: 'Consumer tag', value: c => h('code', {}, c.consumer_tag) },
      { label: 'Ack required', value: c => c.ack_required ? 'yes' : 'no' },
      { label: 'Prefetch', value: c => num(c.prefetch_count), num: true },
      { label: 'Arguments', value: c => Object.keys(c.arguments || {}).length ? h('code', {}, JSON.stringify(c.arguments)) : '' },
    ], q.consumer_details || [], { empty: 'No consumers.' }));
  }

  try { rates.seed((await api.get(ferry.queueRates(vhost, name))).samples); } catch { /* live rates only */ }
  await Promise.all([refresh(), refreshBindings()]);
  ctx.every(refresh);
}

async function purge(vhost, name, refresh) {
  if (!await confirmAction('Purge queue?', `All ready messages in "${name}" will be deleted. Unacked messages stay.`,
    { confirmLabel: 'Purge' })) return;
  const { ok } = await act(() => api.del(`/queues/${seg(vhost)}/${seg(name)}/contents`),
    (r) => r && typeof r.message_count === 'number' ? `Purged ${num(r.message_count)} messages from "${name}".` : `Queue "${name}" purged.`);
  if (ok) refresh();
}

async function remove(vhost, name) {
  const ifEmpty = h('input', { type: 'checkbox', name: 'if_empty', value: 'true' });
  const ifUnused = h('input', { type: 'checkbox', name: 'if_unused', value: 'true' });
  const answer = await confirmAction('Delete queue?', `Queue "${name}" and every message in it will be deleted.`,
    { confirmLabel: 'Delete', extra: [h('label', { class: 'check' }, ifEmpty, 'Only if empty'), h('label', { class: 'check' }, ifUnused, 'Only if unused')] });
  if (!answer) return;
  const { ok } = await act(() => api.del(`/queues/${seg(vhost)}/${seg(name)}` + query({
    'if-empty': answer.get('if_empty') ? 'true' : undefined, 'if-unused': answer.get('if_unused') ? 'true' : undefined })),
  `Queue "${name}" deleted.`);
  if (ok) location.hash = '#/queues';
}

function deadLetterTarget(args) {
  const exchange = args['x-dead-letter-exchange'];
  if (exchange === undefined) return '–';
  const key = args['x-dead-letter-routing-key'];
  return `${exchange === '' ? '(AMQP default)' : exchange}${key !== undefined ? `, routing key "${key}"` : ''}`;
}
