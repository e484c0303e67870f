import type { EntityManager } from '@mikro-orm/core';
import { can, InvalidInputError, parseActual, suggestSources, type ImportedProject, type ImportMessage, type ImportResult } from '@jixiao/domain';
import { Actual, ActualSource } from '../actual/actual.entity.js';
import { appendAuditEvent } from '../audit/audit-chain.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { ForbiddenError, ValidationError } from '../common/errors.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkTextSize } from './import-limits.js';
import { parseOffThread } from './import-parser.js';
import { Indicator, IndicatorSource } from '../indicator/indicator.entity.js';
import { Survey } from '../survey/survey.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';
import { Project, ProjectKind } from '../project/project.entity.js';
import { refreshScorecards } from '../read-model/scorecards.js';

/** A table with its organization settled. */
export type PlacedProject = ImportedProject & { orgCode: string };

export interface StoredImport {
  projects: Project[];
  created: number;
  updated: number;
  /** 实际完成值 of a 自评表 stored as actuals (source IMPORT); one already current is not stored again. */
  actuals: number;
  warnings: ImportMessage[];
  errors: ImportMessage[];
}

/**
 * Who imports: a signed-in viewer (checked against their organizations) or the CLI (trusted). The
 * `jixiao import` command passes `parent` (its --parent, or null): then a new code needs a parent
 * once the database has organizations. Without `parent` (the demo seed, tests) codes are taken as
 * they are.
 */
export type Importer = { viewer: Viewer } | { cli: true; parent?: { code: string | null } };

/** The audit action of an organization created because a signed-in user's import named an unknown code. */
export const IMPORT_CREATED_ORGANIZATION = 'import-create';

/** The CLI option that names the parent of new organizations (errors name it). */
export const PARENT_OPTION = '--parent';

function actorOf(importer: Importer): string | null {
  return 'viewer' in importer ? importer.viewer.user.username : 'cli';
}

/**
 * Parses target-table text with the domain parser (in a worker thread, within IMPORT_LIMITS) and stores each table as a project: a new one,
 * or an update of the project with the same organization, year and name (never a duplicate). Each
 * table is stored in its own transaction, so one that fails does not stop the others.
 */
export async function importTargetTables(em: EntityManager, text: string, options: { year?: number }, importer: Importer): Promise<StoredImport> {
  checkTextSize(text);
  return storeImportedTables(em, await parseOffThread({ kind: 'text', text, field: 'text', options: { year: options.year } }), importer);
}

/**
 * Stores tables the domain has already read (from text or from a workbook), as importTargetTables
 * does; the parse's warnings and errors are passed on.
 */
export async function storeImportedTables(em: EntityManager, parsed: ImportResult, importer: Importer): Promise<StoredImport> {
  const result: StoredImport = { projects: [], created: 0, updated: 0, actuals: 0, warnings: [...parsed.warnings], errors: [...parsed.errors] };
  // A table whose unit line has no 单位编码 needs one chosen (--org, orgCode) before anything is written.
  const unplaced = parsed.projects.find((table) => table.orgCode === null);
  if (unplaced) {
    throw new ValidationError(
      'orgCode',
      `表${unplaced.tableNumber}“${unplaced.name}”的单位行未写单位编码${unplaced.orgName ? `（${unplaced.orgName}）` : ''}，请指定单位（命令行 --org，GraphQL 的 orgCode），未写入任何内容`,
    );
  }
  const placed = parsed.projects as PlacedProject[];
  // Every organization the tables name is checked before anything is written: one table naming a
  // unit outside the importer's scope refuses the whole import (FORBIDDEN), not just that table.
  const plan = await planOrganizations(em, placed, importer);
  result.warnings.push(...plan.warnings);
  for (const table of placed) {
    // Inside a caller's transaction (the CLI stores all or nothing) each table is a savepoint.
    const { project, created, warnings, actuals } = await em
      .fork({ keepTransactionContext: true })
      .transactional((tx) => storeProject(tx, table, importer, plan.orgs.get(table.orgCode)!));
    result.projects.push(project);
    result.warnings.push(...warnings);
    result.actuals += actuals;
    if (created) result.created += 1;
    else result.updated += 1;
  }
  return result;
}

