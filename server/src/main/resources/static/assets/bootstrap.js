import { api, ApiError, download, el, invoiceBox, notice, show, wait } from './common.js';

const KEY = 'lnjobs.bootstrap';
const STEPS = [['awaiting_payment', 'Pay the bootstrap fee'], ['provisioning', 'The node is provisioned'],
  ['ready', 'The node is ready']];
let held = null;
try {
  held = JSON.parse(localStorage.getItem(KEY));
} catch {
  held = null;
}
const seen = [];

function startForm() {
  show('start', el('div', { class: 'actions' }, el('button', {
    type: 'button', id: 'start-bootstrap',
    onclick: async () => {
      try {
        const { body } = await api('POST', '/api/bootstrap');
        held = { bootstrapId: body.bootstrapJobId, accessToken: body.accessToken };
        localStorage.setItem(KEY, JSON.stringify(held));
        show('start', null);
        follow();
      } catch (e) {
        notice('status', e instanceof ApiError && e.status === 404
          ? 'Node bootstrap is not offered by this server.' : `Could not start: ${e.message}`, 'error');
      }
    },
  }, 'Get a node')));
}

function render(b) {
  if (b.message && !seen.includes(b.message)) seen.push(b.message);
  const at = STEPS.findIndex(([state]) => state === b.state);
  show('steps', STEPS.map(([state, label], i) => el('li', {
    class: i < at || b.state === 'ready' ? 'done' : i === at ? 'current' : '',
  }, label, i < at || b.state === 'ready' ? ' ✓' : '')),
  seen.map((message) => el('li', { class: 'small' }, message)));
  show('invoice', b.state === 'awaiting_payment' && b.invoice ? invoiceBox(b.invoice, 'Bootstrap invoice') : null);
  notice('status', b.state === 'failed' ? `Provisioning failed: ${b.reason || 'no reason given'}.` : '',
    b.state === 'failed' ? 'error' : 'info');
  if (b.state === 'ready') renderReady(b);
}

function renderReady(b) {
  const c = b.credentials || {};
  const key = c.sshPrivateKey;
  show('ready', el('section', { class: 'panel', 'aria-labelledby': 'ready-title' },
    el('h2', { id: 'ready-title' }, 'Your node'),
    el('p', {}, `Address: ${c.nodeIp || '—'}`, c.tailscaleHostname ? ` · Tailscale: ${c.tailscaleHostname}` : ''),
    c.lnbitsUrl ? el('p', {}, `LNbits: ${c.lnbitsUrl}`) : null,
    key ? el('p', { class: 'notice warn', role: 'alert' }, 'Download the SSH key now: the server has deleted it and '
      + 'this page holds the only copy until you leave it.') : el('p', { class: 'notice' }, b.sshKeyNote || ''),
    key ? el('div', { class: 'actions' }, el('button', { type: 'button', id: 'download-key',
      onclick: () => download(`${b.nodeName || 'node'}-ssh-key`, key) }, 'Download the SSH key')) : null,
    b.nextSteps ? el('ol', {}, b.nextSteps.map((s) => el('li', { class: 'text' }, s))) : null));
}

async function follow() {
  // No long poll on bootstraps: every 3 s while it moves, up to 30 s after failures.
  for (let failures = 0; ;) {
    try {
      const { body } = await api('GET', `/api/bootstrap/${encodeURIComponent(held.bootstrapId)}`,
        { token: held.accessToken });
      failures = 0;
      render(body);
      if (body.state === 'ready' || body.state === 'failed') return;
      await wait(3000);
    } catch (e) {
      failures += 1;
      notice('status', `Could not read the bootstrap: ${e.message}`, 'error');
      if (e instanceof ApiError && e.status < 500) return;
      await wait(Math.min(30000, 1000 * 2 ** failures));
    }
  }
}

if (held?.bootstrapId) follow();
else startForm();
