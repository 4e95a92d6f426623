export { clientPackageAggregate, clientPackageEventCodec } from './aggregate';
