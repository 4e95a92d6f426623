export { tick, type DueWork, type TickSourceReport, type TickDependencies, type TickReport, type TickSource, type TickWorkOutcome, type TickWorkReport } from './tick';
export {
  EXPIRY_ACTOR,
  dueExpiryWork,
  expireCommandId,
  expirySource,
  warningCommandId,
  warningDueAt,
  type ExpirySourceOptions,
  type ExpiryStep,
  type OpenPack,
  type OpenPacks,
} from './expiry';
export { openPacksFromCreditBalances, openPacksFromEventScan, type ViewDocuments } from './open-packs';
