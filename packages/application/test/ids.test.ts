import { EntityId } from '@packledger/domain';
import { eventIdFor, fixedClock, nanoidIds, sequentialIds, uuidV5 } from '@packledger/application';

describe('ids', () => {
  test('uuidV5 is the RFC 9562 version-5 UUID (the standard example of the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('an event id is the same for the same stream, command id and index, and differs when any of them differs', () => {
    const id = eventIdFor('creditPack-p1', 'cmd-1', 0);
    expect(eventIdFor('creditPack-p1', 'cmd-1', 0)).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set([id, eventIdFor('creditPack-p2', 'cmd-1', 0), eventIdFor('creditPack-p1', 'cmd-2', 0), eventIdFor('creditPack-p1', 'cmd-1', 1)]).size).toBe(4);
  });

  test('nanoid ids are valid entity ids and do not repeat', () => {
    const ids = Array.from({ length: 1000 }, () => nanoidIds.newId());
    expect(ids.every((id) => EntityId.is(id) && id.length === 21)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('sequential ids count up from 1 under their prefix', () => {
    const ids = sequentialIds('cmd');
    expect([ids.newId(), ids.newId()]).toEqual(['cmd-1', 'cmd-2']);
  });

  test('a fixed clock always gives its instant, normalised to milliseconds', () => {
    const clock = fixedClock('2026-01-31T10:00:00Z');
    expect([clock.now(), clock.now()]).toEqual(['2026-01-31T10:00:00.000Z', '2026-01-31T10:00:00.000Z']);
  });
});
