import type { EntityManager } from '@mikro-orm/core';
import { parseTargetTables, suggestSources, type ImportedProject, type ImportMessage, type ImportResult } from '@jixiao/domain';
import { Actual } from '../actual/actual.entity.js';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { Indicator, IndicatorSource } from '../indicator/indicator.entity.js';
import { Survey } from '../survey/survey.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { UserRole } from '../user/user.entity.js';
import { Project } from './project.entity.js';

export interface StoredImport {
  projects: Project[];
  created: number;
  updated: number;
  warnings: ImportMessage[];
  errors: ImportMessage[];
}

/** Who imports: a signed-in viewer (checked against their organizations) or the CLI (trusted). */
export type Importer = { viewer: Viewer } | { cli: true };

function actorOf(importer: Importer): string | null {
  return 'viewer' in importer ? importer.viewer.user.username : 'cli';
}

/**
 * Parses target-table text with the domain parser and stores each table as a project: a new one,
 * or an update of the project with the same organization, year and name (never a duplicate). Each
 * table is stored in its own transaction, so one that fails does not stop the others.
 */
export async function importTargetTables(
  em: EntityManager,
  text: string,
  options: { year?: number },
  importer: Importer,
): Promise<StoredImport> {
  return storeImportedTables(em, parseTargetTables(text, { year: options.year }), importer);
}

/**
 * Stores tables the domain has already read (from text or from a workbook), as importTargetTables
 * does; the parse's warnings and errors are passed on.
 */
export async function storeImportedTables(em: EntityManager, parsed: ImportResult, importer: Importer): Promise<StoredImport> {
  const result: StoredImport = { projects: [], created: 0, updated: 0, warnings: [...parsed.warnings], errors: [...parsed.errors] };
  for (const table of parsed.projects) {
    try {
      // Inside a caller's transaction (the CLI stores all or nothing) each table is a savepoint.
      const { project, created, warnings } = await em.fork({ keepTransactionContext: true }).transactional((tx) => storeProject(tx, table, importer));
      result.projects.push(project);
      result.warnings.push(...warnings);
      if (created) result.created += 1;
      else result.updated += 1;
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      result.errors.push({ table: table.tableNumber, line: null, message: `表${table.tableNumber}：${error.message}` });
    }
  }
  return result;
}

class ImportRefused extends Error {}

async function organizationFor(tx: EntityManager, table: ImportedProject, importer: Importer): Promise<Organization> {
  const existing = await tx.findOne(Organization, { code: table.orgCode });
  if ('cli' in importer) {
    return existing ?? tx.create(Organization, { code: table.orgCode, name: table.orgName });
  }
  const { user, scope } = importer.viewer;
  if (existing && scope.has(existing.id)) return existing;
  if (!existing && user.role === UserRole.ADMIN) {
    // A new unit imported by an administrator belongs under the administrator's organization.
    return tx.create(Organization, { code: table.orgCode, name: table.orgName, parent: user.organization });
  }
  throw new ImportRefused(`单位“${table.orgCode} ${table.orgName}”不在您的管辖范围内`);
}

const keyOf = (i: { level1: string; level2: string; name: string }): string => `${i.level1}|${i.level2}|${i.name}`;

async function storeProject(
  tx: EntityManager,
  table: ImportedProject,
  importer: Importer,
): Promise<{ project: Project; created: boolean; warnings: ImportMessage[] }> {
  const organization = await organizationFor(tx, table, importer);
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
  project.purpose = table.purpose;
  project.goals = table.goals;
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
  table.indicators.forEach((row, position) => {
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
  });
  let parkedAt = table.indicators.length;
  for (const indicator of [...unmatched.values()].flat()) {
    if ((await tx.count(Actual, { indicator })) > 0 || (await tx.count(Survey, { indicator })) > 0) {
      // Never lose recorded actuals or surveys: keep the indicator, out of the scoring.
      indicator.position = parkedAt++;
      indicator.notApplicable = true;
      warnings.push({ table: table.tableNumber, line: null, message: `表${table.tableNumber}：指标“${indicator.name}”不在新表中，已有实际值或问卷，保留并标为不适用` });
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
  return { project, created, warnings };
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
