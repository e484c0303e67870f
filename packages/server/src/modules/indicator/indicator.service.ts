import type { SqlEntityManager } from '@mikro-orm/knex';
import { assignWeights, InvalidInputError, parseActual, type Tier } from '@jixiao/domain';
import { Actual } from '../actual/actual.entity.js';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkLength, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { firstDifference, isUniqueViolation } from '../common/idempotency.js';
import { findVisibleProject } from '../project/project.service.js';
import { updateDerivedData } from '../evidence/evidence.service.js';
import { refreshScorecards } from '../read-model/scorecards.js';
import { Indicator, IndicatorSource } from './indicator.entity.js';

export interface ActualInputData {
  indicatorId: string;
  value?: string | null;
  tier?: Tier | null;
  ratio?: number | null;
  note?: string | null;
  clientId?: string | null;
}

export interface WeightInput {
  indicatorId: string;
  /** Null clears the manager's weight (back to an equal share). */
  weight: number | null;
}

/** Loads an indicator the viewer may see; an unknown id and a foreign one look the same. */
export async function findVisibleIndicator(em: SqlEntityManager, viewer: Viewer, id: string): Promise<Indicator> {
  const indicator = isUuid(id) ? await em.findOne(Indicator, { id }, { populate: ['project', 'project.organization'] }) : null;
  if (indicator && viewer.scope.has(indicator.project.organization.id)) return indicator;
  if (!indicator && viewer.scope.isEverything) throw new NotFoundError(`指标 ${id} 不存在`);
  throw new ForbiddenError();
}

/** Domain validation errors name the field of the GraphQL input. */
function asInputError(error: unknown): never {
  if (error instanceof InvalidInputError) throw new ValidationError(`input.${error.field}`, error.message);
  throw error;
}

