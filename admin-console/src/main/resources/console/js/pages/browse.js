// Browse a queue without taking its messages (FerryMQ's browse API), and move, copy or delete
// messages by their ids or by a JMS selector, with a limit: how a dead-letter queue is emptied
// back into work.
import { api, ferry, query } from '../api.js';
import { h, fill, num, bytes, table, act, confirmAction, toast } from '../dom.js';

export function browsePanel(vhost, queue, afterChange) {
  const state = { page: 1, page_size: 20, selector: '', body: '' };
  const selector = h('input', { id: 'browse-selector', placeholder: "JMS selector, e.g. priority > 4 AND region = 'eu'", size: '40' });
  const body = h('input', { id: 'browse-body', placeholder: 'Body contains…' });
  const pageSize = h('select', { id: 'browse-page-size' }, [10, 20, 50, 100].map(n => h('option', { value: String(n), selected: n === 20 }, String(n))));
  const results = h('div', { id: 'browse-results' });
  const pager = h('div', { class: 'pager', id: 'browse-pager' });
  const error = h('p', { class: 'error', id: 'browse-error', role: 'alert', hidden: true });
  const selected = new Set();

  const target = h('input', { id: 'transfer-target', placeholder: 'target queue' });
  const limit = h('input', { id: 'transfer-limit', type: 'number', min: '1', value: '1000', style: 'width: 7em' });
  const scope = h('select', { id: 'transfer-scope' },
    h('option', { value: 'selected' }, 'the selected messages'),
    h('option', { value: 'selector' }, 'messages matching the selector (up to the limit)'));

  const form = h('form', { class: 'inline', id: 'browse-form', onsubmit: (e) => { e.preventDefault(); state.page = 1; run(); } },
    h('label', {}, 'Selector', selector), h('label', {}, 'Body filter', body), h('label', {}, 'Per page', pageSize),
    h('button', { class: 'primary', type: 'submit', id: 'browse-submit' }, 'Browse'));

  const actions = h('div', { class: 'toolbar', id: 'transfer-bar' },
    h('span', { class: 'muted' }, 'Act on'), scope, h('span', { class: 'muted' }, 'limit'), limit,
    h('span', { class: 'muted' }, 'to'), target,
    h('button', { id: 'move-messages', onclick: () => transfer('move') }, 'Move'),
    h('button', { id: 'copy-messages', onclick: () => transfer('copy') }, 'Copy'),
    h('button', { id: 'delete-messages', class: 'danger', onclick: () => transfer('delete') }, 'Delete'));

  let generation = 0;
  async function run() {
    const mine = ++generation;
    state.selector = selector.value.trim();
    state.body = body.value;
    state.page_size = Number(pageSize.value);
    error.hidden = true;
    selected.clear();
    let result;
    try {
      result = await api.get(ferry.browse(vhost, queue) + query({ offset: (state.page - 1) * state.page_size,
        limit: state.page_size, selector: state.selector, body_contains: state.body }));
    } catch (e) {
      if (mine !== generation) return;
      fill(error, e.describe ? e.describe() : String(e));
      error.hidden = false;
      fill(results);
      fill(pager);
      return;
    }
    if (mine !== generation) return; // a newer browse was asked for meanwhile
    const items = Array.isArray(result) ? result : (result.messages || result.items || []);
    fill(results, table([
      { label: '', value: m => h('input', { type: 'checkbox', class: 'browse-select', 'aria-label': 'select message',
        onchange: (e) => { if (e.target.checked) selected.add(messageId(m)); else selected.delete(messageId(m)); } }) },
      { label: '#', value: (m) => num((state.page - 1) * state.page_size + items.indexOf(m) + 1), num: true },
      { label: 'Message id', value: m => h('code', {}, m.properties?.message_id ?? m.message_id ?? '') },
      { label: 'Routing key', value: m => h('code', {}, m.routing_key ?? '') },
      { label: 'Redelivered', value: m => m.redelivered ? 'yes' : 'no' },
      { label: 'Deliveries', value: m => num(m.delivery_count ?? 0), num: true },
      { label: 'Size', value: m => bytes(m.size ?? m.payload_bytes), num: true },
      { label: 'Body', value: m => h('details', { class: 'browse-message' },
        h('summary', {}, h('code', { class: 'browse-body' }, preview(m))),
        h('h3', {}, 'Properties'), h('pre', {}, JSON.stringify(m.properties || {}, null, 2)),
        h('h3', {}, m.body_encoding === 'base64' ? 'Body (binary, base64)' : 'Body'), h('pre', { class: 'browse-payload' }, bodyOf(m)),
        m.body_truncated ? h('p', { class: 'muted' }, 'Body truncated for display.') : null) },
    ], items, { empty: state.selector || state.body ? 'No message matches these filters.' : 'The queue has no ready messages.',
      rowAttrs: m => ({ class: 'browse-row', dataset: { id: String(messageId(m)) } }) }));
    const total = Array.isArray(result) ? undefined : (result.matched ?? result.filtered_count);
    const pages = Array.isArray(result) ? 1 : Math.max(1, result.page_count ?? Math.ceil((total || 0) / state.page_size));
    fill(pager,
      h('button', { disabled: state.page <= 1, onclick: () => { state.page--; run(); } }, '‹ Previous'),
      h('span', { id: 'browse-summary' }, `Page ${state.page} of ${pages}` + (total !== undefined ? `, ${num(total)} matching messages` : '')
        + (result.scan_limit !== undefined ? ` (looking at up to ${num(result.scan_limit)} ready messages)` : '')),
      h('button', { disabled: state.page >= pages, onclick: () => { state.page++; run(); } }, 'Next ›'));
  }

  async function transfer(kind) {
    const bySelector = scope.value === 'selector';
    if (!bySelector && selected.size === 0) { toast('Select messages first, or act on the messages matching the selector.', 'error'); return; }
    if (kind !== 'delete' && !target.value.trim()) { toast('Name the target queue.', 'error'); return; }
    const max = Number(limit.value) || 1000;
    const what = bySelector ? `up to ${num(max)} messages matching ${state.selector ? `"${state.selector}"` : 'no selector (any message)'}`
      : `${num(selected.size)} selected message${selected.size === 1 ? '' : 's'}`;
    const sentence = kind === 'delete' ? `Delete ${what} from "${queue}"?`
      : `${kind === 'move' ? 'Move' : 'Copy'} ${what} from "${queue}" to "${target.value.trim()}"?`;
    if (!await confirmAction(`${kind[0].toUpperCase() + kind.slice(1)} messages?`, sentence, { confirmLabel: kind[0].toUpperCase() + kind.slice(1) })) return;
    const request = { limit: max };
    if (bySelector) { if (state.selector) request.selector = state.selector; } // no selector: any message
    else request.ids = [...selected];
    if (kind !== 'delete') { request.target_vhost = vhost; request.target_queue = target.value.trim(); }
    const path = kind === 'move' ? ferry.move(vhost, queue) : kind === 'copy' ? ferry.copy(vhost, queue) : ferry.deleteMessages(vhost, queue);
    const { ok } = await act(() => api.post(path, request), (r) => {
      const n = r ? (r.count ?? r.moved ?? r.copied ?? r.deleted ?? 0) : 0;
      const verb = kind === 'move' ? 'Moved' : kind === 'copy' ? 'Copied' : 'Deleted';
      return `${verb} ${num(n)} message${n === 1 ? '' : 's'}${kind === 'delete' ? ` from "${queue}"` : ` to "${request.target_queue}"`}.`;
    });
    if (ok) { await run(); afterChange(); }
  }

  run(); // the first page, unfiltered, as soon as the panel shows
  return h('div', { id: 'browse-panel' }, form, error, results, pager, actions);
}

function messageId(m) {
  return m.id;
}

function bodyOf(m) {
  return String(m.body_preview ?? m.payload ?? '');
}

function preview(m) {
  const text = m.body_encoding === 'base64' ? `(binary, ${m.size ?? '?'} bytes)` : bodyOf(m);
  return text.length > 80 ? text.slice(0, 80) + '…' : text;
}
