// The JMS view: client IDs, durable and shared subscriptions with their topics and selectors,
// consumers that select, and in-doubt XA transactions with commit and rollback.
import { api, ferry, seg } from '../api.js';
import { h, fill, num, table } from '../dom.js';

export async function render(view, params, ctx) {
  const clients = h('div', { id: 'jms-clients' });
  const subscriptions = h('div', { id: 'jms-subscriptions' });
  const selecting = h('div', { id: 'jms-selecting' });
  const xa = h('div', { id: 'jms-xa' });
  fill(view, h('div', { class: 'page-head' }, h('h1', {}, 'JMS')),
    h('p', { class: 'muted' }, 'What Jakarta Messaging clients hold on this broker. A topic subscription is a queue bound to a topic exchange: follow its link to browse, move or purge its messages.'),
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, h('h2', {}, 'Client IDs'), clients),
      h('div', { class: 'card' }, h('h2', {}, 'In-doubt XA transactions'), xa)),
    h('div', { class: 'card' }, h('h2', {}, 'Durable and shared subscriptions'), subscriptions),
    h('div', { class: 'card' }, h('h2', {}, 'Consumers with a selector'), selecting));

  async function refresh() {
    const j = await api.get(ferry.jms());
    const ids = (j.client_ids || []).map(c => (typeof c === 'string' ? { client_id: c } : c));
    fill(clients, table([
      { label: 'Client ID', value: c => h('code', {}, c.client_id) },
      { label: 'Subscriptions', value: c => num((j.subscriptions || []).filter(s => s.client_id === c.client_id).length), num: true },
    ], ids, { empty: 'No client ID holds a subscription.' }));
    fill(subscriptions, table([
      { label: 'Subscription', value: s => h('code', {}, s.subscription ?? s.name) },
      { label: 'Client ID', value: s => s.client_id ? h('code', {}, s.client_id) : h('span', { class: 'muted' }, '(shared, none)') },
      { label: 'Kind', value: s => h('span', { class: 'tag' }, s.kind) },
      { label: 'Topic', value: s => (s.bindings || []).map(b => h('div', {}, h('code', {}, `${b.exchange} ${b.routing_key}`))) },
      { label: 'Selector', value: s => (s.bindings || []).filter(b => b.selector).map(b => h('div', {}, h('code', {}, b.selector))) },
      { label: 'Active', value: s => (s.consumers > 0 ? `yes (${s.consumers})` : 'no') },
      { label: 'Messages', value: s => num(s.messages), num: true },
      { label: 'Queue', value: s => h('a', { href: `#/queues/${seg(s.vhost)}/${seg(s.queue)}` }, s.queue) },
    ], j.subscriptions || [], { empty: 'No durable or shared subscriptions.' }));
    fill(selecting, table([
      { label: 'Queue', value: c => h('a', { href: `#/queues/${seg(c.vhost)}/${seg(c.queue)}` }, c.queue) },
      { label: 'Consumer tag', value: c => h('code', {}, c.consumer_tag) },
      { label: 'Connection', value: c => h('a', { href: `#/connections/${seg(c.connection)}` }, c.connection) },
      { label: 'Selector', value: c => h('code', {}, c.selector) },
    ], j.selecting_consumers || [], { empty: 'No consumer selects.' }));
    fill(xa, table([
      { label: 'Xid', value: x => h('code', {}, x.xid) },
      { label: 'Vhost', value: x => x.vhost },
      { label: 'Held publishes', value: x => num(x.held_publishes), num: true },
      { label: 'Held acks', value: x => num(x.held_acks), num: true },
    ], j.xa_transactions || [], { empty: 'No in-doubt transactions.' }),
    h('p', {}, h('a', { href: '#/xa' }, 'All XA branches, with commit and rollback →')));
  }
  await refresh();
  ctx.every(refresh);
}
