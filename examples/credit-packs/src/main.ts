import { nanoid } from 'nanoid';
import { balancesTable, historyTable } from './report';
import { packsOf, runAgencyScenario } from './scenario';

const result = runAgencyScenario(() => nanoid());
const packs = packsOf(result);

console.log('packledger demo: an agency\'s credit packs\n');
console.log('Commands');
for (const s of result.steps) console.log(`  ${s.outcome === 'accepted' ? 'ok     ' : 'refused'} ${s.command.padEnd(20)} ${s.detail}`);
console.log('\nBalances');
console.log(balancesTable(packs.map((p) => p.state)));
for (const { state, events } of packs) {
  if (state.kind !== 'issued') continue;
  console.log(`\nCredit history of "${state.name}" (${state.packId})`);
  console.log(historyTable(events));
}
