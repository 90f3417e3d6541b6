// Queues: server-side search, sort and paging (the API's page/page_size/name/use_regex/sort),
// so the page stays fast with tens of thousands of queues; add a queue.
import { api, query, seg } from '../api.js';
import { h, fill, num, rate, table, argTags, argsEditor, parseArgs, act, formValues } from '../dom.js';
import { vhostSelect } from './common.js';

const STATE_KEY = 'ferrymq.console.queues';

export async function render(view, params, ctx) {
  const state = { page: 1, page_size: 100, name: '', use_regex: false, sort: 'name', sort_reverse: false, vhost: '',
    ...JSON.parse(sessionStorage.getItem(STATE_KEY) || '{}') };
  const save = () => sessionStorage.setItem(STATE_KEY, JSON.stringify(state));

  const search = h('input', { id: 'queue-search', type: 'search', placeholder: 'Filter by name', value: state.name,
    'aria-label': 'Filter queues by name' });
  const regex = h('input', { id: 'queue-search-regex', type: 'checkbox', checked: state.use_regex });
  const pageSize = h('select', { id: 'queue-page-size' }, [20, 50, 100, 500].map(n =>
    h('option', { value: String(n), selected: n === state.page_size }, String(n))));
  const summary = h('span', { id: 'queue-summary', class: 'muted' });
  const vhostFilter = h('select', { id: 'queue-vhost', 'aria-label': 'Virtual host' }, h('option', { value: '' }, 'All virtual hosts'));
  api.get('/vhosts').then(vhosts => {
    fill(vhostFilter, h('option', { value: '' }, 'All virtual hosts'),
      vhosts.map(v => h('option', { value: v.name, selected: v.name === state.vhost }, v.name)));
  }).catch(() => { /* the list of all vhosts stays */ });
  vhostFilter.addEventListener('change', () => { state.vhost = vhostFilter.value; state.page = 1; save(); refresh(); });
  const list = h('div', { id: 'queue-list' });
  const pager = h('div', { class: 'pager' });

  let debounce;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => { state.name = search.value; state.page = 1; save(); refresh(); }, 250);
  });
  regex.addEventListener('change', () => { state.use_regex = regex.checked; state.page = 1; save(); refresh(); });
  pageSize.addEventListener('change', () => { state.page_size = Number(pageSize.value); state.page = 1; save(); refresh(); });

  fill(view,
    h('div', { class: 'page-head' }, h('h1', {}, 'Queues'), summary),
    h('div', { class: 'card' },
      h('div', { class: 'toolbar' }, vhostFilter, search, h('label', { class: 'check' }, regex, 'Regex'),
        h('span', { class: 'grow' }), h('label', { class: 'refresh' }, 'Per page', pageSize)),
      list, pager),
    addQueueCard(ctx, () => refresh()));

  let generation = 0;
  async function refresh() {
    const mine = ++generation;
    const path = '/queues' + (state.vhost ? '/' + seg(state.vhost) : '') + query({ page: state.page, page_size: state.page_size, name: state.name,
      use_regex: state.use_regex ? 'true' : undefined, sort: state.sort, sort_reverse: state.sort_reverse ? 'true' : undefined,
      pagination: 'true' });
    const result = await api.get(path);
    if (mine !== generation) return; // a newer search answered first
    const items = Array.isArray(result) ? result : result.items;
    if (!Array.isArray(result) && result.page_count > 0 && state.page > result.page_count) {
      state.page = result.page_count; save(); return refresh();
    }
    fill(summary, Array.isArray(result) ? `${num(items.length)} queues`
      : `${num(result.filtered_count)} of ${num(result.total_count)} queues`);
    fill(list, table([
      { label: 'Virtual host', value: q => q.vhost, sort: 'vhost' },
      { label: 'Name', value: q => h('a', { href: `#/queues/${seg(q.vhost)}/${seg(q.name)}`, class: 'queue-link' }, q.name), sort: 'name' },
      { label: 'Features', value: q => [q.durable ? h('span', { class: 'tag', title: 'durable' }, 'D') : null,
        q.auto_delete ? h('span', { class: 'tag', title: 'auto-delete' }, 'AD') : null,
        q.exclusive ? h('span', { class: 'tag', title: 'exclusive' }, 'Excl') : null, argTags(q.arguments)] },
      { label: 'State', value: q => h('span', { class: 'tag ' + (q.state === 'running' ? 'ok' : 'warn') }, q.state || 'running') },
      { label: 'Ready', value: q => num(q.messages_ready), num: true, sort: 'messages_ready' },
      { label: 'Unacked', value: q => num(q.messages_unacknowledged), num: true, sort: 'messages_unacknowledged' },
      { label: 'Total', value: q => num(q.messages), num: true, sort: 'messages' },
      { label: 'Incoming', value: q => rate(q.message_stats && q.message_stats.publish_details), num: true, sort: 'message_stats.publish_details.rate' },
      { label: 'Deliver / get', value: q => rate(q.message_stats && q.message_stats.deliver_get_details), num: true, sort: 'message_stats.deliver_get_details.rate' },
      { label: 'Ack', value: q => rate(q.message_stats && q.message_stats.ack_details), num: true, sort: 'message_stats.ack_details.rate' },
      { label: 'Consumers', value: q => num(q.consumers), num: true, sort: 'consumers' },
    ], items, {
      empty: state.name ? `No queue matches "${state.name}".` : 'No queues yet.',
      sort: state.sort, sortReverse: state.sort_reverse,
      onSort: (key) => {
        if (state.sort === key) state.sort_reverse = !state.sort_reverse;
        else { state.sort = key; state.sort_reverse = key !== 'name' && key !== 'vhost'; }
        save(); refresh();
      },
      rowAttrs: q => ({ dataset: { queue: q.name, vhost: q.vhost } }),
    }));
    const pages = Array.isArray(result) ? 1 : Math.max(1, result.page_count);
    fill(pager,
      h('button', { id: 'queue-prev', disabled: state.page <= 1, onclick: () => { state.page--; save(); refresh(); } }, '‹ Previous'),
      h('span', { id: 'queue-page' }, `Page ${state.page} of ${pages}`),
      h('button', { id: 'queue-next', disabled: state.page >= pages, onclick: () => { state.page++; save(); refresh(); } }, 'Next ›'));
  }

  await refresh();
  ctx.every(refresh);
}

function addQueueCard(ctx, refresh) {
  const form = h('form', { class: 'stack', id: 'add-queue-form' },
    h('div', { class: 'inline' },
      vhostSelect('vhost'),
      h('label', {}, 'Name', h('input', { name: 'name', required: true })),
      h('label', {}, 'Durability', h('select', { name: 'durable' },
        h('option', { value: 'true' }, 'Durable'), h('option', { value: 'false' }, 'Transient'))),
      h('label', {}, 'Auto delete', h('select', { name: 'auto_delete' },
        h('option', { value: 'false' }, 'No'), h('option', { value: 'true' }, 'Yes')))),
    argsEditor(),
    h('div', {}, h('button', { class: 'primary', type: 'submit' }, 'Add queue')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    let args;
    try { args = parseArgs(v.arguments); } catch (err) { return act(() => Promise.reject(err)); }
    const { ok } = await act(() => api.put(`/queues/${seg(v.vhost)}/${seg(v.name)}`,
      { durable: v.durable === 'true', auto_delete: v.auto_delete === 'true', arguments: args }),
    `Queue "${v.name}" declared in vhost ${v.vhost}.`);
    if (ok) { form.reset(); refresh(); }
  });
  return h('details', { class: 'card section' }, h('summary', {}, 'Add a queue'), form);
}
