import { api, ApiError, download, el, invoiceBox, notice, sats, show, wait } from './common.js';
import { payoutForm } from './payout.js';

// The session this browser holds: {sessionId, macaroon, requestIds}. The macaroon is the key to the balance.
const KEY = 'lnjobs.session';
const load = () => {
  try {
    return JSON.parse(localStorage.getItem(KEY));
  } catch {
    return null;
  }
};
const save = (held) => localStorage.setItem(KEY, JSON.stringify(held));
let held = load();
let session = null;

const base = () => `/api/sessions/${encodeURIComponent(held.sessionId)}`;

function openForm() {
  const amount = el('input', { id: 'deposit-amount', type: 'number', min: 1, step: 1, value: 500, inputmode: 'numeric' });
  show('open', el('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        const { body } = await api('POST', '/api/sessions', { body: { amount_sats: Number(amount.value) } });
        held = { sessionId: body.sessionId, macaroon: body.macaroon, requestIds: [] };
        save(held);
        show('open', null);
        showSecretOnce(body.macaroon);
        start();
      } catch (e) {
        notice('status', `Could not open a session: ${e.message}`, 'error');
      }
    },
  }, el('label', { for: 'deposit-amount' }, 'Deposit (sats)'), amount,
  el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'open-session' }, 'Open a session'))));
}

function showSecretOnce(macaroon) {
  show('secret', el('section', { class: 'panel', 'aria-labelledby': 'secret-title' },
    el('h2', { id: 'secret-title' }, 'Your session key (shown once)'),
    el('p', { class: 'notice warn', role: 'alert' }, 'Whoever holds this key can spend and withdraw the balance. '
      + 'It is kept in this browser only; the server does not show it again. Export it to keep a copy.'),
    el('p', { class: 'secret', id: 'macaroon' }, macaroon),
    el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary',
      onclick: () => show('secret', null) }, 'I have saved it'))));
}

async function refresh() {
  const { body } = await api('GET', base(), { token: held.macaroon });
  session = body;
  if (body.macaroon && body.macaroon !== held.macaroon) {
    held.macaroon = body.macaroon; // a fresh macaroon of the same session: keep the newest
    save(held);
  }
  render();
  return body;
}

function render() {
  const s = session;
  show('deposit', s.state === 'awaiting_payment' && s.invoice ? invoiceBox(s.invoice, 'Deposit invoice') : null);
  show('session', el('section', { class: 'panel', 'aria-labelledby': 'balance-title' },
    el('h2', { id: 'balance-title' }, 'Balance'),
    el('p', { class: 'balance', id: 'balance', 'aria-live': 'polite' }, sats(s.balanceSats)),
    el('p', { class: 'small' }, `State: ${s.state}`, s.reservedSats ? ` · reserved for running requests: ${sats(s.reservedSats)}` : '',
      s.expiresAt ? ` · expires ${new Date(s.expiresAt).toLocaleString()}` : '',
      s.expiryReason ? ` · ${s.expiryReason}` : '')));
  const usable = s.state === 'active' || s.state === 'paused';
  document.getElementById('ask').hidden = s.state !== 'active';
  document.getElementById('topup').hidden = !usable;
  document.getElementById('withdraw').hidden = !(usable || s.state === 'expired' || s.state === 'closed');
  const topUp = s.topUp?.invoice && !s.topUp.invoice.paid ? invoiceBox(s.topUp.invoice, 'Top-up invoice') : null;
  const box = document.getElementById('topup-invoice');
  if (box) box.replaceChildren(...(topUp ? [topUp] : []));
  notice('status', s.state === 'awaiting_payment' ? 'Pay the deposit to start.'
    : s.state === 'paused' ? 'The balance is below the minimum: top up to go on.'
      : s.state === 'expired' ? 'This session has expired. Withdraw what is left.'
        : s.state === 'closed' ? 'This session is closed: its balance was withdrawn (what the fee reserve did not '
          + 'spend comes back here and can be withdrawn too).' : '');
}

function chatItem(request) {
  const cost = request.cost || {};
  return el('li', { id: `request-${request.requestId}` },
    el('div', { class: 'bubble mine text' }, request.request ?? held.texts?.[request.requestId] ?? ''),
    el('div', { class: 'bubble answer' },
      el('div', { class: 'text answer-text' }, request.result ?? (request.state === 'running' ? 'Working…'
        : `${request.state}${request.reason ? `: ${request.reason}` : ''}`)),
      el('p', { class: 'small' }, request.debitedSats !== undefined && request.debitedSats !== null
        ? `Cost ${sats(request.debitedSats)} (estimated ${sats(cost.estimatedSats)}`
          + `${cost.workInputTokens !== undefined ? `, ${cost.workInputTokens} + ${cost.workOutputTokens} work tokens` : ''})`
          + ` · balance after: ${sats(request.balanceRemaining)}` : `Reserved ${sats(cost.reservedSats)}`)));
}

