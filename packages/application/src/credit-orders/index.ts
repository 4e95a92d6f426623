export { creditOrderAggregate, creditOrderEventCodec, unusedCreditPackAggregate } from './aggregate';
export { CREDIT_ORDER_SAGA_ACTOR, creditOrderRejectionStep, creditOrderStepId, creditOrderWorkPlan, type CreditOrderStep } from './policy';
export {
  creditOrderProcess,
  type CreditOrderProcess,
  type CreditOrderProcessOptions,
  type CreditOrderSent,
  type CreditOrderStepReport,
  type CreditOrderWorkReport,
  type CreditOrderWorkStatus,
} from './process';
export { creditOrderWorkSource } from './work-source';
