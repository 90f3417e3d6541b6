// Definitions: export (RabbitMQ's JSON format), and import with a dry run that shows what
// would change before anything does. An import is atomic on the broker: a bad file changes nothing.
import { api, ferry } from '../api.js';
import { h, fill, table, act, confirmAction, toast, num } from '../dom.js';

const KINDS = ['users', 'vhosts', 'permissions', 'topic_permissions', 'parameters', 'global_parameters', 'policies', 'queues', 'exchanges', 'bindings'];

export async function render(view, params, ctx) {
  const summary = h('div', { id: 'export-summary' });
  const text = h('textarea', { id: 'definitions-text', rows: '12', placeholder: 'Paste a definitions file (RabbitMQ or FerryMQ export), or choose one below.' });
  const file = h('input', { type: 'file', id: 'definitions-file', accept: '.json,application/json' });
  const diff = h('div', { id: 'dry-run-result' });
  const importButton = h('button', { class: 'danger', id: 'import-definitions', disabled: true }, 'Import');
  let checkedText = null;

  file.addEventListener('change', async () => {
    if (file.files.length) { text.value = await file.files[0].text(); checkedText = null; importButton.disabled = true; fill(diff); }
  });
  text.addEventListener('input', () => { checkedText = null; importButton.disabled = true; });

  async function dryRun() {
    const parsed = parse(text.value);
    if (!parsed) return;
    let result;
    try {
      result = await api.post(ferry.definitionsDryRun(), parsed);
    } catch (e) {
      // a file the broker would refuse: say why, and keep Import disabled
      fill(diff, h('p', { class: 'error', id: 'dry-run-summary', role: 'alert' },
        `The import would be refused, and would change nothing: ${e.reason || e.message}`));
      return;
    }
    const rows = changes(result);
    const counted = rows.filter(r => r.action !== 'unchanged');
    const skipped = (result && result.skipped) || [];
    fill(diff,
      h('p', { id: 'dry-run-summary' }, counted.length === 0 ? 'The import would change nothing.'
        : `The import would make ${num(counted.length)} change${counted.length === 1 ? '' : 's'}: `
          + ['create', 'update'].map(a => `${num(rows.filter(r => r.action === a).length)} to ${a}`).join(', ')
          + `, ${num(rows.length - counted.length)} left as they are.`),
      skipped.length ? h('p', { class: 'muted', id: 'dry-run-skipped' }, `Not imported: ${skipped.join('; ')}.`) : null,
      table([
        { label: 'Change', value: r => h('span', { class: 'tag' }, r.action) },
        { label: 'Kind', value: r => r.kind },
        { label: 'Virtual host', value: r => r.vhost ?? '' },
        { label: 'Name', value: r => r.name },
        rows.some(r => r.detail) ? { label: 'Detail', value: r => r.detail ? h('code', {}, r.detail) : '' } : null,
      ].filter(Boolean), rows, { empty: 'Nothing to change.', rowAttrs: r => ({ class: 'diff-' + (r.action === 'create' ? 'add' : r.action === 'delete' ? 'remove' : r.action === 'update' ? 'change' : 'same') }) }));
    checkedText = text.value;
    importButton.disabled = false;
  }

  importButton.addEventListener('click', async () => {
    const parsed = parse(text.value);
    if (!parsed) return;
    if (checkedText !== text.value) { toast('Run the dry run first: the text changed since.', 'error'); return; }
    if (!await confirmAction('Import definitions?', 'The changes shown by the dry run will be applied, all or nothing.', { confirmLabel: 'Import' })) return;
    const { ok, result } = await act(() => api.post('/definitions', parsed), (r) => `Definitions imported: ${summarize(r, parsed)}.`);
    if (ok) { importButton.disabled = true; checkedText = null; fill(diff, h('p', { id: 'import-done' }, `Imported: ${summarize(result, parsed)}.`)); }
  });

  fill(view, h('div', { class: 'page-head' }, h('h1', {}, 'Definitions')),
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, h('h2', {}, 'Export'),
        h('p', { class: 'muted' }, 'Users, virtual hosts, permissions, exchanges, queues and bindings in RabbitMQ\'s definitions format: it loads into RabbitMQ and back.'),
        h('button', { class: 'primary', id: 'export-definitions', onclick: () => exportDefinitions(summary) }, 'Download definitions'),
        summary),
      h('div', { class: 'card' }, h('h2', {}, 'Import'),
        h('p', { class: 'muted' }, 'Check a file with a dry run first: it shows what the import would create, change or leave. The import itself is atomic: a bad file changes nothing.'),
        h('div', { class: 'toolbar' }, file), text,
        h('div', { class: 'toolbar' }, h('button', { class: 'primary', id: 'dry-run-definitions', onclick: dryRun }, 'Dry run'), importButton))),
    h('div', { class: 'card' }, h('h2', {}, 'What the import would change'), diff));
}

