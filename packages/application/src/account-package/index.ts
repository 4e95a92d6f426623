export { accountPackageAggregate, accountPackageEventCodec } from './aggregate';
export { runBillRun, streamIdsOf, type BillRunDriver } from './bill-run';
export { runBulkCancel, runBulkTransfer, type BulkCancelDriver, type BulkTransferDriver } from './bulk';
