export { clientPackageAggregate, clientPackageEventCodec } from './aggregate';
export { runPackageManager, type ManagerRunOutcome, type PackageManagerDriver } from './manager-run';
