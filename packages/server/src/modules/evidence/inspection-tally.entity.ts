import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { InspectionKind } from '../inspection/inspection.entity.js';
import { Project } from '../project/project.entity.js';

/**
 * What a project's inspections of one kind add up to (the domain's InspectionTally): the stored
 * form of the evidence behind REPAIR_COUNT, EQUIPMENT_COUNT, PASS_RATE and COMPLETION_DATE, updated
 * in the transaction of every change to an inspection (evidence/evidence.service.ts), so that a
 * submission re-derives its project's actuals without reading its other records. Derived data: a
 * missing row is rebuilt from the inspections on first use. Read and written with plain SQL only.
 */
@Entity({ tableName: 'inspection_tally' })
export class InspectionTallyRow {
  @ManyToOne(() => Project, { primary: true, deleteRule: 'cascade' })
  project!: Rel<Project>;

  @Enum({ items: () => InspectionKind, primary: true })
  kind!: InspectionKind;

  /** Inspections that count: not rejected. */
  @Property({ type: 'integer' })
  counted!: number;

  @Property({ type: 'integer' })
  passed!: number;

  /** Places with at least one counted passed inspection (rows of inspection_place_tally with passed > 0). */
  @Property({ type: 'integer' })
  places!: number;

  /** The latest counted passed inspection's capture time (milliseconds since 1970) and id. */
  @Property({ type: 'bigint', nullable: true })
  latestAt: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  latestId: string | null = null;
}

/** How many counted passed inspections each place (domain placeOf: a site, or a folded item name) has. */
@Entity({ tableName: 'inspection_place_tally' })
export class InspectionPlaceTallyRow {
  @ManyToOne(() => Project, { primary: true, deleteRule: 'cascade' })
  project!: Rel<Project>;

  @Enum({ items: () => InspectionKind, primary: true })
  kind!: InspectionKind;

  @PrimaryKey({ type: 'text' })
  place!: string;

  @Property({ type: 'integer' })
  passed!: number;
}
