export { creditPackAggregate, creditPackEventCodec } from './aggregate';
export { creditPackStateCodec } from './state-codec';
