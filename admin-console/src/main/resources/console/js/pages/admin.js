// Users, virtual hosts and permissions: the broker's runtime security, stored durably.
import { api, seg } from '../api.js';
import { h, fill, table, act, confirmAction, formValues, tagList, num } from '../dom.js';

const TABS = ['users', 'vhosts', 'permissions'];
const TAGS = ['administrator', 'monitoring', 'policymaker', 'management', 'impersonator'];

export async function render(view, [tab = 'users'], ctx) {
  const body = h('div', { id: 'admin-body' });
  fill(view, h('div', { class: 'page-head' }, h('h1', {}, 'Admin')),
    h('div', { class: 'tabs' }, TABS.map(t => h('button', { class: t === tab ? 'active' : '', id: 'tab-' + t,
      onclick: () => { location.hash = '#/admin/' + t; } }, t[0].toUpperCase() + t.slice(1)))),
    body);
  if (tab === 'users') await users(body);
  else if (tab === 'vhosts') await vhosts(body);
  else await permissions(body);
}

async function users(body) {
  const list = h('div', { id: 'user-list' });
  const refresh = async () => {
    const items = await api.get('/users');
    fill(list, table([
      { label: 'Name', value: u => u.name },
      { label: 'Tags', value: u => tagList(u.tags).map(t => h('span', { class: 'tag' }, t)) },
      { label: 'Password', value: u => u.password_hash ? 'set' : 'none' },
      { label: '', value: u => [
        h('button', { class: 'link', onclick: () => editUser(u, refresh) }, 'Edit'),
        h('button', { class: 'link', onclick: () => deleteUser(u.name, refresh) }, 'Delete')] },
    ], items, { empty: 'No users.', rowAttrs: u => ({ dataset: { user: u.name } }) }));
  };
  const grantVhost = h('select', { name: 'grant_vhost', id: 'new-user-vhost' }, h('option', { value: '' }, '(no vhost)'));
  api.get('/vhosts').then(vs => fill(grantVhost, h('option', { value: '' }, '(no vhost)'), vs.map(v => h('option', { value: v.name }, v.name))))
    .catch(() => { /* no grant offered */ });
  const form = h('form', { class: 'inline', id: 'add-user-form' },
    h('label', {}, 'Username', h('input', { name: 'name', id: 'new-user-name', required: true })),
    h('label', {}, 'Password', h('input', { name: 'password', id: 'new-user-password', type: 'password', autocomplete: 'new-password' })),
    h('label', {}, 'Tags (comma separated)', h('input', { name: 'tags', id: 'new-user-tags', list: 'known-tags', placeholder: 'management' })),
    h('datalist', { id: 'known-tags' }, TAGS.map(t => h('option', { value: t }))),
    h('label', {}, 'Full permissions on', grantVhost),
    h('button', { class: 'primary', type: 'submit', id: 'add-user-submit' }, 'Add user'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const request = { tags: tagList(v.tags).join(',') };
    if (v.password) request.password = v.password; else request.password_hash = '';
    const { ok } = await act(async () => {
      await api.put(`/users/${seg(v.name)}`, request);
      if (v.grant_vhost) await api.put(`/permissions/${seg(v.grant_vhost)}/${seg(v.name)}`, { configure: '.*', write: '.*', read: '.*' });
    }, `User "${v.name}" created${request.tags ? ` with tags ${request.tags}` : ''}${v.grant_vhost ? `, with full permissions on vhost ${v.grant_vhost}` : ''}.`);
    if (ok) { form.reset(); refresh(); }
  });
  fill(body, h('div', { class: 'card' }, h('h2', {}, 'Users'), list),
    h('div', { class: 'card' }, h('h2', {}, 'Add a user'),
      h('p', { class: 'muted' }, 'Tags decide what a user may see and do: administrator (everything), monitoring (read everything), policymaker, management (own vhosts). A user without a password cannot log in with one. Give the new user permissions on a vhost.'),
      form));
  await refresh();
}

async function editUser(user, refresh) {
  const password = h('input', { name: 'password', type: 'password', placeholder: 'leave empty to keep', autocomplete: 'new-password' });
  const tags = h('input', { name: 'tags', value: tagList(user.tags).join(',') });
  const answer = await confirmAction(`Change user "${user.name}"?`, 'Change the tags and, if given, the password.',
    { confirmLabel: 'Save', extra: [h('label', {}, 'Tags', tags), h('label', {}, 'New password', password)] });
  if (!answer) return;
  const request = { tags: tagList(answer.get('tags')).join(',') };
  if (answer.get('password')) request.password = answer.get('password');
  else if (user.password_hash !== undefined) { request.password_hash = user.password_hash; if (user.hashing_algorithm) request.hashing_algorithm = user.hashing_algorithm; }
  const { ok } = await act(() => api.put(`/users/${seg(user.name)}`, request), `User "${user.name}" updated.`);
  if (ok) refresh();
}

