// Paying money out to the person: to a pasted invoice, a Lightning Address, or by an LNURL-withdraw QR code.
// Used by a job's refund and a session's withdrawal; each route is named by the caller.
import { api, ApiError, el, notice } from './common.js';

/**
 * A form choosing how to be paid. routes: {invoice, address, lnurl} → {path, body(value)}; lnurl answers
 * {lnurl, …}. A route the server does not have (404) is explained, not hidden.
 */
export function payoutForm({ id, title, intro, token, routes, onDone }) {
  const statusId = `${id}-status`;
  const value = el('textarea', { id: `${id}-value`, rows: 3, autocomplete: 'off' });
  const valueLabel = el('label', { for: `${id}-value` }, 'Invoice (BOLT 11) for exactly the amount');
  const lnurlBox = el('div', { id: `${id}-lnurl` });
  const choice = (method, label, checked) => el('label', { class: 'choice' },
    el('input', { type: 'radio', name: `${id}-method`, value: method, checked,
      onchange: () => pick(method) }), label);
  const submit = el('button', { type: 'submit' }, 'Pay me');
  const valueArea = el('div', {}, valueLabel, value);

  function pick(method) {
    valueArea.hidden = method === 'lnurl';
    valueLabel.textContent = method === 'address' ? 'Lightning Address (name@domain)'
      : 'Invoice (BOLT 11) for exactly the amount';
    value.rows = method === 'address' ? 1 : 3;
    submit.textContent = method === 'lnurl' ? 'Show the LNURL-withdraw QR code' : 'Pay me';
  }

  async function send(event) {
    event.preventDefault();
    const method = new FormData(event.target).get(`${id}-method`);
    const route = routes[method];
    const input = value.value.trim();
    if (method !== 'lnurl' && !input) {
      notice(statusId, method === 'address' ? 'Give a Lightning Address.' : 'Paste an invoice.', 'error');
      return;
    }
    submit.disabled = true;
    notice(statusId, 'Sending…');
    try {
      const { body } = await api('POST', route.path, { token, body: route.body(input) });
      if (method === 'lnurl') {
        lnurlBox.replaceChildren(el('img', {
          class: 'qr', width: 256, height: 256, alt: 'LNURL-withdraw QR code: scan it with your wallet',
          src: `/api/qr?data=${encodeURIComponent(`lightning:${body.lnurl}`)}`,
        }), el('p', { class: 'secret' }, body.lnurl),
        el('a', { class: 'button secondary', href: `lightning:${body.lnurl}` }, 'Open in wallet'));
        notice(statusId, 'Scan the code with your wallet to withdraw.', 'ok');
      } else {
        notice(statusId, 'Accepted: the payment is on its way.', 'ok');
      }
      onDone?.(body);
    } catch (e) {
      const missing = e instanceof ApiError && e.status === 404 && !e.problem?.detail?.startsWith('no ');
      notice(statusId, missing ? 'This server does not offer that way of paying out yet; choose another.'
        : `Refused: ${e.message}`, 'error');
    } finally {
      submit.disabled = false;
    }
  }

  return el('section', { 'aria-labelledby': `${id}-title`, class: 'panel' },
    el('h2', { id: `${id}-title` }, title), intro ? el('p', {}, intro) : null,
    el('form', { id: `${id}-form`, onsubmit: send },
      el('fieldset', {}, el('legend', {}, 'How do you want to be paid?'),
        choice('invoice', 'Paste an invoice', true), choice('address', 'Lightning Address', false),
        choice('lnurl', 'Scan an LNURL-withdraw QR code', false)),
      valueArea, el('div', { class: 'actions' }, submit)),
    el('div', { id: statusId }), lnurlBox);
}
