// The console's shell: login, navigation (hash routes), theme, refresh timer. Each page is a
// module exporting render(view, params, ctx); ctx.every(fn) registers its refresh and ctx.onLeave
// its cleanup, both dropped when the user navigates away.

import { api, login, logout, hasCredentials, onUnauthorized } from './api.js';
import { h, fill, toast, tagList } from './dom.js';

const ROUTES = [
  [/^\/?$/, 'overview', () => import('./pages/overview.js')],
  [/^\/queues$/, 'queues', () => import('./pages/queues.js')],
  [/^\/queues\/([^/]+)\/([^/]+)$/, 'queues', () => import('./pages/queue.js')],
  [/^\/exchanges$/, 'exchanges', () => import('./pages/exchanges.js')],
  [/^\/exchanges\/([^/]+)\/([^/]*)$/, 'exchanges', () => import('./pages/exchange.js')],
  [/^\/connections$/, 'connections', () => import('./pages/connections.js')],
  [/^\/connections\/([^/]+)$/, 'connections', () => import('./pages/connection.js')],
  [/^\/channels$/, 'channels', () => import('./pages/channels.js')],
  [/^\/admin(?:\/(users|vhosts|permissions))?$/, 'admin', () => import('./pages/admin.js')],
  [/^\/definitions$/, 'definitions', () => import('./pages/definitions.js')],
  [/^\/jms$/, 'jms', () => import('./pages/jms.js')],
  [/^\/xa$/, 'xa', () => import('./pages/xa.js')],
];

const THEME_KEY = 'ferrymq.console.theme';
const REFRESH_KEY = 'ferrymq.console.refresh';

let me = null;
let page = { timers: [], cleanups: [], refreshers: [] };

// ---- theme

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  fill(document.getElementById('theme-toggle'), theme === 'dark' ? 'Light' : 'Dark');
}

function initialTheme() {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

// ---- refresh

function refreshMs() {
  const saved = localStorage.getItem(REFRESH_KEY);
  return saved === null ? 5000 : Number(saved);
}

function restartTimers() {
  page.timers.forEach(clearInterval);
  page.timers = [];
  const ms = refreshMs();
  if (ms > 0) {
    for (const fn of page.refreshers) page.timers.push(setInterval(() => runQuietly(fn), ms));
  }
}

async function runQuietly(fn) {
  try { await fn(); } catch (e) { console.warn('refresh failed', e); }
}

// ---- routing

function leavePage() {
  page.timers.forEach(clearInterval);
  page.cleanups.forEach(fn => { try { fn(); } catch (e) { console.warn(e); } });
  page = { timers: [], cleanups: [], refreshers: [] };
}

async function route() {
  if (!me) return;
  leavePage();
  const path = decodeURI(location.hash.replace(/^#/, '')) || '/';
  const rawPath = location.hash.replace(/^#/, '') || '/';
  const view = document.getElementById('view');
  const match = ROUTES.map(([re, nav, load]) => ({ m: re.exec(rawPath), nav, load })).find(r => r.m);
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', !!match && a.dataset.nav === match.nav));
  if (!match) {
    fill(view, h('div', { class: 'card' }, h('h1', {}, 'Not found'), h('p', {}, `No page at ${path}.`), h('a', { href: '#/' }, 'Overview')));
    return;
  }
  const params = match.m.slice(1).map(p => (p === undefined ? undefined : decodeURIComponent(p)));
  const current = page;
  const ctx = {
    me,
    isAdmin: tagList(me.tags).includes('administrator'),
    every(fn) { current.refreshers.push(fn); if (current === page) restartTimers(); },
    onLeave(fn) { current.cleanups.push(fn); },
    rerender: () => route(),
  };
  fill(view, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const module = await match.load();
    if (current !== page) return; // navigated away while loading
    fill(view);
    await module.render(view, params, ctx);
  } catch (e) {
    if (current !== page) return;
    fill(view, h('div', { class: 'banner', role: 'alert' }, e.describe ? e.describe() : String(e.message || e)));
  }
}

// ---- login

function showLogin(message) {
  me = null;
  leavePage();
  document.getElementById('shell').hidden = true;
  document.getElementById('login').hidden = false;
  const error = document.getElementById('login-error');
  error.hidden = !message;
  fill(error, message || '');
  document.getElementById('login-username').focus();
}

function showShell(whoami) {
  me = whoami;
  document.getElementById('login').hidden = true;
  document.getElementById('shell').hidden = false;
  const tags = tagList(whoami.tags);
  fill(document.getElementById('whoami'), `${whoami.name}${tags.length ? ' (' + tags.join(', ') + ')' : ''}`);
  // users, permissions and definitions are the administrator's (the API refuses others anyway)
  const admin = tags.includes('administrator');
  document.querySelectorAll('#nav a[data-nav="admin"], #nav a[data-nav="definitions"]').forEach(a => { a.hidden = !admin; });
  route();
}

async function start() {
  applyTheme(initialTheme());
  document.getElementById('theme-toggle').addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, next);
    applyTheme(next);
    route(); // charts pick their colours up from the theme
  });
  const refresh = document.getElementById('refresh-interval');
  refresh.value = String(refreshMs());
  refresh.addEventListener('change', () => { localStorage.setItem(REFRESH_KEY, refresh.value); restartTimers(); });
  document.getElementById('logout').addEventListener('click', () => { logout(); showLogin(); });
  document.getElementById('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = document.getElementById('login-username').value;
    const password = document.getElementById('login-password').value;
    const button = document.getElementById('login-submit');
    button.disabled = true;
    try {
      const whoami = await login(username, password);
      document.getElementById('login-password').value = '';
      showShell(whoami);
    } catch (err) {
      showLogin(err.status === 401 ? 'Wrong username or password, or this user may not log in from here.'
        : (err.describe ? err.describe() : String(err)));
    } finally {
      button.disabled = false;
    }
  });
  onUnauthorized(() => { logout(); showLogin('Your session is no longer valid: sign in again.'); });
  window.addEventListener('hashchange', route);

  if (hasCredentials()) {
    try {
      showShell(await api.get('/whoami'));
      return;
    } catch (e) {
      logout();
    }
  }
  showLogin();
}

start().catch(e => toast(String(e), 'error'));
