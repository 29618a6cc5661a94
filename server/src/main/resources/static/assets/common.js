// Shared by every page: building elements as text (never HTML), calling the JSON API, invoices with QR codes.

/** An element with attributes and children; strings become text nodes, so nothing given here is ever parsed. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of the element with id {@code id}. */
export function show(id, ...children) {
  const target = document.getElementById(id);
  target.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return target;
}

/** A problem+json (or any failed answer) as one sentence a person can act on. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `the server answered ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

/** Calls the API; answers {status, body, headers}; throws ApiError for 4xx/5xx (404 too, so callers can explain). */
export async function api(method, path, { body, token, headers = {} } = {}) {
  const request = { method, headers: { Accept: 'application/json', ...headers }, cache: 'no-store' };
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  if (token) request.headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, request);
  const text = response.status === 304 ? '' : await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.status >= 400) throw new ApiError(response.status, parsed);
  return { status: response.status, body: parsed, headers: response.headers };
}

export const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function sats(n) {
  return n === null || n === undefined ? '—' : `${Number(n).toLocaleString('en')} sats`;
}

/** A status line that screen readers announce. */
export function notice(id, text, kind = 'info') {
  show(id, text ? el('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text) : null);
}

/** An invoice to pay: QR code (drawn by the server), its BOLT 11 text with a copy button, a wallet link, WebLN. */
export function invoiceBox(invoice, label) {
  const pr = invoice.paymentRequest;
  const textId = `bolt11-${invoice.paymentHash}`;
  const status = el('p', { class: 'small', role: 'status' });
  const copy = el('button', {
    type: 'button', class: 'secondary',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(pr);
        status.textContent = 'Copied.';
      } catch {
        document.getElementById(textId).select();
        status.textContent = 'Selected: copy it with your keyboard.';
      }
    },
  }, 'Copy invoice');
  const actions = el('div', { class: 'actions' }, copy,
    el('a', { class: 'button secondary', href: `lightning:${pr}` }, 'Open in wallet'));
  if (window.webln) {
    actions.append(el('button', {
      type: 'button',
      onclick: async () => {
        try {
          await window.webln.enable();
          await window.webln.sendPayment(pr);
          status.textContent = 'Paid by the browser wallet; waiting for the node to confirm.';
        } catch (e) {
          status.textContent = `The browser wallet did not pay: ${e?.message || e}`;
        }
      },
    }, 'Pay with browser wallet'));
  }
  return el('section', { class: 'invoice', 'aria-label': label },
    el('h3', {}, `${label}: ${sats(invoice.amountSats)}`),
    el('img', {
      class: 'qr', src: `/api/qr?data=${encodeURIComponent(`lightning:${pr}`)}`, width: 256, height: 256,
      alt: `QR code of the ${label.toLowerCase()} for ${invoice.amountSats} sats`,
    }),
    el('label', { for: textId }, 'Invoice (BOLT 11)'),
    el('textarea', { id: textId, class: 'bolt11', readonly: true, rows: 4 }, pr),
    actions,
    invoice.expiresAt ? el('p', { class: 'small' }, `Expires ${new Date(invoice.expiresAt).toLocaleString()}`) : null,
    status);
}

/** A file download of {@code text} made in the browser (nothing is sent anywhere). */
export function download(filename, text, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A labelled row of a definition table. */
export function row(label, ...values) {
  return el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, ...values));
}
