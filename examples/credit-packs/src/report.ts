import { formatMoney, type CreditPackEvent, type CreditPackState, type Actor } from '@packledger/domain';

const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};

const who = (a: Actor): string => (a.kind === 'staff' ? a.userId : a.kind === 'client' ? `${a.userId} (client ${a.role})` : `scheduler:${a.name}`);

/** One row per pack: owner, status, the credit movements and what is left. */
export const balancesTable = (packs: readonly CreditPackState[]): string =>
  table(
    ['pack', 'owner', 'status', 'value', 'consumed', 'refunded', 'moved', 'remaining', 'expires', 'price'],
    packs.flatMap((p) => p.kind === 'issued'
      ? [[p.name, p.owner.type === 'office' ? `office ${p.owner.officeId}` : `user ${p.owner.userId}`, p.status,
          p.creditValue.toFixed(), p.consumed.toFixed(), p.refunded.toFixed(), p.transferred.toFixed(), p.remaining.toFixed(),
          p.expiresAt.slice(0, 10), formatMoney(p.price)]]
      : []),
  );

const describe = (e: CreditPackEvent): [string, string, string, string] => {
  switch (e.type) {
    case 'CreditPackIssued': return ['issued', `+${e.data.credits.toFixed()}`, e.data.credits.toFixed(), e.data.reissuedFrom === undefined ? `order ${e.data.orderId}` : `reissued from ${e.data.reissuedFrom}`];
    case 'CreditsConsumed': return ['consumed', `-${e.data.credits.toFixed()}`, e.data.remaining.toFixed(), `project ${e.data.projectId}${e.data.invoiceLine === undefined ? '' : `, invoice ${e.data.invoiceLine.invoiceId}`}`];
    case 'CreditPackExhausted': return ['exhausted', '', '0', 'no credits left'];
    case 'CreditsRefunded': return ['refunded', `+${e.data.credits.toFixed()}`, e.data.remaining.toFixed(), `project ${e.data.projectId}: ${e.data.reason}`];
    case 'CreditValueCorrected': return ['value corrected', `${e.data.delta.isNegative() ? '' : '+'}${e.data.delta.toFixed()}`, e.data.remaining.toFixed(), e.data.reason];
    case 'PackDetailsEdited': return ['details edited', '', '', Object.keys(e.data).filter((k) => !['packId', 'by', 'at'].includes(k)).join(', ')];
    case 'CreditStatusSet': return ['credit status', '', '', `${e.data.creditStatus}: ${e.data.specialNotes}`];
    case 'CreditPackReissued': return ['reissued', `-${e.data.transferredCredits.toFixed()}`, '0', `to pack ${e.data.newPackId} (${e.data.reason})`];
    case 'CreditPackCancelled': return ['cancelled', '', '', `${e.data.reason}; forfeited ${e.data.forfeitedCredits.toFixed()}`];
    case 'CreditPackExpired': return ['expired', '', '', `forfeited ${e.data.forfeitedCredits.toFixed()}`];
    case 'ExpiryWarningRecorded': return ['expiry warning', '', e.data.remaining.toFixed(), e.data.warning.type === 'before_expiry' ? `${e.data.warning.daysBefore} days before` : 'after expiry'];
  }
};

/** Every transaction in and out of a pack, in order (the Credit History pop-up). */
export const historyTable = (events: readonly CreditPackEvent[]): string =>
  table(['when', 'what', 'credits', 'balance', 'detail', 'by'], events.map((e) => {
    const [what, change, balance, detail] = describe(e);
    return [e.data.at.slice(0, 16).replace('T', ' '), what, change, balance, detail, who(e.data.by)];
  }));
