import { InMemoryEventStore } from '@packledger/application';
import { eventStoreContract } from '@packledger/application/testing';

eventStoreContract('InMemoryEventStore', () => new InMemoryEventStore());
