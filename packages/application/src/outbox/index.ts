export type { ExpiryWarningIntent, IntentSource, InvoiceRequestIntent, NotificationIntent } from './intents';
export { InMemoryOutbox, type NotificationOutbox } from './outbox';
export { NOTIFYING_EVENT_TYPES, feedOutbox, notificationIntentFor, outboxFeedSource, type OutboxFeedOptions } from './feed';
export { drainOutbox, type OutboxDrainOptions, type OutboxDrainReport } from './drain';
