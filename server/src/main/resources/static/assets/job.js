import { api, ApiError, el, invoiceBox, notice, row, sats, show, wait } from './common.js';
import { jobToken, rememberJob } from './jobs-store.js';
import { refundForm } from './refund.js';

const jobId = decodeURIComponent(window.location.pathname.split('/').pop());
const STEPS = [
  ['awaiting_eval_payment', 'Pay the evaluation fee'],
  ['evaluating', 'The request is evaluated'],
  ['awaiting_work_payment', 'Pay for the work'],
  ['executing', 'The work runs'],
  ['complete', 'The answer'],
];
const ENDED = ['complete', 'rejected', 'failed', 'expired'];

function steps(job) {
  const at = STEPS.findIndex(([state]) => state === job.state);
  const reached = at >= 0 ? at : (job.workInvoice?.paid ? 3 : job.evalInvoice?.paid ? 1 : 0);
  return STEPS.map(([state, label], i) => el('li', {
    class: i < reached || job.state === 'complete' ? 'done' : i === reached && at >= 0 ? 'current' : '',
    'aria-current': i === reached && at >= 0 ? 'step' : null,
  }, label, i < reached || job.state === 'complete' ? ' ✓' : ''));
}

/** What happened and what is owed, for a job that ended without an answer. */
function ending(job) {
  const evalFee = job.evalInvoice?.paid ? job.evalInvoice.amountSats : 0;
  const workPaid = job.workInvoice?.paid ? job.workInvoice.amountSats : 0;
  const refund = job.costLedger?.refundAmountSats || 0;
  switch (job.state) {
    case 'expired':
      return evalFee
        ? `The work invoice expired unpaid. The ${evalFee}-sat evaluation fee paid for the evaluation; `
          + 'nothing else was charged and nothing is owed to you.'
        : 'The evaluation invoice expired unpaid. Nothing was charged and nothing is owed.';
    case 'rejected':
      return `The evaluation declined the request${job.reason ? `: ${job.reason}` : ''}. The ${evalFee}-sat `
        + 'evaluation fee paid for that evaluation; nothing else was charged and nothing is owed to you.';
    case 'failed':
      if (workPaid) {
        return `The work failed${job.reason ? `: ${job.reason}` : ''}. You paid ${workPaid} sats for it`
          + (refund ? `; ${refund} sats are owed back to you: claim them below.` : ': they are owed back to you.');
      }
      return `The job failed${job.reason ? `: ${job.reason}` : ''}. Nothing beyond the evaluation fee `
        + `(${evalFee} sats) was charged and nothing is owed.`;
    default:
      return null;
  }
}

function ledger(l, job) {
  const tokens = (i, o) => (i === null || i === undefined ? '—' : `${i} in / ${o ?? '—'} out`);
  const usd = (v) => (v === null || v === undefined ? '—' : `$${Number(v).toFixed(6)}`);
  return el('section', { 'aria-labelledby': 'ledger-title' },
    el('h2', { id: 'ledger-title' }, 'Cost ledger'),
    el('div', { class: 'table-wrap' }, el('table', {},
      el('caption', { class: 'visually-hidden' }, 'What the job was priced at and what it actually cost'),
      el('tbody', {},
        row('Estimated tokens', tokens(l.estimatedInputTokens, l.estimatedOutputTokens)),
        row('Actual tokens, evaluation', tokens(l.evalInputTokens, l.evalOutputTokens)),
        row('Actual tokens, work', tokens(l.workInputTokens, l.workOutputTokens)),
        row('Model cost (actual)', usd(l.actualAnthropicCostUsd)),
        row('Infrastructure share', usd(l.infraCostUsd)),
        row('Margin', l.marginPct === null || l.marginPct === undefined ? '—' : `${l.marginPct} %`),
        row('BTC price', l.btcPriceUsd ? `$${Number(l.btcPriceUsd).toLocaleString('en')} (${l.btcPriceSource})` : '—'),
        row('Price of the work', sats(l.workAmountSats), job.workInvoice?.paid ? ' (paid)' : ' (not paid yet)'),
        row('Actual cost', sats(l.actualAmountSats)),
        row('Refund', sats(l.refundAmountSats), l.refundState ? ` (${l.refundState.replace('_', ' ')})` : '')))));
}

