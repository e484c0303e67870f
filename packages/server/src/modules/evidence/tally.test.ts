import { createHash, randomUUID } from 'node:crypto';
import { deriveActual, tallyInspections, type InspectionEvidence } from '@jixiao/domain';
import { expect, it } from 'vitest';
import { describeEachApi, type TestApi } from '../../test/api.js';
import { courtProjectId, storedSignature } from '../../test/inspections.js';
import { boolean, instant, nullable, number, queryRows, text } from '../common/sql.js';
import { targetOf } from '../indicator/indicator.entity.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Site, SiteKind } from '../site/site.entity.js';
import { Upload } from '../upload/upload.entity.js';
import { User } from '../user/user.entity.js';
import { recomputeDerivedActuals } from './evidence.service.js';

const SUBMIT = 'mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id } }';
const REVIEW = 'mutation($id: ID!, $accept: Boolean!, $reason: String) { reviewInspection(id: $id, accept: $accept, reason: $reason) { id reviewStatus } }';
const ACTUALS = 'query($id: ID!) { project(id: $id) { indicators { id name source actual { value } } } }';

/** Deterministic, so that a failing sequence can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function storedInspections(api: TestApi, projectId: string): Promise<InspectionEvidence[]> {
  const rows = await queryRows(
    api.db.em.fork(),
    'select id, kind, site_id, item_name, passed, review_status, captured_at from inspection where project_id = ?',
    [projectId],
    { id: text, kind: text<'REPAIR' | 'EQUIPMENT'>, site_id: nullable(text), item_name: text, passed: boolean, review_status: text, captured_at: instant },
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    siteId: row.site_id,
    itemName: row.item_name,
    passed: row.passed,
    rejected: row.review_status === 'REJECTED',
    capturedAt: row.captured_at.toISOString(),
  }));
}

async function storedTallies(api: TestApi, projectId: string) {
  const em = api.db.em.fork();
  const tallies = await queryRows(
    em,
    'select kind, counted, passed, places, latest_at, latest_id from inspection_tally where project_id = ? order by kind',
    [projectId],
    {
      kind: text,
      counted: number,
      passed: number,
      places: number,
      latest_at: nullable(number),
      latest_id: nullable(text),
    },
  );
  const places = await queryRows(em, 'select kind, place, passed from inspection_place_tally where project_id = ? order by kind, place', [projectId], {
    kind: text,
    place: text,
    passed: number,
  });
  return { tallies, places };
}

/** The tallies as the domain counts them from every record: what the stored ones must equal. */
function fullTallies(inspections: InspectionEvidence[]) {
  const tallies = [];
  const places = [];
  for (const kind of ['EQUIPMENT', 'REPAIR'] as const) {
    const { tally, placeCounts } = tallyInspections(inspections, kind);
    tallies.push({
      kind,
      counted: tally.counted,
      passed: tally.passed,
      places: tally.places,
      latest_at: tally.latest?.capturedAt ?? null,
      latest_id: tally.latest?.id ?? null,
    });
    for (const [place, passed] of [...placeCounts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) places.push({ kind, place, passed });
  }
  return { tallies, places };
}

describeEachApi('derived actuals kept incrementally', (getApi) => {
  it('end where a full rebuild ends, after a random sequence of submissions, rejections and rework', async () => {
    const api = getApi();
    const manager = await api.login('manager');
    const inspector = await api.login('inspector');
    const projectId = await courtProjectId(api, manager);

    const em = api.db.em.fork();
    const court = await em.findOneOrFail(Organization, { code: '218101' });
    const sites = ['城关法庭', '大良法庭', '科技法庭'].map((name) => em.create(Site, { organization: court, name, kind: SiteKind.DISPATCHED_TRIBUNAL }));
    const photo = createHash('sha256').update('tally-photo').digest('hex');
    em.create(Upload, {
      sha256: photo,
      uploadedBy: await em.findOneOrFail(User, { username: 'inspector' }),
      mime: 'image/jpeg',
      bytes: 900,
      width: 1600,
      height: 1200,
    });
    await em.flush();
    const signature = await storedSignature(api);

    const random = prng(20231203);
    const submitted: string[] = [];
    for (let step = 0; step < 60; step++) {
      if (submitted.length === 0 || random() < 0.6) {
        const atSite = random() < 0.5;
        const result = await api.gql<{ submitInspection: { id: string } }>(
          SUBMIT,
          {
            input: {
              clientId: randomUUID(),
              projectId,
              kind: random() < 0.8 ? 'REPAIR' : 'EQUIPMENT',
              siteId: atSite ? sites[Math.floor(random() * sites.length)].id : null,
              // Blanks and full-width forms name the same place.
              itemName: ['屋面防水', '屋面 防水', '门窗更换', '照明线路'][Math.floor(random() * 4)],
              serialNumber: 'SN-1',
              ...(random() < 0.75 ? { passed: true } : { passed: false, note: '仍有渗漏' }),
              photos: [photo],
              signature,
              // Few distinct times, so that records captured at the same instant compete for the latest.
              capturedAt: `2023-0${1 + Math.floor(random() * 3)}-15T10:00:00+08:00`,
            },
          },
          inspector,
        );
        expect(result.errors).toBeUndefined();
        submitted.push(result.data!.submitInspection.id);
      } else {
        // Rejection, acceptance, and taking a rejection back (rework accepted after all).
        const id = submitted[Math.floor(random() * submitted.length)];
        const accept = random() < 0.4;
        const result = await api.gql(REVIEW, { id, accept, reason: accept ? null : '照片不清晰，请返工' }, manager);
        expect(result.errors).toBeUndefined();
      }
      if (step % 15 === 14) expect(await storedTallies(api, projectId)).toEqual(fullTallies(await storedInspections(api, projectId)));
    }

    // Every derived actual is what the domain derives from all the records…
    const inspections = await storedInspections(api, projectId);
    const view = await api.gql<{ project: { indicators: Array<{ id: string; name: string; source: string; actual: { value: string } | null }> } }>(
      ACTUALS,
      { id: projectId },
      manager,
    );
    const indicators = await em.find(Indicator, { project: projectId });
    const derived = view.data!.project.indicators.filter((i) => ['REPAIR_COUNT', 'PASS_RATE', 'COMPLETION_DATE'].includes(i.source));
    expect(derived.length).toBe(3);
    for (const shown of derived) {
      const indicator = indicators.find((i) => i.id === shown.id)!;
      expect(shown.actual?.value ?? null).toBe(
        deriveActual(indicator.source, { name: indicator.name, target: targetOf(indicator) }, { inspections })?.value ?? null,
      );
    }
    // …and a rebuild from scratch changes nothing: neither a tally nor an actual.
    const before = await storedTallies(api, projectId);
    const changed = await api.db.em.fork().transactional((tx) => recomputeDerivedActuals(tx, projectId, 'test'));
    expect(changed).toBe(0);
    expect(await storedTallies(api, projectId)).toEqual(before);
  });

  it('builds a missing tally from the records on first use (a database from before tallies, an old backup restored)', async () => {
    const api = getApi();
    const manager = await api.login('manager');
    const inspector = await api.login('inspector');
    const projectId = await courtProjectId(api, manager);
    const expected = fullTallies(await storedInspections(api, projectId));
    const em = api.db.em.fork();
    await em.getConnection().execute('delete from inspection_place_tally');
    await em.getConnection().execute('delete from inspection_tally');

    const photo = createHash('sha256').update('tally-photo').digest('hex');
    const result = await api.gql<{ submitInspection: { id: string } }>(
      SUBMIT,
      {
        input: {
          clientId: randomUUID(),
          projectId,
          kind: 'EQUIPMENT',
          itemName: '高清摄像机',
          serialNumber: 'SN-2',
          passed: false,
          note: '无法开机',
          photos: [photo],
          signature: await storedSignature(api),
          capturedAt: '2023-04-01T10:00:00+08:00',
        },
      },
      inspector,
    );
    expect(result.errors).toBeUndefined();
    const after = fullTallies(await storedInspections(api, projectId));
    expect(after.tallies.find((t) => t.kind === 'EQUIPMENT')!.counted).toBe(expected.tallies.find((t) => t.kind === 'EQUIPMENT')!.counted + 1);
    // The kind the record changed was rebuilt, with it; the other is built when something needs it.
    const stored = await storedTallies(api, projectId);
    expect(stored.tallies).toEqual(after.tallies.filter((t) => t.kind === 'EQUIPMENT'));
    await api.db.em.fork().transactional((tx) => recomputeDerivedActuals(tx, projectId, 'test'));
    expect(await storedTallies(api, projectId)).toEqual(after);
  });
});