/** Where a table's organization comes from: an existing one, or a new one under `parent`. */
type OrgPlan = { existing: string } | { parent: Organization | null; name: string };

/**
 * Decides, before anything is written, which organization each code the tables name is:
 * - a signed-in importer may name organizations in their scope; a code outside it is FORBIDDEN;
 *   an unknown code is created under the importer's own organization (ADMIN only; a warning says so);
 * - the CLI names new codes' parent with --parent once the database has organizations, and refuses
 *   to store into an organization a web import created (unless --parent names where it sits), or
 *   one outside --parent, so that a unit another unit
 *   claimed first does not receive its real tables (docs/api.md, "单位与导入").
 */
export async function planOrganizations(
  em: EntityManager,
  tables: ReadonlyArray<PlacedProject>,
  importer: Importer,
): Promise<{ orgs: Map<string, OrgPlan>; warnings: ImportMessage[] }> {
  const named = new Map<string, PlacedProject>();
  for (const table of tables) if (!named.has(table.orgCode)) named.set(table.orgCode, table);
  const orgs = new Map<string, OrgPlan>();
  const warnings: ImportMessage[] = [];
  if (named.size === 0) return { orgs, warnings };
  const found = await em.find(Organization, { code: { $in: [...named.keys()] } }, { populate: ['parent'] });
  const byCode = new Map(found.map((org) => [org.code, org]));

  if ('viewer' in importer) {
    const { user, scope } = importer.viewer;
    for (const [code, table] of named) {
      const existing = byCode.get(code);
      if (existing) {
        if (!scope.has(existing.id)) throw new ForbiddenError(`表${table.tableNumber}：单位“${code} ${table.orgName}”不在您的管辖范围内，未导入任何表`);
        orgs.set(code, { existing: existing.id });
      } else {
        if (!can(user.role, 'MANAGE_ACCOUNTS'))
          throw new ForbiddenError(`表${table.tableNumber}：单位“${code} ${table.orgName}”不存在，只有管理员可以新建单位，未导入任何表`);
        const parent = await em.findOneOrFail(Organization, user.organization.id);
        orgs.set(code, { parent, name: table.orgName });
        warnings.push({
          table: table.tableNumber,
          line: null,
          message: `表${table.tableNumber}：单位“${code} ${table.orgName}”原不存在，已作为您的单位“${parent.code} ${parent.name}”的下级单位新建；如它另有上级单位，请联系系统管理员`,
        });
      }
    }
    return { orgs, warnings };
  }

  if (!importer.parent) {
    for (const [code, table] of named) {
      const existing = byCode.get(code);
      orgs.set(code, existing ? { existing: existing.id } : { parent: null, name: table.orgName });
    }
    return { orgs, warnings };
  }
  const parentCode = importer.parent.code;
  const parent = parentCode === null ? null : await em.findOne(Organization, { code: parentCode });
  if (parentCode !== null && !parent) throw new ValidationError(PARENT_OPTION, `${PARENT_OPTION}：上级单位编码“${parentCode}”不存在`);
  const anyOrganization = (await em.count(Organization, {})) > 0;
  const underParent = parent ? await descendantIds(em, parent.id) : null;
  for (const [code, table] of named) {
    const existing = byCode.get(code);
    if (!existing) {
      if (!parent && anyOrganization) {
        throw new ValidationError(
          PARENT_OPTION,
          `${PARENT_OPTION}：表${table.tableNumber}的单位“${code} ${table.orgName}”是新单位，数据库中已有单位，请用 ${PARENT_OPTION} 给出它的上级单位编码`,
        );
      }
      orgs.set(code, { parent, name: table.orgName });
      continue;
    }
    if (underParent && !underParent.has(existing.id)) {
      const where = existing.parent ? `“${existing.parent.code} ${existing.parent.name}”之下` : '最上级';
      throw new ValidationError(
        PARENT_OPTION,
        `${PARENT_OPTION}：单位“${code} ${existing.name}”已存在，位于${where}，不在 ${PARENT_OPTION} ${parentCode} 之下，未写入任何内容`,
      );
    }
    // A unit a signed-in user's import created is taken only when --parent names where it sits:
    // the operator then says it belongs there, and its tables may go to its claimant's tree.
    if (existing.parent?.code !== parentCode) {
      const claimed = await em.findOne(AuditEvent, { entity: 'Organization', entityId: existing.id, action: IMPORT_CREATED_ORGANIZATION });
      if (claimed) {
        const where = existing.parent ? `“${existing.parent.code} ${existing.parent.name}”之下` : '最上级';
        throw new ValidationError(
          PARENT_OPTION,
          `${PARENT_OPTION}：单位“${code} ${existing.name}”是用户 ${claimed.actor ?? '?'} 导入目标表时在${where}新建的，请核对它的归属：确属该上级单位时用 ${PARENT_OPTION} ${existing.parent?.code ?? ''} 导入，否则请先与该单位核实，未写入任何内容`,
        );
      }
    }
    orgs.set(code, { existing: existing.id });
  }
  return { orgs, warnings };
}

