import { ACCOUNT_PACKAGE_STREAM_PREFIX, CLIENT_PACKAGE_STREAM_PREFIX, CREDIT_PACK_STREAM_PREFIX } from '@packledger/domain';
import { accountPackageEventCodec, clientPackageEventCodec, creditPackEventCodec, type EventCodec } from '@packledger/application';
import { accountBilling } from './account-billing/view';
import { clientPackages } from './client-packages/view';
import { creditBalances } from './credit-balances/view';
import { creditHistory } from './credit-history/view';
import { creditPackTracking } from './credit-pack-tracking/view';
import type { StreamCodec } from './decode';
import type { AnyView, DomainEvent } from './view';

/** Every view of packledger. */
export const allViews: readonly AnyView[] = [creditBalances, creditHistory, creditPackTracking, clientPackages, accountBilling];

/** The codecs of packledger's own streams, for {@link eventDecoder}. */
export const packledgerStreams: readonly StreamCodec[] = [
  { prefix: CREDIT_PACK_STREAM_PREFIX, codec: creditPackEventCodec as EventCodec<DomainEvent> },
  { prefix: CLIENT_PACKAGE_STREAM_PREFIX, codec: clientPackageEventCodec as EventCodec<DomainEvent> },
  { prefix: ACCOUNT_PACKAGE_STREAM_PREFIX, codec: accountPackageEventCodec as EventCodec<DomainEvent> },
];
