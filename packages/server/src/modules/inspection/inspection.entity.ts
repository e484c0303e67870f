import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../common/base.entity.js';
import { Project } from '../project/project.entity.js';
import { Site } from '../site/site.entity.js';
import { User } from '../user/user.entity.js';

/** 维修验收 or 设备验收. */
export enum InspectionKind {
  REPAIR = 'REPAIR',
  EQUIPMENT = 'EQUIPMENT',
}

export enum ReviewStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}

export interface ChecklistLine {
  label: string;
  passed: boolean;
}

/** A repair or equipment acceptance recorded on a phone: evidence for the project's indicators. */
@Entity()
@Index({ properties: ['project', 'kind'] })
export class Inspection extends BaseEntity {
  /** Made by the device when the form opens; unique, so a record synced twice is stored once. */
  @Property({ type: 'string', length: 64, unique: true })
  clientId!: string;

  @ManyToOne(() => Project)
  project!: Rel<Project>;

  @Enum({ items: () => InspectionKind })
  kind!: InspectionKind;

  @ManyToOne(() => Site, { nullable: true })
  site: Rel<Site> | null = null;

  @Property({ type: 'string' })
  itemName!: string;

  @Property({ type: 'string', nullable: true })
  serialNumber: string | null = null;

  @Property({ type: 'json' })
  checklist: ChecklistLine[] = [];

  @Property({ type: 'boolean' })
  passed!: boolean;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  /** SHA-256 of each photo, in the order taken. */
  @Property({ type: 'json' })
  photos: string[] = [];

  /** SHA-256 of the signature image of the person accepting. */
  @Property({ type: 'string', length: 64, nullable: true })
  signature: string | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  latitude: number | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  longitude: number | null = null;

  /** GPS accuracy in metres. */
  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  accuracy: number | null = null;

  @Property({ type: 'datetime' })
  capturedAt!: Date;

  @ManyToOne(() => User)
  submittedBy!: Rel<User>;

  @Property({ type: 'datetime' })
  submittedAt: Opt<Date> = new Date();

  @Enum({ items: () => ReviewStatus, default: ReviewStatus.PENDING })
  reviewStatus: Opt<ReviewStatus> = ReviewStatus.PENDING;

  @Property({ type: 'text', nullable: true })
  reviewReason: string | null = null;

  @ManyToOne(() => User, { nullable: true })
  reviewedBy: Rel<User> | null = null;

  @Property({ type: 'datetime', nullable: true })
  reviewedAt: Date | null = null;
}
