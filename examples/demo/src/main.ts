import { nanoid } from 'nanoid';
import type { AccountBilling, ClientPackageRow, CreditBalance, CreditHistory, TrackedPack } from '@packledger/projections';
import { balancesTable, historyTable, officeCreditTable, trackingTable } from './agency/report';
import { runAgencyScenario } from './agency/scenario';
import { invoicesText, packagesTable } from './isp/report';
import { runIspScenario } from './isp/scenario';
import { clientPackagesTable, limitsHistoryTable } from './voip/report';
import { runVoipScenario } from './voip/scenario';

const agency = async () => {
  const { readModels, steps } = await runAgencyScenario(() => nanoid());
  const balances = (await readModels.all('credit_balances')) as unknown as CreditBalance[];
  const histories = (await readModels.all('credit_history')) as unknown as CreditHistory[];
  const tracked = (await readModels.all('credit_pack_tracking')) as unknown as TrackedPack[];

  console.log("== An agency's credit packs\n");
  console.log('Commands');
  for (const s of steps) console.log(`  ${s.outcome === 'accepted' ? 'ok     ' : 'refused'} ${s.command.padEnd(20)} ${s.detail}`);
  console.log('\nBalances');
  console.log(balancesTable(balances));
  for (const pack of balances) {
    const history = histories.find((h) => h.packId === pack.packId);
    if (history === undefined) continue;
    console.log(`\nCredit history of "${pack.name}" (${pack.packId})`);
    console.log(historyTable(history));
  }
  console.log('\nCredit Pack Content Plan Tracking, 2026-08-02 (active packs)');
  console.log(trackingTable(tracked, '2026-08-02T00:00:00.000Z'));
  console.log('\nCredit information of office london, 2026-09-01 (active and expired)');
  console.log(officeCreditTable(balances, 'london', '2026-09-01T00:00:00.000Z'));
};

const voip = async () => {
  const { readModels, steps } = await runVoipScenario(() => nanoid());
  const rows = (await readModels.all('client_packages')) as unknown as ClientPackageRow[];
  console.log("\n== A VoIP operator's client packages\n");
  console.log('Commands');
  for (const s of steps) console.log(`  ${s.at.slice(0, 16).replace('T', ' ')}  ${s.command.padEnd(20)} ${s.outcome}`);
  console.log('\nClient packages (pending and active)');
  console.log(clientPackagesTable(rows));
  for (const row of rows.filter((r) => r.periods.length > 0)) {
    console.log(`\nLimits history of "${row.packageName}" for ${row.clientId} (reactivations: ${row.reactivations})`);
    console.log(limitsHistoryTable(row));
  }
};

const isp = async () => {
  const { readModels, reports, refusals } = await runIspScenario();
  const docs = (await readModels.all('account_billing')) as unknown as AccountBilling[];
  console.log("\n== An ISP's account: two packages billed over three months\n");
  console.log('Bill runs');
  for (const r of reports) {
    const billed = r.accounts.flatMap((a) => a.packagesBilled);
    console.log(`  ${r.billPeriod.start} .. ${r.billPeriod.end}: ${billed.length === 0 ? 'nothing to bill (already billed)' : `billed ${billed.join(', ')} on ${r.accounts.flatMap((a) => a.invoiceNumbers).join(', ')}`}`);
  }
  for (const refusal of refusals) console.log(`  refused: ${refusal}`);
  console.log('\nPackages');
  console.log(packagesTable(docs));
  console.log('');
  console.log(invoicesText(docs, 'acc-jones'));
};

const main = async () => {
  console.log('packledger demo, on the embedded event store\n');
  await agency();
  await voip();
  await isp();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
