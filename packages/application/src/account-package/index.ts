export { accountPackageAggregate, accountPackageEventCodec } from './aggregate';
export { runBillRun, streamIdsOf, type BillRunDriver } from './bill-run';