function putChat(request) {
  const existing = document.getElementById(`request-${request.requestId}`);
  const item = chatItem(request);
  if (existing) existing.replaceWith(item);
  else document.getElementById('chat').append(item);
}

async function followRequest(requestId) {
  for (let delay = 1000; ; delay = Math.min(delay * 2, 10000)) {
    const { body } = await api('GET', `${base()}/requests/${encodeURIComponent(requestId)}`, { token: held.macaroon });
    putChat(body);
    if (body.state !== 'running') return body;
    await wait(delay);
  }
}

function askForm() {
  const text = el('textarea', { id: 'session-request', rows: 3, required: true, maxlength: 8000 });
  const send = el('button', { type: 'submit', id: 'send-request' }, 'Send');
  show('ask', el('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      send.disabled = true;
      try {
        const { body } = await api('POST', `${base()}/request`, { token: held.macaroon, body: { request: text.value } });
        held.requestIds.push(body.requestId);
        held.texts = { ...(held.texts || {}), [body.requestId]: text.value };
        save(held);
        text.value = '';
        putChat(body);
        if (body.state === 'running') await followRequest(body.requestId);
        await refresh();
      } catch (e) {
        notice('status', e instanceof ApiError && e.status === 402
          ? `The balance cannot cover this request: ${e.message} Top up below.` : `Not sent: ${e.message}`, 'error');
      } finally {
        send.disabled = false;
      }
    },
  }, el('label', { for: 'session-request' }, 'Your request'), text, el('div', { class: 'actions' }, send)));
}

function topUpForm() {
  const amount = el('input', { id: 'topup-amount', type: 'number', min: 1, step: 1, value: 500, inputmode: 'numeric' });
  show('topup', el('section', { 'aria-labelledby': 'topup-title' }, el('h2', { id: 'topup-title' }, 'Top up'),
    el('form', {
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await api('POST', `${base()}/topup`, { token: held.macaroon, body: { amount_sats: Number(amount.value) } });
          await refresh();
        } catch (e) {
          notice('status', `No top-up: ${e.message}`, 'error');
        }
      },
    }, el('label', { for: 'topup-amount' }, 'Top-up amount (sats)'), amount,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Get a top-up invoice'))),
    el('div', { id: 'topup-invoice' })));
}

function withdrawForm() {
  show('withdraw', payoutForm({
    id: 'withdrawal', title: 'Withdraw', token: held.macaroon,
    intro: 'Take the balance out to your wallet; the session ends with it.',
    routes: {
      invoice: { path: `${base()}/withdraw`, body: (invoice) => ({ invoice }) },
      address: { path: `${base()}/withdraw`, body: (lightningAddress) => ({ lightningAddress }) },
      lnurl: { path: `${base()}/withdraw/lnurl`, body: () => ({}) },
    },
    onDone: () => refresh().catch(() => {}),
  }));
}

function keyButtons() {
  show('keys', el('section', { 'aria-labelledby': 'keys-title' }, el('h2', { id: 'keys-title' }, 'This browser’s key'),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', id: 'export-key',
        onclick: () => download(`session-${held.sessionId}.json`,
          JSON.stringify({ sessionId: held.sessionId, macaroon: held.macaroon }, null, 2), 'application/json') },
      'Export the key'),
      el('button', { type: 'button', class: 'danger', id: 'forget-key',
        onclick: () => {
          if (window.confirm('Forget this session? Without an exported key its balance is lost to you.')) {
            localStorage.removeItem(KEY);
            window.location.reload();
          }
        } }, 'Forget this session'))));
}

async function start() {
  askForm();
  topUpForm();
  withdrawForm();
  keyButtons();
  for (const id of held.requestIds || []) {
    followRequest(id).catch(() => {});
  }
  // No long poll on sessions: re-read every 3 s while an invoice waits, every 20 s otherwise.
  for (let failures = 0; ;) {
    try {
      const s = await refresh();
      failures = 0;
      const waiting = s.state === 'awaiting_payment' || (s.topUp?.invoice && !s.topUp.invoice.paid);
      await wait(waiting ? 3000 : 20000);
    } catch (e) {
      failures += 1;
      notice('status', `Could not read the session: ${e.message}`, 'error');
      if (e instanceof ApiError && e.status < 500 && e.status !== 429) return;
      await wait(Math.min(30000, 1000 * 2 ** failures));
    }
  }
}

if (held?.sessionId) start();
else openForm();
