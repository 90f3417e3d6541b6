// Pieces several pages share: vhost picker, publish form, binding tables.
import { api, seg } from '../api.js';
import { h, fill, table, argsEditor, parseArgs, act, formValues, confirmAction } from '../dom.js';

/** A vhost <select> filled from /api/vhosts (the user's own vhosts). */
export function vhostSelect(name = 'vhost', selected) {
  const select = h('select', { name }, h('option', { value: selected || '/' }, selected || '/'));
  api.get('/vhosts').then(vhosts => {
    fill(select, vhosts.map(v => h('option', { value: v.name, selected: v.name === (selected || '/') }, v.name)));
  }).catch(() => { /* keep the default */ });
  return h('label', {}, 'Virtual host', select);
}

/**
 * Publish form: POST /api/exchanges/{vhost}/{exchange}/publish. For a queue, the default
 * exchange with the queue's name as routing key (as RabbitMQ's UI does).
 */
export function publishForm(vhost, exchange, fixedRoutingKey) {
  const exchangePath = exchange === '' ? 'amq.default' : exchange;
  const result = h('p', { class: 'muted', id: 'publish-result' });
  const form = h('form', { class: 'stack', id: 'publish-form' },
    h('div', { class: 'inline' },
      fixedRoutingKey === undefined ? h('label', {}, 'Routing key', h('input', { name: 'routing_key', id: 'publish-routing-key' })) : null,
      h('label', {}, 'Delivery mode', h('select', { name: 'delivery_mode' },
        h('option', { value: '2' }, '2 - persistent'), h('option', { value: '1' }, '1 - non-persistent'))),
      h('label', {}, 'Content type', h('input', { name: 'content_type', placeholder: 'text/plain' })),
      h('label', {}, 'Message id', h('input', { name: 'message_id' }))),
    h('label', {}, 'Headers (one "key = value" a line)', h('textarea', { name: 'headers', rows: '2', id: 'publish-headers' })),
    h('label', {}, 'Payload', h('textarea', { name: 'payload', id: 'publish-payload', rows: '4' })),
    h('div', {}, h('button', { class: 'primary', type: 'submit', id: 'publish-submit' }, 'Publish message')),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    let headers;
    try { headers = parseArgs(v.headers); } catch (err) { return act(() => Promise.reject(err)); }
    const properties = { delivery_mode: Number(v.delivery_mode), headers };
    if (v.content_type) properties.content_type = v.content_type;
    if (v.message_id) properties.message_id = v.message_id;
    const routingKey = fixedRoutingKey === undefined ? v.routing_key : fixedRoutingKey;
    const { ok, result: answer } = await act(() => api.post(`/exchanges/${seg(vhost)}/${seg(exchangePath)}/publish`,
      { properties, routing_key: routingKey, payload: v.payload, payload_encoding: 'string' }),
    (r) => r && r.routed === false ? 'Message published, but it was not routed to any queue.' : 'Message published.');
    if (ok) {
      fill(result, answer && answer.routed === false ? 'Published, not routed to any queue.' : 'Published and routed.');
      form.querySelector('[name=payload]').value = '';
    }
  });
  return form;
}

/** Bindings table with unbind buttons: RabbitMQ binding objects. */
export function bindingsTable(bindings, refresh, { showSource = true, showDestination = true } = {}) {
  return table([
    showSource ? { label: 'From', value: b => b.source === '' ? '(AMQP default)' : h('a', { href: `#/exchanges/${seg(b.vhost)}/${seg(b.source)}` }, b.source) } : null,
    showDestination ? { label: 'To', value: b => h('a', { href: `#/${b.destination_type === 'queue' ? 'queues' : 'exchanges'}/${seg(b.vhost)}/${seg(b.destination)}` },
      `${b.destination} (${b.destination_type})`) } : null,
    { label: 'Routing key', value: b => h('code', {}, b.routing_key) },
    { label: 'Arguments', value: b => Object.keys(b.arguments || {}).length ? h('code', {}, JSON.stringify(b.arguments)) : '' },
    { label: '', value: b => b.source === '' ? '' : h('button', { class: 'link', onclick: () => unbind(b, refresh) }, 'Unbind') },
  ].filter(Boolean), bindings, { empty: 'No bindings.' });
}

async function unbind(b, refresh) {
  const confirmed = await confirmAction('Remove binding?',
    `Unbind ${b.destination_type} "${b.destination}" from exchange "${b.source}" (routing key "${b.routing_key}").`,
    { confirmLabel: 'Unbind' });
  if (!confirmed) return;
  const kind = b.destination_type === 'queue' ? 'q' : 'e';
  const { ok } = await act(() => api.del(`/bindings/${seg(b.vhost)}/e/${seg(b.source)}/${kind}/${seg(b.destination)}/${seg(b.properties_key)}`),
    `Binding from "${b.source}" to "${b.destination}" removed.`);
  if (ok) refresh();
}

/** Add-binding form: from an exchange to this queue, or from this exchange to a queue/exchange. */
export function addBindingForm(vhost, { queue, exchange }, refresh) {
  const form = h('form', { class: 'inline', id: 'add-binding-form' },
    queue !== undefined ? h('label', {}, 'From exchange', h('input', { name: 'source', required: true })) : null,
    exchange !== undefined ? h('label', {}, 'To', h('select', { name: 'kind' }, h('option', { value: 'q' }, 'queue'), h('option', { value: 'e' }, 'exchange'))) : null,
    exchange !== undefined ? h('label', {}, 'Name', h('input', { name: 'destination', required: true })) : null,
    h('label', {}, 'Routing key', h('input', { name: 'routing_key' })),
    argsEditor(),
    h('button', { class: 'primary', type: 'submit' }, 'Bind'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    let args;
    try { args = parseArgs(v.arguments); } catch (err) { return act(() => Promise.reject(err)); }
    const source = queue !== undefined ? v.source : exchange;
    const kind = queue !== undefined ? 'q' : v.kind;
    const destination = queue !== undefined ? queue : v.destination;
    const { ok } = await act(() => api.post(`/bindings/${seg(vhost)}/e/${seg(source)}/${kind}/${seg(destination)}`,
      { routing_key: v.routing_key, arguments: args }), `Bound "${destination}" to exchange "${source}".`);
    if (ok) { form.reset(); refresh(); }
  });
  return form;
}
