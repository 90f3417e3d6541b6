// Channels: prefetch, unacked, confirm/tx mode, consumers; close the owning connection with a reason.
import { api, seg, query } from '../api.js';
import { h, fill, num, rate, table } from '../dom.js';
import { closeConnection } from './connections.js';

export async function render(view, params, ctx) {
  const list = h('div', { id: 'channel-list' });
  fill(view, h('div', { class: 'page-head' }, h('h1', {}, 'Channels')),
    h('p', { class: 'muted' }, 'AMQP 0-9-1 lets a broker close a channel only with an error, so a channel is closed by closing its connection with a reason.'),
    h('div', { class: 'card' }, list));
  async function refresh() {
    const result = await api.get('/channels' + query({ page: 1, page_size: 500, pagination: 'true' }));
    const items = Array.isArray(result) ? result : result.items;
    fill(list, table(channelColumns(refresh), items, { empty: 'No channels.' }));
  }
  await refresh();
  ctx.every(refresh);
}

export function channelColumns(refresh) {
  return [
    { label: 'Channel', value: c => c.name },
    { label: 'Connection', value: c => c.connection_details ? h('a', { href: `#/connections/${seg(c.connection_details.name)}` }, c.connection_details.name) : '' },
    { label: 'User', value: c => c.user },
    { label: 'Virtual host', value: c => c.vhost },
    { label: 'Mode', value: c => [c.confirm ? h('span', { class: 'tag' }, 'C') : null, c.transactional ? h('span', { class: 'tag' }, 'T') : null] },
    { label: 'Prefetch', value: c => num(c.prefetch_count), num: true },
    { label: 'Global prefetch', value: c => num(c.global_prefetch_count), num: true },
    { label: 'Consumers', value: c => num(c.consumer_count), num: true },
    { label: 'Unacked', value: c => num(c.messages_unacknowledged), num: true },
    { label: 'Publish', value: c => rate(c.message_stats && c.message_stats.publish_details), num: true },
    { label: 'Deliver / get', value: c => rate(c.message_stats && c.message_stats.deliver_get_details), num: true },
    { label: '', value: c => c.connection_details ? h('button', { class: 'link', onclick: () => closeConnection(c.connection_details.name, refresh) }, 'Close connection') : '' },
  ];
}