export class IndicatorService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly viewer: Viewer,
  ) {}

  get(id: string): Promise<Indicator> {
    return findVisibleIndicator(this.em, this.viewer, id);
  }

  /**
   * Records an actual value as written ("5个", "96%", "2023-09-20") or a tier for qualitative
   * targets. The domain reads it against the target first: a value it cannot use changes nothing.
   * Idempotent on clientId: the same record again returns it; different content is a CONFLICT.
   */
  async recordActual(input: ActualInputData): Promise<Indicator> {
    checkLength('input.value', input.value, 200);
    checkLength('input.note', input.note, 2000);
    checkLength('input.clientId', input.clientId, 64);
    const indicator = await this.get(input.indicatorId);
    const value = input.value?.trim() || null;
    const record = { value, tier: input.tier ?? null, ratio: input.ratio ?? null };
    try {
      parseActual(record, indicator.target());
    } catch (error) {
      asInputError(error);
    }
    const note = input.note?.trim() || null;
    const clientId = input.clientId ?? null;
    try {
      await this.em.transactional(async (tx) => {
        const actual = tx.create(Actual, { indicator, ...record, note, clientId, recordedBy: this.viewer.user });
        await tx.flush();
        await appendAuditEvent(tx, {
          actor: this.viewer.user.username,
          action: 'create',
          entity: 'Actual',
          entityId: actual.id,
          after: { indicatorId: indicator.id, ...record, note, clientId },
        });
        await refreshScorecards(tx, [indicator.project.id]);
      });
    } catch (error) {
      if (!clientId || !isUniqueViolation(error)) throw error;
      const stored = await this.em.fork().findOneOrFail(Actual, { clientId });
      const differs = firstDifference(
        { indicatorId: stored.indicator.id, value: stored.value, tier: stored.tier, ratio: stored.ratio, note: stored.note },
        { indicatorId: indicator.id, ...record, note },
      );
      if (differs) throw new ConflictError(`input.${differs}`, `clientId ${clientId} 已用于另一条实际值记录，其 ${differs} 不同`);
    }
    return indicator;
  }

  /** Sets managers' weights of a project's indicators; they must add up per level (domain rule). */
  async setWeights(projectId: string, weights: WeightInput[]): Promise<void> {
    const project = await findVisibleProject(this.em, this.viewer, projectId);
    const indicators = await this.em.find(Indicator, { project }, { orderBy: { position: 'asc' } });
    const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
    const next = new Map(indicators.map((indicator) => [indicator.id, indicator.weight]));
    weights.forEach((entry, i) => {
      if (!byId.has(entry.indicatorId)) {
        throw new ValidationError(`weights[${i}].indicatorId`, `指标 ${entry.indicatorId} 不属于项目“${project.name}”`);
      }
      if (entry.weight !== null && (!Number.isFinite(entry.weight) || entry.weight < 0)) {
        throw new ValidationError(`weights[${i}].weight`, `分值应为不小于 0 的数，实际为 ${entry.weight}`);
      }
      next.set(entry.indicatorId, entry.weight);
    });
    try {
      assignWeights(indicators.map((indicator) => ({ level1: indicator.level1, notApplicable: indicator.notApplicable, weight: next.get(indicator.id) })));
    } catch (error) {
      if (error instanceof InvalidInputError) throw new ValidationError('weights', error.message);
      throw error;
    }
    await this.em.transactional(async (tx) => {
      const before = Object.fromEntries(indicators.map((indicator) => [indicator.id, indicator.weight]));
      for (const indicator of indicators) tx.assign(tx.merge(indicator), { weight: next.get(indicator.id) ?? null });
      await tx.flush();
      await appendAuditEvent(tx, {
        actor: this.viewer.user.username,
        action: 'update',
        entity: 'Project',
        entityId: project.id,
        before: { weights: before },
        after: { weights: Object.fromEntries(next) },
      });
      await refreshScorecards(tx, [project.id]);
    });
  }

  /** Chooses where the actual comes from; evidence-fed sources are derived right away. */
  async setSource(indicatorId: string, source: IndicatorSource): Promise<Indicator> {
    if (!Object.values(IndicatorSource).includes(source)) throw new ValidationError('source', `来源应为 ${Object.values(IndicatorSource).join('、')} 之一`);
    return this.update(indicatorId, { source }, true);
  }

  /** Marks an indicator (not) applicable: a not-applicable one scores nothing, its level rescales. */
  async setApplicable(indicatorId: string, applicable: boolean): Promise<Indicator> {
    return this.update(indicatorId, { notApplicable: !applicable }, false);
  }

  /** Writes 偏差原因分析及改进措施 (an empty text clears it). */
  async setDeviationNote(indicatorId: string, note: string | null): Promise<Indicator> {
    const text = note?.trim() || null;
    checkLength('note', text, 2000);
    return this.update(indicatorId, { deviationNote: text }, false);
  }

  /** Changes settings of a visible indicator, audited in the same transaction. */
  private async update(
    indicatorId: string,
    changes: Partial<Pick<Indicator, 'source' | 'notApplicable' | 'deviationNote'>>,
    recompute: boolean,
  ): Promise<Indicator> {
    const indicator = await this.get(indicatorId);
    const fields = Object.keys(changes) as Array<keyof typeof changes>;
    const before = Object.fromEntries(fields.map((field) => [field, indicator[field]]));
    await this.em.transactional(async (tx) => {
      tx.assign(tx.merge(indicator), changes);
      await tx.flush();
      await appendAuditEvent(tx, { actor: this.viewer.user.username, action: 'update', entity: 'Indicator', entityId: indicator.id, before, after: changes });
      // A source that is now fed by evidence takes its value from the evidence right away.
      if (recompute) await updateDerivedData(tx, indicator.project.id, { kind: 'indicator', indicatorId: indicator.id }, { actor: this.viewer.user.username });
      else await refreshScorecards(tx, [indicator.project.id]);
    });
    return indicator;
  }
}
