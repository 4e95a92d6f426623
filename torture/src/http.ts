import { InMemoryEventStore, accountPackageAggregate, clientPackageAggregate, creditPackAggregate, fixedClock, loadStream, type Aggregate } from '@packledger/application';
import { accountPackageStream, clientPackageStream, creditPackStream } from '@packledger/domain';
import { Actor, decodeWith } from '@packledger/domain';
import { headerValues, httpHandler, packledgerRoutes, type Authenticator, type HttpHandler, type HttpResponse, type Route } from '@packledger/http';
import { InMemoryReadModelStore, allViews, eventDecoder, packledgerStreams, startProjections, type RunningProjections } from '@packledger/projections';
import * as E from 'fp-ts/Either';
import { fibrePackage, voipPackage, type JsonCommand } from './commands';
import { hasOwnProtoKey, explainedBy } from './findings';
import { hostileCommand, prototypePollution } from './hostile-input';
import { readAllEvents } from './ledger';
import { diceOf, type Dice } from './random';
import { accountPackageSamples, clientPackageSamples, creditPackSamples } from './samples';

/** The companies of the HTTP worlds: each one's data carries its name, so a leak shows in a response's text. */
const COMPANIES = ['acme', 'globex', 'initech', 'umbrella', 'hooli'] as const;

const NOW = '2026-02-01T00:00:00.000Z';

/** Markers only a company's own data holds (never part of a request): pack names, projects, invoices, notes, package names. */
const markersOf = (company: string): readonly string[] => [`Secret ${company}`, `${company}-film`, `inv-${company}`, `note-${company}`, `${company}-client`, `${company}-acc`];

/** Who calls, by token: the token is the actor's JSON, so a world can have any number of actors. */
const authenticate: Authenticator = async (request) => {
  const [header] = headerValues(request.headers, 'authorization');
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return E.left({ reason: 'Send Authorization: Bearer <token>.' });
  }
  const actor = decodeWith(Actor, json);
  return E.isRight(actor) ? actor : E.left({ reason: 'Send a valid token.' });
};

const tokenOf = (actor: unknown): string => Buffer.from(JSON.stringify(actor)).toString('base64url');

/** A world behind the HTTP handler: companies with packs, consumptions on invoices, client and account packages. */
interface HttpWorld {
  readonly store: InMemoryEventStore;
  readonly handle: HttpHandler;
  readonly projections: RunningProjections;
  readonly companies: readonly string[];
  /** Ids by kind, over every company: what path and query parameters are drawn from. */
  readonly ids: Readonly<Record<string, readonly string[]>>;
}

const staffActor = { kind: 'staff', userId: 'sam', roles: ['sales', 'accounts'] } as const;
const schedulerActor = { kind: 'system', name: 'billing' } as const;

const call = (world: { readonly handle: HttpHandler }, actor: unknown, method: string, path: string, body?: unknown, query: Record<string, string | string[]> = {}, key?: string): Promise<HttpResponse> =>
  world.handle({ method, path, query, body, headers: { authorization: `Bearer ${tokenOf(actor)}`, ...(key === undefined ? {} : { 'idempotency-key': key }) } });

