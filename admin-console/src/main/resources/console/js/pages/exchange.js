// One exchange: rates, bindings from it and to it, publish, delete.
import { api, seg, query } from '../api.js';
import { h, fill, props, act, confirmAction, argTags } from '../dom.js';
import { SeriesChart, rangeQuery, rangePicker } from '../charts.js';
import { publishForm, bindingsTable, addBindingForm } from './common.js';

const EXCHANGE_RATE_SERIES = [
  { key: 'publish_in', label: 'Publish in', color: '#0ea5e9' },
  { key: 'publish_out', label: 'Publish out', color: '#22c55e' },
];

export async function render(view, [vhost, name], ctx) {
  const pathName = name === '' ? 'amq.default' : name;
  const base = `/exchanges/${seg(vhost)}/${seg(pathName)}`;
  const details = h('div');
  const outgoing = h('div', { id: 'exchange-bindings-source' });
  const incoming = h('div', { id: 'exchange-bindings-destination' });
  const rates = new SeriesChart(EXCHANGE_RATE_SERIES, { title: 'Message rates (per second)', id: 'chart-exchange-rates' });
  ctx.onLeave(() => rates.destroy());
  const isDefault = name === '' || name === 'amq.default';

  const refreshBindings = async () => {
    const [src, dst] = await Promise.all([api.get(base + '/bindings/source'), api.get(base + '/bindings/destination')]);
    fill(outgoing, bindingsTable(src, refreshBindings, { showSource: false }));
    fill(incoming, bindingsTable(dst, refreshBindings, { showDestination: false }));
  };

  fill(view,
    h('div', { class: 'crumbs' }, h('a', { href: '#/exchanges' }, 'Exchanges'), ` › virtual host ${vhost}`),
    h('div', { class: 'page-head' }, h('h1', { id: 'exchange-name' }, isDefault ? '(AMQP default)' : name),
      h('div', { class: 'actions' }, rangePicker(() => ctx.rerender()),
        isDefault || name.startsWith('amq.') ? null : h('button', { class: 'danger', id: 'delete-exchange', onclick: () => remove(vhost, name) }, 'Delete exchange'))),
    h('div', { class: 'grid' }, h('div', { class: 'card' }, rates.element), h('div', { class: 'card' }, h('h2', {}, 'Details'), details)),
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, h('h2', {}, 'Bindings from this exchange'), outgoing,
        isDefault ? null : [h('h3', {}, 'Add a binding from this exchange'), addBindingForm(vhost, { exchange: name }, refreshBindings)]),
      h('div', { class: 'card' }, h('h2', {}, 'Bindings to this exchange'), incoming)),
    h('div', { class: 'card' }, h('h2', {}, 'Publish a message'), publishForm(vhost, isDefault ? '' : name)));

  async function refresh() {
    const e = await api.get(base + query(rangeQuery()));
    rates.ingest(e.message_stats || {});
    fill(details, props([
      ['Virtual host', e.vhost], ['Type', e.type], ['Durable', String(!!e.durable)], ['Auto delete', String(!!e.auto_delete)],
      ['Internal', String(!!e.internal)],
      ['Arguments', Object.keys(e.arguments || {}).length ? h('div', {}, argTags(e.arguments), h('pre', {}, JSON.stringify(e.arguments, null, 2))) : 'none'],
    ]));
  }
  await Promise.all([refresh(), refreshBindings()]);
  ctx.every(refresh);
}

async function remove(vhost, name) {
  if (!await confirmAction('Delete exchange?', `Exchange "${name}" and all its bindings will be deleted.`, { confirmLabel: 'Delete' })) return;
  const { ok } = await act(() => api.del(`/exchanges/${seg(vhost)}/${seg(name)}`), `Exchange "${name}" deleted.`);
  if (ok) location.hash = '#/exchanges';
}
