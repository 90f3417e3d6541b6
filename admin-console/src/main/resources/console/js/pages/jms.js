// The JMS view: client IDs, durable and shared subscriptions (with their selectors), and
// in-doubt XA transactions with commit and rollback.
import { api, ferry, seg } from '../api.js';
import { h, fill, num, table, act, confirmAction } from '../dom.js';

export async function render(view, params, ctx) {
  const clients = h('div', { id: 'jms-clients' });
  const subscriptions = h('div', { id: 'jms-subscriptions' });
  const xa = h('div', { id: 'jms-xa' });
  fill(view, h('div', { class: 'page-head' }, h('h1', {}, 'JMS')),
    h('p', { class: 'muted' }, 'What Jakarta Messaging clients hold on this broker. A topic subscription is a queue bound to amq.topic: follow its link for browse, move and purge.'),
    h('div', { class: 'card' }, h('h2', {}, 'Client IDs'), clients),
    h('div', { class: 'card' }, h('h2', {}, 'Durable and shared subscriptions'), subscriptions),
    h('div', { class: 'card' }, h('h2', {}, 'In-doubt XA transactions'), xa));

  async function refresh() {
    const j = await api.get(ferry.jms());
    fill(clients, table([
      { label: 'Client ID', value: c => h('code', {}, c.client_id ?? c.clientId ?? c.name) },
      { label: 'Connection', value: c => c.connection ? h('a', { href: `#/connections/${seg(c.connection)}` }, c.connection) : '' },
      { label: 'User', value: c => c.user ?? '' },
      { label: 'Virtual host', value: c => c.vhost ?? '' },
    ], j.client_ids || j.clients || [], { empty: 'No JMS connection has set a client ID.' }));
    fill(subscriptions, table([
      { label: 'Name', value: s => s.name ?? s.subscription },
      { label: 'Client ID', value: s => s.client_id ?? '' },
      { label: 'Kind', value: s => [s.durable ? h('span', { class: 'tag' }, 'durable') : null, s.shared ? h('span', { class: 'tag' }, 'shared') : null] },
      { label: 'Topic', value: s => h('code', {}, s.topic ?? s.routing_key ?? '') },
      { label: 'Selector', value: s => s.selector ? h('code', {}, s.selector) : '' },
      { label: 'No local', value: s => s.no_local ? 'yes' : '' },
      { label: 'Active', value: s => s.active || s.consumers > 0 ? 'yes' : 'no' },
      { label: 'Messages', value: s => num(s.messages), num: true },
      { label: 'Queue', value: s => s.queue ? h('a', { href: `#/queues/${seg(s.vhost ?? '/')}/${seg(s.queue)}` }, s.queue) : '' },
    ], j.subscriptions || [], { empty: 'No durable or shared subscriptions.' }));
    const branches = j.xa_transactions || j.xa || [];
    fill(xa, j.xa_supported === false ? h('p', { class: 'muted' }, 'This broker does not run XA transactions yet.')
      : table([
        { label: 'Xid', value: x => h('code', {}, x.xid) },
        { label: 'State', value: x => x.state ?? 'prepared' },
        { label: 'Prepared at', value: x => x.prepared_at ? new Date(x.prepared_at).toLocaleString() : '' },
        { label: 'Messages', value: x => num(x.messages ?? x.publishes), num: true },
        { label: 'Acks', value: x => num(x.acks), num: true },
        { label: '', value: x => [h('button', { class: 'link', onclick: () => resolve(x.xid, 'commit', refresh) }, 'Commit'),
          h('button', { class: 'link', onclick: () => resolve(x.xid, 'rollback', refresh) }, 'Roll back')] },
      ], branches, { empty: 'No in-doubt transactions.' }));
  }
  await refresh();
  ctx.every(refresh);
}

async function resolve(xid, how, refresh) {
  if (!await confirmAction(how === 'commit' ? 'Commit transaction?' : 'Roll back transaction?',
    `In-doubt branch ${xid} will be ${how === 'commit' ? 'committed: its messages are delivered and its acks applied' : 'rolled back: its messages are dropped and its acked messages return'}. The transaction manager will not be asked.`,
    { confirmLabel: how === 'commit' ? 'Commit' : 'Roll back' })) return;
  const { ok } = await act(() => api.post(ferry.xa(xid) + '/' + how, {}), `Branch ${xid} ${how === 'commit' ? 'committed' : 'rolled back'}.`);
  if (ok) refresh();
}
