// Exchanges: list (server-side name filter and paging) and declare.
import { api, query, seg } from '../api.js';
import { h, fill, num, rate, table, argTags, argsEditor, parseArgs, act, formValues } from '../dom.js';
import { vhostSelect } from './common.js';

export async function render(view, params, ctx) {
  const state = { page: 1, page_size: 100, name: '' };
  const search = h('input', { id: 'exchange-search', type: 'search', placeholder: 'Filter by name' });
  const list = h('div', { id: 'exchange-list' });
  const pager = h('div', { class: 'pager' });
  let debounce;
  search.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(() => { state.name = search.value; state.page = 1; refresh(); }, 250); });

  fill(view, h('div', { class: 'page-head' }, h('h1', {}, 'Exchanges')),
    h('div', { class: 'card' }, h('div', { class: 'toolbar' }, search), list, pager),
    addExchangeCard(() => refresh()));

  async function refresh() {
    const result = await api.get('/exchanges' + query({ page: state.page, page_size: state.page_size, name: state.name, pagination: 'true' }));
    const items = Array.isArray(result) ? result : result.items;
    fill(list, table([
      { label: 'Virtual host', value: e => e.vhost },
      { label: 'Name', value: e => h('a', { href: `#/exchanges/${seg(e.vhost)}/${seg(e.name)}` }, e.name === '' ? '(AMQP default)' : e.name) },
      { label: 'Type', value: e => e.type },
      { label: 'Features', value: e => [e.durable ? h('span', { class: 'tag' }, 'D') : null, e.auto_delete ? h('span', { class: 'tag' }, 'AD') : null,
        e.internal ? h('span', { class: 'tag' }, 'I') : null, argTags(e.arguments)] },
      { label: 'Rate in', value: e => rate(e.message_stats && e.message_stats.publish_in_details), num: true },
      { label: 'Rate out', value: e => rate(e.message_stats && e.message_stats.publish_out_details), num: true },
    ], items, { empty: 'No exchanges.' }));
    const pages = Array.isArray(result) ? 1 : Math.max(1, result.page_count);
    fill(pager,
      h('button', { disabled: state.page <= 1, onclick: () => { state.page--; refresh(); } }, '‹ Previous'),
      h('span', {}, `Page ${state.page} of ${pages}` + (Array.isArray(result) ? '' : `, ${num(result.filtered_count)} exchanges`)),
      h('button', { disabled: state.page >= pages, onclick: () => { state.page++; refresh(); } }, 'Next ›'));
  }
  await refresh();
  ctx.every(refresh);
}

function addExchangeCard(refresh) {
  const form = h('form', { class: 'stack', id: 'add-exchange-form' },
    h('div', { class: 'inline' }, vhostSelect('vhost'),
      h('label', {}, 'Name', h('input', { name: 'name', required: true })),
      h('label', {}, 'Type', h('select', { name: 'type' }, ['direct', 'fanout', 'topic', 'headers'].map(t => h('option', { value: t }, t)))),
      h('label', {}, 'Durability', h('select', { name: 'durable' }, h('option', { value: 'true' }, 'Durable'), h('option', { value: 'false' }, 'Transient'))),
      h('label', {}, 'Auto delete', h('select', { name: 'auto_delete' }, h('option', { value: 'false' }, 'No'), h('option', { value: 'true' }, 'Yes'))),
      h('label', {}, 'Internal', h('select', { name: 'internal' }, h('option', { value: 'false' }, 'No'), h('option', { value: 'true' }, 'Yes')))),
    argsEditor(),
    h('div', {}, h('button', { class: 'primary', type: 'submit' }, 'Add exchange')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    let args;
    try { args = parseArgs(v.arguments); } catch (err) { return act(() => Promise.reject(err)); }
    const { ok } = await act(() => api.put(`/exchanges/${seg(v.vhost)}/${seg(v.name)}`, {
      type: v.type, durable: v.durable === 'true', auto_delete: v.auto_delete === 'true', internal: v.internal === 'true', arguments: args }),
    `Exchange "${v.name}" (${v.type}) declared in vhost ${v.vhost}.`);
    if (ok) { form.reset(); refresh(); }
  });
  return h('details', { class: 'card section' }, h('summary', {}, 'Add an exchange'), form);
}