let keys = 0;
const post = async (world: { readonly handle: HttpHandler }, actor: unknown, path: string, body: unknown): Promise<void> => {
  const response = await call(world, actor, 'POST', path, body, {}, `setup-${++keys}`);
  if (response.status !== 200) throw new Error(`setting up ${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
};

const makeWorld = async (dice: Dice): Promise<HttpWorld> => {
  const store = new InMemoryEventStore();
  const readModels = new InMemoryReadModelStore();
  const projections = await startProjections({ events: store, readModels, views: allViews, decode: eventDecoder(packledgerStreams) });
  // No read-your-writes: the access checks wait for the views themselves, and a fuzzed request must not wait on views a poisoned event stopped.
  const handle = httpHandler({ store, readModels, authenticate, clock: fixedClock(NOW) });
  const world = { handle };
  const companies = dice.shuffle(COMPANIES).slice(0, dice.int(2, 4));
  const ids: Record<string, string[]> = { packId: [], companyId: [...companies], officeId: [], userId: [], clientPackageId: [], accountPackageId: [], accountId: [] };
  for (const c of companies) {
    ids.officeId?.push(`${c}-hq`, `${c}-branch`);
    ids.userId?.push(`${c}-kim`);
    for (let n = 1; n <= dice.int(1, 3); n++) {
      const packId = `${c}-p${n}`;
      ids.packId?.push(packId);
      const owner = dice.chance(0.5) ? { type: 'office', officeId: `${c}-hq`, companyId: c } : { type: 'user', userId: `${c}-kim`, officeId: `${c}-hq`, companyId: c };
      await post(world, staffActor, `/credit-packs/${packId}/commands`, {
        type: 'IssueCreditPack', orderId: `order-${packId}`, name: `Secret ${c} pack ${n}`, owner, credits: '40', price: { amount: '100.00', currency: 'GBP' },
        linkedProducts: ['edit'], relationshipManagerId: `${c}-rm`, projectManagerId: `${c}-pm`, invoiceContactId: `${c}-fay`, expiry: { type: 'monthsAfterIssue', months: 6 }, at: '2026-01-15T10:00:00Z',
      });
      await post(world, staffActor, `/credit-packs/${packId}/commands`, {
        type: 'ConsumeCredits', consumptionId: 'c1', credits: String(dice.int(1, 9)), productId: 'edit',
        project: { projectId: `${c}-film`, companyId: c, officeId: `${c}-hq`, contactUserIds: [`${c}-kim`] }, invoiceLine: { invoiceId: `inv-${c}-${n}`, lineId: 'l1' },
      });
      await post(world, staffActor, `/credit-packs/${packId}/commands`, { type: 'SetCreditStatus', creditStatus: 'drive', specialNotes: `note-${c}` });
    }
    ids.clientPackageId?.push(`${c}-cp`);
    await post(world, staffActor, `/client-packages/${c}-cp/commands`, {
      type: 'AssignClientPackage', clientId: `${c}-client`, package: { ...voipPackage, name: `Secret ${c} VoIP` }, startDate: NOW, quantity: 1, activateInPast: false,
      options: { chargeOnEvent: false, alignToPaymentTerms: false, recalculateToPeriod: false },
    });
    ids.accountPackageId?.push(`${c}-ap`);
    ids.accountId?.push(`${c}-acc`);
    await post(world, staffActor, `/account-packages/${c}-ap/commands`, {
      type: 'AddAccountPackage', account: { accountId: `${c}-acc`, currency: 'EUR', billDay: 1, usageBillDay: 1 }, definition: { ...fibrePackage, name: `Secret ${c} Fibre` },
      priceBook: { priceBookId: 'eu', currency: 'EUR' }, quantity: 1, frequency: 'monthly', effectiveDate: '2026-02-01',
      options: { chargeFullPeriod: false, postpaid: false, chargeRecurringOnlyIfUsage: false }, serviceDetails: [{ instanceId: 'voice.1', usageIdentifier: `+44${c.length}` }],
    });
    await post(world, schedulerActor, `/account-packages/${c}-ap/commands`, {
      type: 'BillPackage', invoiceNumber: `inv-${c}-ap`, billPeriod: { start: '2026-02-01', end: '2026-03-01' }, billCharges: true, billUsage: false, invoiceTopUp: false, runContractCommitment: false,
    });
  }
  const last = (await readAllEvents(store)).at(-1);
  // Once live (finding F10: asked while it turns live, reached() can wait forever).
  await projections.caughtUp;
  if (last !== undefined) await projections.reached(last.position);
  return { store, handle, projections, companies, ids };
};

/** A request to a route with its path and query parameters drawn from every company's ids. */
const requestFor = (dice: Dice, world: HttpWorld, route: Route): { path: string; query: Record<string, string | string[]> } => {
  const pick = (kind: string): string => dice.pick(world.ids[kind] ?? ['x']);
  const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => pick(name));
  const query: Record<string, string | string[]> = {};
  if (route.path === '/available-credit-packs') Object.assign(query, { companyId: pick('companyId'), officeId: pick('officeId'), productId: 'edit', contactUserId: [pick('userId')] });
  if (route.path === '/credit-pack-tracking' && dice.chance(0.6)) query.companyId = pick('companyId');
  if (route.path === '/credit-pack-tracking' && dice.chance(0.3)) query.search = dice.pick(['Secret', 'pack', ...world.companies]);
  if (route.path === '/client-packages' && dice.chance(0.5)) query.clientId = `${dice.pick(world.companies)}-client`;
  return { path, query };
};

/** Who may act: a Client Hub actor of a random company and role, staff, or the scheduler. */
const randomActor = (dice: Dice, companies: readonly string[]): { readonly actor: Record<string, unknown>; readonly company: string | undefined; readonly role: string } => {
  const roll = dice.int(0, 9);
  if (roll < 7) {
    const company = dice.pick(companies);
    const role = dice.pick(['user', 'accounts', 'admin']);
    return { actor: { kind: 'client', userId: `${company}-kim`, companyId: company, role }, company, role };
  }
  if (roll < 9) return { actor: { kind: 'staff', userId: 'pat', roles: [dice.pick(['sales', 'accounts', 'project_manager', 'relationship_manager'])] }, company: undefined, role: 'staff' };
  return { actor: schedulerActor, company: undefined, role: 'scheduler' };
};

/** Commands a Client Hub actor sends to other companies' data (and to the back office): each must be refused, with nothing recorded. */
const foreignCommands = (dice: Dice, world: HttpWorld, company: string): { path: string; body: JsonCommand }[] => {
  const other = dice.pick(world.companies.filter((c) => c !== company));
  const pack = dice.pick((world.ids.packId ?? []).filter((p) => p.startsWith(`${other}-`)));
  return [
    { path: `/credit-packs/${pack}/commands`, body: { type: 'ConsumeCredits', consumptionId: `steal-${dice.int(0, 99)}`, credits: '1', productId: 'edit', project: { projectId: `${company}-film`, companyId: company, officeId: `${company}-hq`, contactUserIds: [] } } },
    { path: `/credit-packs/${pack}/commands`, body: { type: 'ConsumeCredits', consumptionId: `steal-${dice.int(0, 99)}`, credits: '1', productId: 'edit', project: { projectId: `${other}-film`, companyId: other, officeId: `${other}-hq`, contactUserIds: [] } } },
    { path: `/credit-packs/${pack}/commands`, body: { type: 'RefundConsumption', refundId: 'r1', consumptionId: 'c1', credits: '1', reason: 'mine now' } },
    { path: `/credit-packs/${pack}/commands`, body: { type: 'SetCreditStatus', creditStatus: 'x', specialNotes: 'x' } },
    { path: `/client-packages/${other}-cp/commands`, body: { type: 'CancelClientPackage' } },
    { path: `/account-packages/${other}-ap/commands`, body: { type: 'ChangeBillDay', billDay: 15 } },
  ];
};

const INVOICE_KEYS = /"(invoiceId|invoiceNumber|invoiceLine|invoiceLineId|invoices|invoiceContactId)"/;

/**
 * Access over HTTP, as a property over random companies and actors: for every query route,
 * with parameters naming any company's data, a Client Hub actor gets nothing of another
 * company (no name, project, invoice, note or package of it in the response); a Client
 * Hub `user` gets no invoice information at all (seed 002); and every command a Client Hub
 * actor sends to another company's pack or to the back office is refused, recording nothing.
 */
export const httpAccess = async (seed: number, requests = 40): Promise<{ readonly breaks: readonly string[]; readonly requests: number }> => {
  const dice = diceOf(seed);
  const world = await makeWorld(dice);
  const routes = packledgerRoutes({ store: world.store, readModels: new InMemoryReadModelStore(), authenticate });
  const queries = routes.filter((r) => r.method === 'GET');
  const breaks: string[] = [];
  let sent = 0;
  try {
    for (let i = 0; i < requests; i++) {
      const who = randomActor(dice, world.companies);
      // Every query route in every world, then random ones.
      const route = i < queries.length ? (queries[i] as Route) : dice.pick(queries);
      const { path, query } = requestFor(dice, world, route);
      const response = await call(world, who.actor, 'GET', path, undefined, query);
      sent += 1;
      const text = JSON.stringify(response.body);
      const where = `seed ${seed}: GET ${path}${Object.keys(query).length > 0 ? ` ${JSON.stringify(query)}` : ''} as ${JSON.stringify(who.actor)} answered ${response.status}`;
      if (response.status >= 500) breaks.push(`${where}: ${text.slice(0, 200)}`);
      if (who.company !== undefined) {
        const leaked = world.companies.filter((c) => c !== who.company).flatMap(markersOf).find((m) => text.includes(m));
        if (leaked !== undefined) breaks.push(`${where}, showing "${leaked}" of another company: ${text.slice(0, 300)}`);
        if (who.role === 'user' && (INVOICE_KEYS.test(text) || text.includes('inv-'))) breaks.push(`${where}, showing invoice information to a Client Hub user: ${text.slice(0, 300)}`);
      }
      if (who.company !== undefined && dice.chance(0.5)) {
        for (const command of foreignCommands(dice, world, who.company)) {
          const before = (await readAllEvents(world.store)).length;
          const answer = await call(world, who.actor, 'POST', command.path, command.body, {}, `foreign-${seed}-${++keys}`);
          sent += 1;
          const after = (await readAllEvents(world.store)).length;
          if (answer.status === 200 || after !== before) breaks.push(`seed ${seed}: ${String(command.body.type)} to ${command.path} by ${JSON.stringify(who.actor)} answered ${answer.status} and recorded ${after - before} event(s)`);
        }
      }
    }
  } finally {
    await world.projections.stop();
  }
  return { breaks, requests: sent };
};

type AnyAggregate = Aggregate<unknown, unknown, unknown, unknown>;

/** Where a command body goes over HTTP, and the aggregate that keeps it. */
const endpoints: readonly { readonly collection: string; readonly idField: string; readonly samples: readonly JsonCommand[]; readonly aggregate: AnyAggregate; readonly streamOf: (id: string) => string }[] = [
  { collection: 'credit-packs', idField: 'packId', samples: creditPackSamples, aggregate: creditPackAggregate as unknown as AnyAggregate, streamOf: creditPackStream },
  { collection: 'client-packages', idField: 'clientPackageId', samples: clientPackageSamples, aggregate: clientPackageAggregate as unknown as AnyAggregate, streamOf: clientPackageStream },
  { collection: 'account-packages', idField: 'accountPackageId', samples: accountPackageSamples, aggregate: accountPackageAggregate as unknown as AnyAggregate, streamOf: accountPackageStream },
];

/** What fuzzing the HTTP command routes found. */
export interface HttpFuzzReport {
  readonly inputs: number;
  readonly accepted: number;
  readonly breaks: readonly string[];
  readonly known: Readonly<Record<string, { readonly count: number; readonly example: string }>>;
}

/**
 * Hostile command bodies over HTTP, from every kind of caller: the samples of every
 * command type without the fields the server fills in, mutated like the codec fuzzing,
 * sent as parsed JSON or as JSON text. Holds: never a 5xx, always a JSON body, no
 * prototype pollution; a refused request records nothing; an accepted one leaves its
 * stream readable by a fresh process (nothing unreadable got in).
 */
export const httpFuzz = async (seed: number, count: number): Promise<HttpFuzzReport> => {
  const dice = diceOf(seed);
  let world = await makeWorld(diceOf(seed ^ 0x9e3779b9));
  const breaks: string[] = [];
  const known: Record<string, { count: number; example: string }> = {};
  let accepted = 0;
  try {
    for (let i = 0; i < count; i++) {
      const endpoint = dice.pick(endpoints);
      const sample = dice.pick(endpoint.samples);
      const { [endpoint.idField]: id, actor: _actor, at: _at, ...body } = sample;
      const types = endpoint.samples.map((s) => String(s.type));
      const { input, how } = hostileCommand(dice, body, types);
      const asText = dice.chance(0.3);
      let payload: unknown = input;
      if (asText) {
        try {
          payload = JSON.stringify(input);
        } catch {
          payload = input;
        }
      }
      // Mostly staff with every role on existing ids, so that many hostile bodies get as far as the decider.
      const who = dice.chance(0.6) ? { actor: { kind: 'staff', userId: 'sam', roles: ['sales', 'accounts', 'project_manager', 'relationship_manager'] } } : randomActor(dice, world.companies);
      const target = dice.chance(0.2) ? String(id) : dice.pick(world.ids[endpoint.idField] ?? [String(id)]);
      const stream = endpoint.streamOf(target);
      const before = (await readAllEvents(world.store)).length;
      const response = await call(world, who.actor, 'POST', `/${endpoint.collection}/${target}/commands`, payload, {}, `fuzz-${seed}-${i}`);
      const after = (await readAllEvents(world.store)).length;
      const problems: string[] = [];
      if (response.status >= 500) problems.push(`answered ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`);
      if (!/^application\/json/.test(String(response.headers['content-type']))) problems.push('answered without a JSON content type');
      const polluted = prototypePollution();
      if (polluted !== undefined) problems.push(polluted);
      if (response.status !== 200 && after !== before) problems.push(`answered ${response.status} but recorded ${after - before} event(s)`);
      if (response.status === 200) {
        accepted += 1;
        const reloaded = await loadStream(world.store, endpoint.aggregate, stream);
        if (E.isLeft(reloaded)) problems.push(`was accepted and left ${stream} unreadable: ${reloaded.left.message.slice(0, 200)}`);
      }
      for (const problem of problems) {
        const line = `HTTP command bodies, seed ${seed} input ${i} (POST /${endpoint.collection}/${target}/commands as ${String(who.actor.kind)}${asText ? ', as text' : ''}; ${how.slice(0, 200)}): ${problem}`;
        const finding = hasOwnProtoKey(input) ? explainedBy(input, problem) : undefined;
        if (finding === undefined) breaks.push(line);
        else known[finding.id] = { count: (known[finding.id]?.count ?? 0) + 1, example: known[finding.id]?.example ?? line };
      }
      // A poisoned stream stays poisoned: start the next input on a clean world.
      if (problems.length > 0 && response.status === 200) {
        await world.projections.stop();
        world = await makeWorld(diceOf(seed ^ i));
      }
    }
  } finally {
    await world.projections.stop();
  }
  return { inputs: count, accepted, breaks, known };
};