async function deleteUser(name, refresh) {
  if (!await confirmAction('Delete user?', `User "${name}" and all their permissions will be deleted. Their open connections stay open until they close.`,
    { confirmLabel: 'Delete user' })) return;
  const { ok } = await act(() => api.del(`/users/${seg(name)}`), `User "${name}" deleted.`);
  if (ok) refresh();
}

async function vhosts(body) {
  const list = h('div', { id: 'vhost-list' });
  const refresh = async () => {
    const items = await api.get('/vhosts');
    fill(list, table([
      { label: 'Name', value: v => v.name },
      { label: 'Description', value: v => v.description || '' },
      { label: 'Tags', value: v => tagList(v.tags).map(t => h('span', { class: 'tag' }, t)) },
      { label: 'Messages', value: v => num(v.messages), num: true },
      { label: '', value: v => h('button', { class: 'link', onclick: () => deleteVhost(v.name, refresh) }, 'Delete') },
    ], items, { empty: 'No virtual hosts.' }));
  };
  const form = h('form', { class: 'inline', id: 'add-vhost-form' },
    h('label', {}, 'Name', h('input', { name: 'name', required: true })),
    h('label', {}, 'Description', h('input', { name: 'description' })),
    h('button', { class: 'primary', type: 'submit' }, 'Add virtual host'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const { ok } = await act(() => api.put(`/vhosts/${seg(v.name)}`, v.description ? { description: v.description } : {}),
      `Virtual host "${v.name}" created.`);
    if (ok) { form.reset(); refresh(); }
  });
  fill(body, h('div', { class: 'card' }, h('h2', {}, 'Virtual hosts'), list),
    h('div', { class: 'card' }, h('h2', {}, 'Add a virtual host'), form));
  await refresh();
}

async function deleteVhost(name, refresh) {
  if (!await confirmAction('Delete virtual host?', `Virtual host "${name}" and every exchange, queue, message and permission in it will be deleted.`,
    { confirmLabel: 'Delete virtual host' })) return;
  const { ok } = await act(() => api.del(`/vhosts/${seg(name)}`), `Virtual host "${name}" deleted.`);
  if (ok) refresh();
}

async function permissions(body) {
  const list = h('div', { id: 'permission-list' });
  const userSelect = h('select', { name: 'user', id: 'permission-user' });
  const vhostSelect = h('select', { name: 'vhost', id: 'permission-vhost' });
  const refresh = async () => {
    const [items, users, vhosts] = await Promise.all([api.get('/permissions'), api.get('/users'), api.get('/vhosts')]);
    fill(userSelect, users.map(u => h('option', { value: u.name }, u.name)));
    fill(vhostSelect, vhosts.map(v => h('option', { value: v.name }, v.name)));
    fill(list, table([
      { label: 'User', value: p => p.user }, { label: 'Virtual host', value: p => p.vhost },
      { label: 'Configure', value: p => h('code', {}, p.configure) }, { label: 'Write', value: p => h('code', {}, p.write) },
      { label: 'Read', value: p => h('code', {}, p.read) },
      { label: '', value: p => h('button', { class: 'link', onclick: () => clearPermission(p, refresh) }, 'Clear') },
    ], items, { empty: 'No permissions.' }));
  };
  const form = h('form', { class: 'inline', id: 'set-permission-form' },
    h('label', {}, 'User', userSelect), h('label', {}, 'Virtual host', vhostSelect),
    h('label', {}, 'Configure regexp', h('input', { name: 'configure', value: '.*' })),
    h('label', {}, 'Write regexp', h('input', { name: 'write', value: '.*' })),
    h('label', {}, 'Read regexp', h('input', { name: 'read', value: '.*' })),
    h('button', { class: 'primary', type: 'submit' }, 'Set permission'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const { ok } = await act(() => api.put(`/permissions/${seg(v.vhost)}/${seg(v.user)}`, { configure: v.configure, write: v.write, read: v.read }),
      `Permissions of "${v.user}" on vhost "${v.vhost}" set.`);
    if (ok) refresh();
  });
  fill(body, h('div', { class: 'card' }, h('h2', {}, 'Permissions'), list),
    h('div', { class: 'card' }, h('h2', {}, 'Set a permission'), form));
  await refresh();
}

async function clearPermission(p, refresh) {
  if (!await confirmAction('Clear permission?', `User "${p.user}" will lose access to vhost "${p.vhost}".`, { confirmLabel: 'Clear' })) return;
  const { ok } = await act(() => api.del(`/permissions/${seg(p.vhost)}/${seg(p.user)}`), `Permissions of "${p.user}" on "${p.vhost}" cleared.`);
  if (ok) refresh();
}
