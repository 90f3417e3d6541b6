// One connection: client properties, its channels, close with a reason.
import { api, seg } from '../api.js';
import { h, fill, props, table, num, bytes, byteRate } from '../dom.js';
import { closeConnection, clientOf } from './connections.js';
import { channelColumns } from './channels.js';

export async function render(view, [name], ctx) {
  const details = h('div', { id: 'connection-details' });
  const clientProps = h('div');
  const channels = h('div', { id: 'connection-channels' });
  fill(view,
    h('div', { class: 'crumbs' }, h('a', { href: '#/connections' }, 'Connections')),
    h('div', { class: 'page-head' }, h('h1', {}, name), h('div', { class: 'actions' },
      h('button', { class: 'danger', id: 'close-this-connection', onclick: async () => {
        if (await closeConnection(name)) location.hash = '#/connections';
      } }, 'Close connection'))),
    h('div', { class: 'grid' }, h('div', { class: 'card' }, h('h2', {}, 'Details'), details),
      h('div', { class: 'card' }, h('h2', {}, 'Client properties'), clientProps)),
    h('div', { class: 'card' }, h('h2', {}, 'Channels'), channels));
  async function refresh() {
    const [c, chans] = await Promise.all([api.get(`/connections/${seg(name)}`), api.get(`/connections/${seg(name)}/channels`)]);
    fill(details, props([
      ['Client', clientOf(c)], ['User', c.user], ['Virtual host', c.vhost], ['Protocol', c.protocol || 'AMQP 0-9-1'],
      ['Peer', `${c.peer_host}:${c.peer_port}`], ['Local', `${c.host}:${c.port}`], ['TLS', tlsOf(c)],
      ...(c.peer_cert_subject ? [['Client certificate', c.peer_cert_subject], ['Issued by', c.peer_cert_issuer],
        ['Valid', c.peer_cert_validity]] : []),
      ['Heartbeat', c.timeout !== undefined ? `${c.timeout} s` : '–'], ['Frame max', num(c.frame_max)], ['Channel max', num(c.channel_max)],
      ['Connected at', c.connected_at ? new Date(c.connected_at).toLocaleString() : '–'],
      ['From client', `${bytes(c.recv_oct)} in ${num(c.recv_cnt)} reads, ${byteRate(c.recv_oct_details)}`],
      ['To client', `${bytes(c.send_oct)} in ${num(c.send_cnt)} writes, ${byteRate(c.send_oct_details)}`],
    ]));
    fill(clientProps, h('pre', {}, JSON.stringify(c.client_properties || {}, null, 2)));
    fill(channels, table(channelColumns(refresh), chans, { empty: 'No channels.' }));
  }
  await refresh();
  ctx.every(refresh);
}

/** RabbitMQ's ssl_* fields in one line: "tlsv1.3 · aes_256_gcm · key exchange any · hash aead". */
export function tlsOf(c) {
  if (!c.ssl) return 'no';
  if (!c.ssl_protocol) return 'yes (handshake running)';
  return [c.ssl_protocol, c.ssl_cipher, `key exchange ${c.ssl_key_exchange}`, `hash ${c.ssl_hash}`].join(' · ');
}