function render(job) {
  document.getElementById('request').textContent = job.request;
  show('steps', steps(job));
  const invoice = job.state === 'awaiting_eval_payment' ? job.evalInvoice
    : job.state === 'awaiting_work_payment' ? job.workInvoice : null;
  show('invoice', invoice ? invoiceBox(invoice, job.state === 'awaiting_eval_payment'
    ? 'Evaluation invoice' : 'Work invoice') : null);
  const statusText = {
    awaiting_eval_payment: 'Waiting for the evaluation fee to be paid.',
    evaluating: 'Paid. The request is being evaluated…',
    awaiting_work_payment: `Accepted. The work costs ${sats(job.workInvoice?.amountSats)}: pay it to start.`,
    executing: 'Paid. The work is running…',
    complete: 'Done.',
  }[job.state];
  const end = ending(job);
  notice('status', end || statusText || job.state, end ? 'warn' : job.state === 'complete' ? 'ok' : 'info');
  show('result', job.result !== undefined && job.result !== null
    ? el('section', { 'aria-labelledby': 'result-title' }, el('h2', { id: 'result-title' }, 'Answer'),
      el('div', { id: 'answer', class: 'text panel' }, job.result)) : null);
  show('ledger', job.costLedger ? ledger(job.costLedger, job) : null);
  renderRefund(job);
}

function renderRefund(job) {
  const l = job.costLedger;
  const owed = l?.refundAmountSats > 0 || (job.state === 'failed' && job.workInvoice?.paid);
  if (!owed) {
    show('refund', null);
    return;
  }
  if (l?.refundState === 'paid') {
    show('refund', el('p', { class: 'notice ok' }, `Refund of ${sats(l.refundAmountSats)} paid.`));
    return;
  }
  if (l?.refundState === 'pending' && l.refundPaymentHash) {
    show('refund', el('p', { class: 'notice', role: 'status' },
      `Refund of ${sats(l.refundAmountSats)} is being paid; this page shows when the node confirms it.`));
    return;
  }
  if (document.getElementById('refund-form')) return; // keep what the person is typing
  const token = jobToken(jobId);
  if (!token) {
    show('refund', el('p', { class: 'notice warn' },
      'This browser does not hold the job’s access token, which the refund claim needs.'));
    showTokenImport();
    return;
  }
  const failedNote = l?.refundState === 'failed' && l.refundFailureReason
    ? `The last refund attempt failed: ${l.refundFailureReason}. Claim it again.` : null;
  show('refund', refundForm({ jobId, token, amountSats: l?.refundAmountSats, note: failedNote, onClaimed: follow }));
}

function showTokenImport() {
  if (document.getElementById('token-input')) return;
  const input = el('input', { id: 'token-input', autocomplete: 'off' });
  show('token', el('form', {
    onsubmit: (event) => {
      event.preventDefault();
      rememberJob(jobId, input.value.trim());
      show('token', null);
      show('refund', null);
      follow();
    },
  }, el('label', { for: 'token-input' }, 'The job’s access token (from its creation)'), input,
  el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Use this token'))));
}

let following = false;

/** Long polls: the read is held by the server until the job changes (Prefer: wait) or 25 s pass (304). */
async function follow() {
  if (following) return;
  following = true;
  let etag = null;
  let failures = 0;
  try {
    for (;;) {
      try {
        const headers = etag ? { 'If-None-Match': etag, Prefer: 'wait=25' } : {};
        const answer = await api('GET', `/api/jobs/${encodeURIComponent(jobId)}`, { headers });
        failures = 0;
        if (answer.status === 304) continue;
        etag = answer.headers.get('ETag');
        render(answer.body);
        if (settled(answer.body)) return;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
          notice('status', `No such job: ${e.message}`, 'error');
          return;
        }
        failures += 1;
        notice('status', `Lost contact with the server (${e.message}); trying again…`, 'error');
        await wait(Math.min(30000, 1000 * 2 ** failures));
      }
    }
  } finally {
    following = false;
  }
}

/** Nothing more can change for the person: ended, and no refund owed, being paid or to claim again. */
function settled(job) {
  const state = job.costLedger?.refundState;
  const refundOpen = state === 'pending' || state === 'failed' || (job.state === 'failed' && job.workInvoice?.paid);
  return ENDED.includes(job.state) && !refundOpen;
}

follow();
