import { payoutForm } from './payout.js';
import { sats } from './common.js';

/** A job's refund claim: invoice (POST /refund), Lightning Address (the same route), or LNURL-withdraw. */
export function refundForm({ jobId, token, amountSats, note, onClaimed }) {
  const base = `/api/jobs/${encodeURIComponent(jobId)}/refund`;
  return payoutForm({
    id: 'refund',
    title: 'Your refund',
    intro: `${amountSats ? `${sats(amountSats)} are` : 'Money is'} owed to you.${note ? ` ${note}` : ''}`,
    token,
    routes: {
      invoice: { path: base, body: (invoice) => ({ invoice }) },
      address: { path: base, body: (lightningAddress) => ({ lightningAddress }) },
      lnurl: { path: `${base}/lnurl`, body: () => ({}) },
    },
    onDone: onClaimed,
  });
}