async function descendantIds(em: EntityManager, rootId: string): Promise<Set<string>> {
  const ids = new Set([rootId]);
  const all = await em.find(Organization, {}, { fields: ['id', 'parent'], disableIdentityMap: true });
  let grew = true;
  while (grew) {
    grew = false;
    for (const org of all) {
      if (!ids.has(org.id) && org.parent && ids.has(org.parent.id)) {
        ids.add(org.id);
        grew = true;
      }
    }
  }
  return ids;
}

async function organizationFor(tx: EntityManager, table: PlacedProject, importer: Importer, plan: OrgPlan): Promise<Organization> {
  if ('existing' in plan) return tx.findOneOrFail(Organization, plan.existing);
  // Another table of the same import may have created it already.
  const again = await tx.findOne(Organization, { code: table.orgCode });
  if (again) return again;
  const parent = plan.parent ? tx.getReference(Organization, plan.parent.id) : null;
  const organization = tx.create(Organization, { code: table.orgCode, name: plan.name, parent });
  await tx.flush();
  // The first unit of an empty database (the seed) has no parent to record; every other one is audited.
  if (!('viewer' in importer) && !plan.parent) return organization;
  await appendAuditEvent(tx, {
    actor: actorOf(importer),
    action: 'viewer' in importer ? IMPORT_CREATED_ORGANIZATION : 'create',
    entity: 'Organization',
    entityId: organization.id,
    after: { code: organization.code, name: organization.name, parentCode: plan.parent?.code ?? null },
  });
  return organization;
}

const keyOf = (i: { level1: string; level2: string; name: string }): string => `${i.level1}|${i.level2}|${i.name}`;

