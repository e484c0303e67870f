import type { EntityManager } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { deriveActual, type InspectionEvidence, type SatisfactionCounts, type SatisfactionMethod } from '@jixiao/domain';
import { Actual, ActualSource } from '../actual/actual.entity.js';
import { appendAuditEvent } from '../audit/audit-chain.js';
import { wanFromFen } from '../common/money.js';
import { nullable, number, placeholders, queryRows, runStatement, text } from '../common/sql.js';
import { Indicator, IndicatorSource } from '../indicator/indicator.entity.js';
import { Inspection, ReviewStatus } from '../inspection/inspection.entity.js';
import { Survey } from '../survey/survey.entity.js';

/** What a derived actual was computed from, stored as JSON in Actual.derivedFrom. */
export interface DerivedFrom {
  source: IndicatorSource;
  /** Inspection ids, a survey id, or "spending". */
  ids: string[];
}

async function surveyEvidence(em: EntityManager, indicator: Indicator): Promise<{ id: string; counts: SatisfactionCounts; method: SatisfactionMethod } | null> {
  const surveys = await em.find(Survey, { indicator }, { orderBy: { createdAt: 'desc' } });
  if (surveys.length === 0) return null;
  const rows = await queryRows(
    em,
    `select satisfaction, count(*) as n from survey_response where survey_id in (${placeholders(surveys.length)}) and satisfaction is not null and voided_at is null group by satisfaction`,
    surveys.map((survey) => survey.id),
    { satisfaction: text, n: number },
  );
  const counts: SatisfactionCounts = Object.fromEntries(rows.map((row) => [row.satisfaction, row.n]));
  return { id: surveys[0].id, counts, method: surveys[0].method };
}

/**
 * Recomputes the actuals of a project's evidence-fed indicators (docs/domain.md "Evidence becomes actuals")
 * with the domain's deriveActual, and records a new actual — keeping the history — wherever the
 * derived value changed. Call it inside the transaction that stored or reviewed the evidence.
 */
export async function recomputeDerivedActuals(em: EntityManager, projectId: string, actor: string | null): Promise<number> {
  if (em.getPlatform() instanceof PostgreSqlPlatform) {
    // Two transactions recomputing one project would each read the evidence without the other's
    // new row; the lock (released at commit) makes the second wait and see both. SQLite has a
    // single writer already.
    await runStatement(em, 'select pg_advisory_xact_lock(hashtext(?))', [`evidence:${projectId}`]);
  }
  const indicators = await em.find(Indicator, { project: projectId, source: { $ne: IndicatorSource.MANUAL } });
  if (indicators.length === 0) return 0;
  const inspections = await em.find(Inspection, { project: projectId }, { fields: ['id', 'kind', 'site', 'itemName', 'passed', 'reviewStatus', 'capturedAt'] });
  const evidence: InspectionEvidence[] = inspections.map((i) => ({
    id: i.id,
    kind: i.kind,
    siteId: i.site?.id ?? null,
    itemName: i.itemName,
    passed: i.passed,
    rejected: i.reviewStatus === ReviewStatus.REJECTED,
    capturedAt: i.capturedAt.toISOString(),
  }));
  let spent: number | undefined;
  let changed = 0;
  for (const indicator of indicators) {
    if (indicator.source === IndicatorSource.SPENDING && spent === undefined) {
      const [row] = await queryRows(em, 'select sum(amount_fen) as total from spending where project_id = ?', [projectId], { total: nullable(number) });
      spent = wanFromFen(row?.total ?? 0);
    }
    const survey = indicator.source === IndicatorSource.SURVEY ? await surveyEvidence(em, indicator) : null;
    const derived = deriveActual(indicator.source, { name: indicator.name, target: indicator.target() }, { inspections: evidence, survey, spent });
    const current = await em.findOne(Actual, { indicator }, { orderBy: { recordedAt: 'desc', id: 'desc' } });
    const value = derived?.value ?? null;
    // A derived value that did not change, or no evidence where nothing was ever derived: nothing to record.
    if ((current?.value ?? null) === value && (current === null || current.derivedFrom !== null)) continue;
    if (value === null && (current === null || current.derivedFrom === null)) continue;
    const from: DerivedFrom = { source: indicator.source, ids: derived?.from ?? [] };
    const actual = em.create(Actual, {
      indicator,
      value,
      source: ActualSource.EVIDENCE,
      derivedFrom: JSON.stringify(from),
      note: value === null ? '证据已不足，实际值清空' : null,
    });
    await em.flush();
    await appendAuditEvent(em, { actor, action: 'derive', entity: 'Actual', entityId: actual.id, after: { indicatorId: indicator.id, value, from } });
    changed += 1;
  }
  return changed;
}
