// Small DOM helpers. Text always goes in through textContent (h() children), never innerHTML:
// queue names, headers and message bodies come from clients and must not become markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

// ---- formatting

export function num(n) {
  if (n === undefined || n === null || Number.isNaN(n)) return '–';
  return Number(n).toLocaleString('en-US');
}

export function rate(details) {
  const r = details && typeof details.rate === 'number' ? details.rate : null;
  return r === null ? '–' : `${r.toFixed(r < 10 ? 1 : 0)}/s`;
}

export function bytes(n) {
  if (n === undefined || n === null) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = Number(n);
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** A `*_oct_details` rate as octets per second ("1.2 KiB/s"). */
export function byteRate(details) {
  const r = details && typeof details.rate === 'number' ? details.rate : null;
  return r === null ? '–' : `${bytes(Math.max(0, r))}/s`;
}

export function vhostLabel(v) {
  return v === '/' ? '/' : v;
}

/** The tags of a user, whether the server sends an array (3.10+) or a comma string. */
export function tagList(tags) {
  if (Array.isArray(tags)) return tags;
  return String(tags || '').split(',').map(t => t.trim()).filter(Boolean);
}

// ---- tables

/**
 * A table from column specs: {label, value(row) -> text|Node, num?, sort?}.
 * sort names the server-side sort key; onSort(key) is called when its header is clicked.
 */
export function table(columns, rows, { empty = 'Nothing here.', sort, sortReverse, onSort, rowAttrs } = {}) {
  const head = h('tr', {}, columns.map(c => {
    const classes = [c.num ? 'num' : '', c.sort ? 'sortable' : '',
      c.sort && sort === c.sort ? (sortReverse ? 'sorted-desc' : 'sorted-asc') : ''].join(' ').trim();
    return h('th', { class: classes || undefined, dataset: c.sort ? { sort: c.sort } : undefined,
      onclick: c.sort && onSort ? () => onSort(c.sort) : undefined }, c.label);
  }));
  const body = rows.length === 0
    ? [h('tr', {}, h('td', { class: 'empty', colspan: String(columns.length) }, empty))]
    : rows.map(r => h('tr', rowAttrs ? rowAttrs(r) : {},
      columns.map(c => h('td', { class: c.num ? 'num' : undefined }, c.value(r)))));
  return h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, body)));
}

export function props(entries) {
  return h('dl', { class: 'props' }, entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export function stat(label, value, id) {
  return h('div', { class: 'stat', id }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
}

/** "key = value" lines for AMQP arguments and headers, typed the way RabbitMQ's UI types them. */
export function argsEditor(name = 'arguments') {
  return h('label', {}, 'Arguments (one "key = value" a line; numbers and true/false are typed)',
    h('textarea', { name, rows: '3', placeholder: 'x-dead-letter-exchange = dlx\nx-message-ttl = 60000' }));
}

export function parseArgs(text) {
  const out = {};
  for (const raw of String(text || '').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const i = line.indexOf('=');
    if (i <= 0) throw new Error(`"${line}" is not key = value`);
    const key = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (/^-?\d+$/.test(value)) out[key] = Number(value);
    else if (value === 'true' || value === 'false') out[key] = value === 'true';
    else out[key] = value;
  }
  return out;
}

export function argTags(args) {
  return Object.entries(args || {}).map(([k, v]) => h('span', { class: 'tag', title: `${k} = ${JSON.stringify(v)}` },
    ARG_ABBREVIATIONS[k] || k));
}

const ARG_ABBREVIATIONS = {
  'x-dead-letter-exchange': 'DLX', 'x-dead-letter-routing-key': 'DLK', 'x-message-ttl': 'TTL',
  'x-expires': 'Exp', 'x-max-length': 'Lim', 'x-max-length-bytes': 'Lim B', 'x-max-priority': 'Pri',
  'x-queue-type': 'type', 'x-overflow': 'Ovfl', 'x-single-active-consumer': 'SAC',
  'x-queue-mode': 'mode',
};

// ---- feedback

export function toast(message, kind = 'ok') {
  const el = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  document.getElementById('toasts').appendChild(el);
  setTimeout(() => el.remove(), kind === 'error' ? 12000 : 6000);
  return el;
}

/**
 * Asks before a destructive action. extra is optional form content (e.g. a reason field);
 * resolves to the dialog's form data when confirmed, null when cancelled.
 */
export function confirmAction(title, message, { confirmLabel = 'Confirm', extra } = {}) {
  const dialog = document.getElementById('confirm-dialog');
  fill(document.getElementById('confirm-title'), title);
  fill(document.getElementById('confirm-message'), message);
  fill(document.getElementById('confirm-extra'), extra || []);
  fill(document.getElementById('confirm-ok'), confirmLabel);
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      const form = dialog.querySelector('form');
      resolve(dialog.returnValue === 'ok' ? new FormData(form) : null);
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
  });
}

/** Runs an API action, says what it did (or why it was refused) and returns its result. */
export async function act(action, done) {
  try {
    const result = await action();
    if (done) toast(typeof done === 'function' ? done(result) : done);
    return { ok: true, result };
  } catch (e) {
    toast(e.describe ? e.describe() : String(e.message || e), 'error');
    return { ok: false, error: e };
  }
}

export function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}