async function exportDefinitions(summary) {
  const { ok, result } = await act(() => api.get('/definitions'));
  if (!ok) return;
  const blob = new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: `ferrymq-definitions-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.json` });
  document.body.appendChild(a);
  a.click();
  a.remove();
  fill(summary, h('p', { id: 'export-done' }, `Exported ${describe(result)}.`));
  toast(`Definitions exported: ${describe(result)}.`);
}

/** What an import did: from the broker's list of changes when it sends one, else from the file. */
function summarize(result, file) {
  const rows = result && typeof result === 'object' ? changes(result) : [];
  if (!rows.length) return describe(file);
  const made = rows.filter(r => r.action === 'create').length;
  const updated = rows.filter(r => r.action === 'update').length;
  return `${num(made)} created, ${num(updated)} updated, ${num(rows.length - made - updated)} unchanged`;
}

function parse(text) {
  try {
    const value = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('a definitions file is a JSON object');
    return value;
  } catch (e) {
    toast(`Not a definitions file: ${e.message}`, 'error');
    return null;
  }
}

function describe(defs) {
  return KINDS.filter(k => Array.isArray(defs[k]) && defs[k].length).map(k => `${num(defs[k].length)} ${k.replace('_', ' ')}`).join(', ') || 'nothing';
}

/**
 * The dry run's answer as rows {action, kind, vhost, name, detail}. It accepts a list of
 * changes, or an object of kinds each holding a list, or of actions ("create", "update",
 * "delete", "unchanged") each holding kinds.
 */
export function changes(result) {
  const rows = [];
  const push = (action, kind, item) => rows.push({
    action: normalAction(item.action ?? item.change ?? action),
    kind: item.kind ?? item.type ?? kind,
    vhost: item.vhost,
    name: item.name ?? item.user ?? [item.source, item.destination].filter(x => x !== undefined).join(' → '),
    detail: item.detail ?? item.description ?? item.reason ?? (item.before || item.after ? `${JSON.stringify(item.before ?? null)} → ${JSON.stringify(item.after ?? null)}` : ''),
  });
  const list = Array.isArray(result) ? result : (result && Array.isArray(result.changes) ? result.changes : null);
  // (a FerryMQ dry run answers {changes, skipped, problems, applied, dry_run})
  if (list) { list.forEach(item => push(undefined, undefined, item)); return rows; }
  for (const [outer, value] of Object.entries(result || {})) {
    if (Array.isArray(value)) value.forEach(item => push(outer, outer, typeof item === 'object' ? item : { name: String(item) }));
    else if (value && typeof value === 'object') {
      for (const [inner, items] of Object.entries(value)) {
        if (Array.isArray(items)) items.forEach(item => push(outer, inner, typeof item === 'object' ? item : { name: String(item) }));
      }
    }
  }
  return rows;
}

function normalAction(a) {
  const s = String(a || '').toLowerCase();
  if (['create', 'created', 'add', 'added', 'new'].includes(s)) return 'create';
  if (['update', 'updated', 'change', 'changed', 'modify'].includes(s)) return 'update';
  if (['delete', 'deleted', 'remove', 'removed'].includes(s)) return 'delete';
  if (['unchanged', 'same', 'keep', 'kept'].includes(s)) return 'unchanged';
  return s || 'update';
}
