/** One command and one query against a running example, as any HTTP client would send them. */
export const issueAndQuery = async (url: string) => {
  const command = await fetch(`${url}/credit-packs/pack-1/commands`, {
    method: 'POST',
    headers: { authorization: 'Bearer dana-token', 'idempotency-key': 'order-1-issue', 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'IssueCreditPack', orderId: 'order-1', name: 'Production pack', owner: { type: 'office', officeId: 'london', companyId: 'acme' },
      credits: '40', price: { amount: '3800.00', currency: 'GBP' }, linkedProducts: ['edit-day'], relationshipManagerId: 'sam',
      projectManagerId: 'pat', invoiceContactId: 'fay', expiry: { type: 'monthsAfterIssue', months: 6 },
    }),
  });
  const query = await fetch(`${url}/companies/acme/credit-balance`, { headers: { authorization: 'Bearer ann-token' } });
  return {
    command: { status: command.status, body: (await command.json()) as Record<string, unknown> },
    query: { status: query.status, body: (await query.json()) as Record<string, unknown> },
  };
};
