import { describe, expect, it } from 'vitest';
import { applyTallyChange, EMPTY_TALLY, tallyChange, tallyInspections, type InspectionTally, type TalliedInspection } from './tally.js';

const repair = (id: string, passed: boolean, capturedAt: string, place: { siteId?: string; itemName?: string } = {}, rejected = false): TalliedInspection => ({
  id,
  kind: 'REPAIR',
  siteId: place.siteId ?? null,
  itemName: place.itemName ?? `${id} 屋面`,
  passed,
  rejected,
  capturedAt,
});

/**
 * Applies changes of one kind one by one, keeping the place counts as the server's table does and
 * finding a lost latest among the records as they stand then, as the server's query does.
 */
function replay(changes: Array<[TalliedInspection | null, TalliedInspection | null]>, kind: TalliedInspection['kind'] = 'REPAIR') {
  let tally: InspectionTally = EMPTY_TALLY;
  const placeCounts = new Map<string, number>();
  const records = new Map<string, TalliedInspection>();
  for (const [before, after] of changes) {
    const record = (after ?? before)!;
    if (after) records.set(record.id, after);
    else records.delete(record.id);
    const change = tallyChange(before, after);
    if (!change) continue;
    const applied = applyTallyChange(tally, change, placeCounts);
    for (const { place, passed } of applied.places) {
      if (passed === 0) placeCounts.delete(place);
      else placeCounts.set(place, passed);
    }
    tally = applied.latestLost ? { ...applied.tally, latest: tallyInspections([...records.values()], kind).tally.latest } : applied.tally;
  }
  return { tally, placeCounts };
}

describe('tallyChange', () => {
  const r1 = repair('r1', true, '2023-05-10T09:00:00+08:00', { siteId: 's1' });
  it.each<[string, TalliedInspection | null, TalliedInspection | null, ReturnType<typeof tallyChange>]>([
    [
      'a new passed record counts, at its place, and may be the latest',
      null,
      r1,
      {
        kind: 'REPAIR',
        counted: 1,
        passed: 1,
        places: [{ place: 'site:s1', delta: 1 }],
        added: { capturedAt: Date.parse(r1.capturedAt), id: 'r1' },
        removed: null,
      },
    ],
    [
      'a new failed record counts, but at no place',
      null,
      { ...r1, passed: false },
      { kind: 'REPAIR', counted: 1, passed: 0, places: [], added: null, removed: null },
    ],
    [
      'rejecting a passed record takes all of it back',
      r1,
      { ...r1, rejected: true },
      {
        kind: 'REPAIR',
        counted: -1,
        passed: -1,
        places: [{ place: 'site:s1', delta: -1 }],
        added: null,
        removed: { capturedAt: Date.parse(r1.capturedAt), id: 'r1' },
      },
    ],
    ['a record stored already rejected changes nothing', null, { ...r1, rejected: true }, null],
    ['accepting a pending record changes nothing', r1, r1, null],
  ])('%s', (_, before, after, expected) => {
    expect(tallyChange(before, after)).toEqual(expected);
  });
});

describe('applyTallyChange', () => {
  it('counts a place once however often it is reworked, and drops it with its last passed record', () => {
    const a = repair('a', true, '2023-05-01T00:00:00Z', { itemName: '城关法庭 屋面' });
    const b = repair('b', true, '2023-06-01T00:00:00Z', { itemName: '城关法庭屋面' });
    const { tally, placeCounts } = replay([
      [null, a],
      [null, b],
      [b, { ...b, rejected: true }],
    ]);
    expect(tally).toEqual({ counted: 1, passed: 1, places: 1, latest: { capturedAt: Date.parse(a.capturedAt), id: 'a' } });
    expect(placeCounts).toEqual(new Map([['item:城关法庭屋面', 1]]));
  });

  it('asks for the latest again only when the latest stops counting', () => {
    const old = repair('old', true, '2023-01-01T00:00:00Z');
    const late = repair('late', true, '2023-12-01T00:00:00Z');
    const start = tallyInspections([old, late], 'REPAIR');
    expect(applyTallyChange(start.tally, tallyChange(old, { ...old, rejected: true })!, start.placeCounts).latestLost).toBe(false);
    expect(applyTallyChange(start.tally, tallyChange(late, { ...late, rejected: true })!, start.placeCounts)).toMatchObject({
      latestLost: true,
      tally: { latest: null },
    });
  });

  it('refuses a change that would count less than nothing', () => {
    expect(() => applyTallyChange(EMPTY_TALLY, tallyChange(repair('x', true, '2023-01-01T00:00:00Z'), null)!, new Map())).toThrow();
  });

  it('ends where a full count ends, for any sequence of submissions, rejections and their reversal', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 50; round++) {
      const records = new Map<string, TalliedInspection>();
      const changes: Array<[TalliedInspection | null, TalliedInspection | null]> = [];
      for (let step = 0; step < 60; step++) {
        const existing = [...records.values()];
        if (existing.length === 0 || random() < 0.6) {
          const id = `i${round}-${step}`;
          const place = random() < 0.5 ? { siteId: `s${Math.floor(random() * 4)}` } : { itemName: `物品 ${Math.floor(random() * 4)}` };
          // Few distinct times, so that ties between records captured at once are exercised.
          const record = {
            ...repair(id, random() < 0.7, `2023-0${1 + Math.floor(random() * 3)}-01T00:00:00Z`, place),
            kind: random() < 0.8 ? 'REPAIR' : 'EQUIPMENT',
          } as TalliedInspection;
          records.set(id, record);
          changes.push([null, record]);
        } else {
          const before = existing[Math.floor(random() * existing.length)];
          const after = { ...before, rejected: !before.rejected };
          records.set(before.id, after);
          changes.push([before, after]);
        }
      }
      for (const kind of ['REPAIR', 'EQUIPMENT'] as const) {
        const full = tallyInspections([...records.values()], kind);
        const incremental = replay(
          changes.filter(([before, after]) => (after ?? before)!.kind === kind),
          kind,
        );
        expect(incremental.tally).toEqual(full.tally);
        expect(incremental.placeCounts).toEqual(full.placeCounts);
      }
    }
  });
});
