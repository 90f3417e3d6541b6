// Connections: who is connected, from where, with which client; close one with a reason.
import { api, seg, query } from '../api.js';
import { h, fill, num, byteRate, table, act, confirmAction } from '../dom.js';

export async function render(view, params, ctx) {
  const list = h('div', { id: 'connection-list' });
  fill(view, h('div', { class: 'page-head' }, h('h1', {}, 'Connections')), h('div', { class: 'card' }, list));
  async function refresh() {
    const result = await api.get('/connections' + query({ page: 1, page_size: 500, pagination: 'true' }));
    const items = Array.isArray(result) ? result : result.items;
    fill(list, table(connectionColumns(refresh), items, { empty: 'No connections.', rowAttrs: c => ({ dataset: { connection: c.name } }) }));
  }
  await refresh();
  ctx.every(refresh);
}

export function connectionColumns(refresh) {
  return [
    { label: 'Name', value: c => h('a', { href: `#/connections/${seg(c.name)}` }, c.name) },
    { label: 'Client', value: c => clientOf(c) },
    { label: 'User', value: c => c.user },
    { label: 'Virtual host', value: c => c.vhost },
    { label: 'State', value: c => h('span', { class: 'tag ' + (c.state === 'running' ? 'ok' : 'warn') }, c.state || 'running') },
    { label: 'TLS', value: c => c.ssl ? (c.ssl_protocol || 'yes') : '' },
    { label: 'Channels', value: c => num(c.channels), num: true },
    // octets through the socket per second, as RabbitMQ's list shows them (0 for vm:// connections)
    { label: 'From client', value: c => byteRate(c.recv_oct_details), num: true },
    { label: 'To client', value: c => byteRate(c.send_oct_details), num: true },
    { label: '', value: c => h('button', { class: 'link close-connection', onclick: () => closeConnection(c.name, refresh) }, 'Close') },
  ];
}

export function clientOf(c) {
  const p = c.client_properties || {};
  const parts = [p.connection_name, [p.product, p.version].filter(Boolean).join(' '), p.platform].filter(Boolean);
  return parts.join(' · ');
}

/** Asks for a reason, closes the connection (DELETE with X-Reason, as RabbitMQ's API) and says so. */
export async function closeConnection(name, after) {
  const reason = h('input', { name: 'reason', id: 'close-reason', value: 'Closed from the FerryMQ console' });
  const answer = await confirmAction('Close connection?', `Connection ${name} and all its channels will be closed.`,
    { confirmLabel: 'Close connection', extra: h('label', {}, 'Reason sent to the client', reason) });
  if (!answer) return false;
  const { ok } = await act(() => api.del(`/connections/${seg(name)}`, { 'X-Reason': String(answer.get('reason') || '') }),
    `Connection ${name} closed: "${answer.get('reason')}".`);
  if (ok && after) after();
  return ok;
}
