// The XA page: every transaction branch of the vhosts the user sees (Xid, state, age, the
// connection that started it, held publishes and acks), and, for a PREPARED branch whose
// transaction manager is gone, a heuristic commit or rollback by hand (administrators only).
import { api, ferry } from '../api.js';
import { h, fill, num, table, act, confirmAction } from '../dom.js';

export async function render(view, params, ctx) {
  const branches = h('div', { id: 'xa-branches' });
  fill(view, h('div', { class: 'page-head' }, h('h1', {}, 'XA transactions')),
    h('p', { class: 'muted' }, 'Branches of XA transactions (JMS XA sessions, an application server\'s transaction manager). '
      + 'A prepared branch waits for its transaction manager to commit or roll it back, across broker restarts. '
      + 'Only when that transaction manager is gone for good, decide here: the broker logs the heuristic outcome, '
      + 'and a transaction manager that comes back no longer finds the branch.'),
    h('div', { class: 'card' }, h('h2', {}, 'Branches'), branches));

  async function refresh() {
    const list = await api.get(ferry.xaBranches());
    fill(branches, table([
      { label: 'Xid', value: x => h('code', {}, x.xid) },
      { label: 'Vhost', value: x => x.vhost },
      { label: 'State', value: x => h('span', { class: 'tag' + (x.state === 'prepared' ? ' warn' : '') }, x.state) },
      { label: 'Age', value: x => ageText(x.age_seconds) },
      { label: 'Connection', value: x => x.connection
        ? h('a', { href: `#/connections/${encodeURIComponent(x.connection)}` }, x.connection)
        : h('span', { class: 'muted' }, x.in_doubt ? 'none (in doubt)' : 'none') },
      { label: 'Held publishes', value: x => num(x.held_publishes), num: true },
      { label: 'Held acks', value: x => num(x.held_acks), num: true },
      { label: '', value: x => x.state !== 'prepared' ? h('span', { class: 'muted' }, 'owned by its session')
        : [h('button', { class: 'link', 'data-action': 'xa-commit', onclick: () => resolve(x, 'commit', refresh) }, 'Commit'),
          h('button', { class: 'link', 'data-action': 'xa-rollback', onclick: () => resolve(x, 'rollback', refresh) }, 'Roll back')] },
    ], list, { empty: 'No XA branches.', rowAttrs: x => ({ 'data-xid': x.xid }) }));
  }
  await refresh();
  ctx.every(refresh);
}

function ageText(seconds) {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}

async function resolve(x, how, refresh) {
  const commit = how === 'commit';
  if (!await confirmAction(commit ? 'Commit this branch by hand?' : 'Roll back this branch by hand?',
    `Prepared branch ${x.xid} in vhost "${x.vhost}" will be ${commit
      ? `committed: its ${x.held_publishes} held message(s) are delivered and its ${x.held_acks} ack(s) applied`
      : `rolled back: its ${x.held_publishes} held message(s) are dropped and the ${x.held_acks} message(s) it acked return to their queues`}. `
      + 'This is a heuristic decision: the transaction manager is not asked, and other branches of the same transaction are not touched.',
    { confirmLabel: commit ? 'Commit' : 'Roll back' })) return;
  const { ok } = await act(() => api.post(ferry.xa(x.vhost, x.xid) + '/' + how, {}),
    `Branch ${x.xid} ${commit ? 'committed' : 'rolled back'} (${x.held_publishes} publish(es), ${x.held_acks} ack(s)).`);
  if (ok) refresh();
}
