import { api, ApiError, el, notice, sats, show } from './common.js';
import { barChart } from './chart.js';

const KEY = 'lnjobs.adminToken';
const input = document.getElementById('admin-token');

document.getElementById('login').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, input.value);
  input.value = '';
  load();
});
document.getElementById('forget-admin').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  show('dashboard', null);
  notice('status', 'Token forgotten.');
});

const table = (caption, head, rows) => el('div', { class: 'table-wrap' }, el('table', {},
  el('caption', { class: 'small' }, caption),
  el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { scope: 'col', class: i ? 'num' : '' }, h)))),
  el('tbody', {}, rows.length ? rows.map((r) => el('tr', {}, r.map((c, i) => el(i ? 'td' : 'th',
    i ? { class: 'num' } : { scope: 'row' }, c)))) : el('tr', {}, el('td', { colspan: head.length }, 'None')))));

const section = (id, title, ...body) => el('section', { id, 'aria-labelledby': `${id}-title` },
  el('h2', { id: `${id}-title` }, title), ...body);

/** Each part loads on its own: one failing (or absent on this server) leaves the others shown. */
async function part(path, token, draw) {
  try {
    return draw((await api('GET', path, { token })).body);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.problem?.detail === 'admin endpoints are disabled')) throw e;
    return el('p', { class: 'notice error' }, e instanceof ApiError && e.status === 404
      ? `${path} is not offered by this server.` : `${path}: ${e.message}`);
  }
}

function overview(o) {
  const day = o.bucket === 'day';
  const label = (start) => (day ? start.slice(5, 10) : start.slice(11, 16));
  const r = o.refunds;
  return [
    section('jobs', 'Jobs by state', table('Jobs in each state', ['state', 'jobs'],
      Object.entries(o.jobsByState).map(([state, n]) => [state.toLowerCase(), n]))),
    section('money', `Revenue and cost per ${o.bucket} (sats)`,
      el('div', { class: 'legend' }, ['revenue', 'model cost', 'infra cost'].map((name, i) => el('span', {},
        el('span', { class: `swatch ${['revenue', 'model', 'infra'][i]}`, 'aria-hidden': 'true' }), name))),
      o.timeline.length ? barChart(o.timeline, label) : el('p', {}, 'Nothing earned in this period yet.'),
      table('The chart’s figures', [o.bucket, 'revenue', 'model cost', 'infra cost'],
        o.timeline.map((p) => [label(p.start), p.revenueSats, p.modelCostSats, p.infraCostSats]))),
    section('refunds', 'Refunds', table('Job refunds by state', ['refunds', 'count', 'sats'], [
      ['due (not claimed)', r.due.count, r.due.sats], ['being paid', r.paying.count, r.paying.sats],
      ['paid', r.paid.count, r.paid.sats], ['failed (claimable again)', r.failed.count, r.failed.sats]])),
    section('withdrawals', 'Withdrawals', table('Session withdrawals by state', ['withdrawals', 'count', 'sats'], [
      ['being paid (in escrow)', o.withdrawals.paying.count, o.withdrawals.paying.sats],
      ['paid', o.withdrawals.paid.count, o.withdrawals.paid.sats],
      ['failed (back on the balance)', o.withdrawals.failed.count, o.withdrawals.failed.sats]])),
    section('sessions', 'Session balances', el('p', {}, `Owed to session holders: ${sats(o.sessionBalancesOwedSats)}`),
      table('Sessions by state', ['state', 'sessions', 'balance (sats)'],
        Object.entries(o.sessionsByState).map(([state, t]) => [state.toLowerCase(), t.count, t.sats]))),
  ];
}

const ledger = (l) => section('ledger', 'Balance sheet (replayed from the events)',
  el('p', { class: `notice ${l.mismatches ? 'error' : 'ok'}` }, l.mismatches
    ? `${l.mismatches} of ${l.accounts} accounts do not add up.` : `All ${l.accounts} accounts add up.`),
  table('Totals in sats; withdrawals are sessions’ payouts', ['total', 'sats'],
    Object.entries(l.totals).map(([k, v]) => [k, v])));

const pricing = (p) => section('pricing', 'Pricing audit (replayed from the events)',
  el('p', { class: `notice ${p.mismatchCount ? 'error' : 'ok'}` }, p.mismatchCount
    ? `${p.mismatchCount} prices differ from what the policy gives.`
    : `All ${p.jobsAudited} jobs priced as the policy gives (${p.eventsRead} events, ${p.eventsPerSecond}/s).`),
  p.mismatches.length ? table('Mismatches', ['job', 'check', 'expected', 'recorded'],
    p.mismatches.slice(0, 50).map((m) => [m.jobId, m.check, m.expected, m.recorded])) : null);

const stuck = (s) => section('stuck', `Stuck items (${s.count})`, table('Not moved for longer than their state takes',
  ['id', 'kind', 'state', 'since'], s.items.map((i) => [i.id, i.kind, i.state.toLowerCase(),
    new Date(i.since).toLocaleString()])));

const processors = (p) => section('processors', `Event processors of this node: ${p.status}`,
  table('Each processor', ['processor', 'running', 'error', 'caught up', 'segments'],
    Object.entries(p.processors).map(([name, d]) => [name, d.running ? 'yes' : 'NO', d.error ? 'YES' : 'no',
      d.caughtUp === undefined ? '—' : d.caughtUp ? 'yes' : 'no', (d.claimedSegments || []).join(' ')])));

async function load() {
  const token = sessionStorage.getItem(KEY);
  if (!token) return;
  notice('status', 'Loading…');
  try {
    const parts = await Promise.all([
      part('/api/admin/overview?bucket=day&buckets=14', token, overview),
      part('/api/admin/processors', token, processors),
      part('/api/admin/stuck', token, stuck),
      part('/api/admin/audit/ledger', token, ledger),
      part('/api/admin/audit/pricing', token, pricing),
    ]);
    show('dashboard', parts.flat());
    notice('status', `Updated ${new Date().toLocaleTimeString()}.`, 'ok');
  } catch (e) {
    show('dashboard', null);
    notice('status', e.status === 401 ? 'The server refused this admin token.'
      : e.status === 404 ? 'The admin endpoints are off on this server: start it with ADMIN_TOKEN set.'
        : e.message, 'error');
  }
}

load();