async function storeProject(
  tx: EntityManager,
  table: PlacedProject,
  importer: Importer,
  plan: OrgPlan,
): Promise<{ project: Project; created: boolean; warnings: ImportMessage[]; actuals: number }> {
  const organization = await organizationFor(tx, table, importer, plan);
  const found: Project | null = await tx.findOne(Project, { organization, year: table.year, name: table.name }, { populate: ['indicators'] });
  const created = found === null;
  const before = found ? summary(found) : null;
  const project =
    found ??
    tx.create(Project, {
      organization,
      year: table.year,
      name: table.name,
      purpose: table.purpose,
      goals: table.goals,
      budgetTotalFen: 0,
      budgetFiscalFen: 0,
      budgetOtherFen: 0,
    });
  project.tableNumber = table.tableNumber;
  project.title = table.title;
  project.kind = table.kind === 'DEPARTMENT' ? ProjectKind.DEPARTMENT : ProjectKind.PROJECT;
  project.purpose = table.purpose;
  project.goals = table.goals;
  project.leader = table.leader ?? null;
  project.period = table.period ?? null;
  project.setBudget(table.budget);

  // Match indicators by level and name, so re-importing keeps actuals attached to the right one.
  const existing = project.indicators.isInitialized() ? project.indicators.getItems() : [];
  const unmatched = new Map<string, Indicator[]>();
  for (const indicator of existing) unmatched.set(keyOf(indicator), [...(unmatched.get(keyOf(indicator)) ?? []), indicator]);
  // Positions are unique per project: park the old ones out of the way before renumbering.
  existing.forEach((indicator, i) => (indicator.position = -1 - i));
  await tx.flush();

  const warnings: ImportMessage[] = [];
  // New indicators get a suggested source; existing ones keep what a manager may have chosen.
  const sources = suggestSources(table.indicators);
  const stored = table.indicators.map((row, position) => {
    const indicator =
      unmatched.get(keyOf(row))?.shift() ??
      tx.create(Indicator, {
        project,
        position,
        level1: row.level1,
        level2: row.level2,
        name: row.name,
        description: row.description,
        targetRaw: row.target.raw,
        targetKind: row.target.kind,
        source: sources[position] as IndicatorSource,
      });
    indicator.position = position;
    indicator.level1 = row.level1;
    indicator.level2 = row.level2;
    indicator.name = row.name;
    indicator.description = row.description;
    indicator.setTarget(row.target);
    return indicator;
  });
  let parkedAt = table.indicators.length;
  for (const indicator of [...unmatched.values()].flat()) {
    if ((await tx.count(Actual, { indicator })) > 0 || (await tx.count(Survey, { indicator })) > 0) {
      // Never lose recorded actuals or surveys: keep the indicator, out of the scoring.
      indicator.position = parkedAt++;
      indicator.notApplicable = true;
      warnings.push({
        table: table.tableNumber,
        line: null,
        message: `表${table.tableNumber}：指标“${indicator.name}”不在新表中，已有实际值或问卷，保留并标为不适用`,
      });
    } else {
      tx.remove(indicator);
    }
  }
  await tx.flush();
  await appendAuditEvent(tx, {
    actor: actorOf(importer),
    action: created ? 'create' : 'update',
    entity: 'Project',
    entityId: project.id,
    before,
    after: summary(project),
  });
  const actuals = await storeImportedActuals(tx, table, stored, importer, warnings);
  // Targets, budget, indicators and imported actuals all move the scores.
  await refreshScorecards(tx, [project.id]);
  return { project, created, warnings, actuals };
}

/**
 * The 实际完成值 a 自评表 brings, stored as each indicator's actual (source IMPORT, audited like every
 * write). A value the domain cannot read against the target (a qualitative one needs a tier) is
 * left out with a warning naming its cell; one equal to the current actual is not stored again, so
 * re-importing the same table adds nothing.
 */
async function storeImportedActuals(
  tx: EntityManager,
  table: PlacedProject,
  indicators: readonly Indicator[],
  importer: Importer,
  warnings: ImportMessage[],
): Promise<number> {
  let count = 0;
  for (const [position, row] of table.indicators.entries()) {
    const value = row.actual?.trim();
    if (!value) continue;
    const indicator = indicators[position];
    try {
      parseActual({ value }, indicator.target());
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      const at = row.actualCell ?? row.cell;
      warnings.push({
        table: table.tableNumber,
        line: row.line,
        ...(at ? { cell: at } : {}),
        message: `表${table.tableNumber}指标“${row.name}”：实际完成值“${value}”未保存（${error.message}），请在系统中录入`,
      });
      continue;
    }
    const current = await tx.findOne(Actual, { indicator }, { orderBy: { recordedAt: 'desc', id: 'desc' } });
    if (current?.value === value && current.tier === null) continue;
    const recordedBy = 'viewer' in importer ? tx.getReference(User, importer.viewer.user.id) : null;
    const actual = tx.create(Actual, { indicator, value, source: ActualSource.IMPORT, recordedBy, note: `自评表导入（表${table.tableNumber}）` });
    await tx.flush();
    await appendAuditEvent(tx, {
      actor: actorOf(importer),
      action: 'create',
      entity: 'Actual',
      entityId: actual.id,
      after: { indicatorId: indicator.id, value, source: ActualSource.IMPORT },
    });
    count += 1;
  }
  return count;
}

function summary(project: Project): Record<string, unknown> {
  return {
    orgCode: project.organization.code,
    year: project.year,
    name: project.name,
    budget: project.budget(),
    indicators: project.indicators.isInitialized() ? project.indicators.getItems().map((i) => `${i.name} ${i.targetRaw}`) : [],
  };
}
