import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { QuestionKind as DomainQuestionKind, type SatisfactionMethod } from '@jixiao/domain';
import { BaseEntity } from '../common/base.entity.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { User } from '../user/user.entity.js';

/** Who answers: 干警, 设备使用人员 or 受救助人. */
export enum SurveyAudience {
  OFFICERS = 'OFFICERS',
  EQUIPMENT_USERS = 'EQUIPMENT_USERS',
  AID_RECIPIENTS = 'AID_RECIPIENTS',
}

/** The kinds of question and what each accepts are the domain's (packages/domain/src/survey/answers.ts). */
export const QuestionKind = DomainQuestionKind;
export type QuestionKind = DomainQuestionKind;

export interface SurveyQuestion {
  id: string;
  kind: QuestionKind;
  text: string;
  /** For SINGLE_CHOICE. */
  options?: string[];
  required: boolean;
}

/** A satisfaction survey feeding an indicator (满意度调查). */
@Entity()
export class Survey extends BaseEntity {
  @ManyToOne(() => Indicator, { index: true })
  indicator!: Rel<Indicator>;

  @Property({ type: 'string' })
  title!: string;

  @Enum({ items: () => SurveyAudience })
  audience!: SurveyAudience;

  @Property({ type: 'json' })
  questions: SurveyQuestion[] = [];

  /** How answers become a rate (see the domain's satisfactionRate). */
  @Property({ type: 'string', length: 16 })
  method: Opt<SatisfactionMethod> = 'TOP_TWO';

  @Property({ type: 'datetime' })
  opensAt!: Date;

  @Property({ type: 'datetime' })
  closesAt!: Date;

  /** The public link /s/<token>. */
  @Property({ type: 'string', length: 64, unique: true })
  publicToken!: string;

  /** Public answers need one of the survey's single-use codes. */
  @Property({ type: 'boolean', default: false })
  requireCode: Opt<boolean> = false;

  /** Public answers one device may give (0: no limit). Answers with a code are not counted. */
  @Property({ type: 'integer', default: 1 })
  maxResponsesPerDevice: Opt<number> = 1;

  /** Public answers accepted per minute from one client address. */
  @Property({ type: 'integer', default: 5 })
  perAddressPerMinute: Opt<number> = 5;

  /** Public answers accepted per minute for the whole survey, from all addresses together. */
  @Property({ type: 'integer', default: 60 })
  perSurveyPerMinute: Opt<number> = 60;

  @ManyToOne(() => User)
  createdBy!: Rel<User>;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}

/** A single-use code printed for a known respondent. */
@Entity()
@Index({ properties: ['survey'] })
export class SurveyCode extends BaseEntity {
  @ManyToOne(() => Survey)
  survey!: Rel<Survey>;

  @Property({ type: 'string', length: 32, unique: true })
  code!: string;
}

export enum ResponseChannel {
  /** A field worker's phone handed to the respondent. */
  KIOSK = 'KIOSK',
  /** The respondent's own phone, through the public link. */
  PUBLIC = 'PUBLIC',
}

export interface SurveyAnswer {
  questionId: string;
  value: string;
}

/** One respondent's answers. */
@Entity()
@Index({ properties: ['survey', 'satisfaction'] })
// The device rule is this constraint (a device's n-th answer takes slot n), never a look-up.
@Unique({ properties: ['survey', 'deviceId', 'deviceSlot'] })
export class SurveyResponse extends BaseEntity {
  @Property({ type: 'string', length: 64, unique: true })
  clientId!: string;

  @ManyToOne(() => Survey)
  survey!: Rel<Survey>;

  @Property({ type: 'json' })
  answers: SurveyAnswer[] = [];

  /** The answer to the survey's first satisfaction question: what the rate counts. */
  @Property({ type: 'string', length: 8, nullable: true })
  satisfaction: string | null = null;

  @Enum({ items: () => ResponseChannel })
  channel!: ResponseChannel;

  /** The single-use code answered with; unique, so a code cannot be used twice. */
  @Property({ type: 'string', length: 32, nullable: true, unique: true })
  code: string | null = null;

  /** The field worker whose phone collected it (kiosk mode). */
  @ManyToOne(() => User, { nullable: true })
  collectedBy: Rel<User> | null = null;

  @Property({ type: 'datetime' })
  collectedAt!: Date;

  @Property({ type: 'datetime' })
  receivedAt: Opt<Date> = new Date();

  /** The signed device token's id (public answers). */
  @Property({ type: 'string', length: 32, nullable: true })
  deviceId: string | null = null;

  /** Which of the device's allowed answers this is (1 …); null when the device rule does not apply. */
  @Property({ type: 'integer', nullable: true })
  deviceSlot: number | null = null;

  /** HMAC of the client address (public answers): which answers came from one network, without keeping addresses. */
  @Property({ type: 'string', length: 64, nullable: true })
  addressHash: string | null = null;

  /** Why the response looks suspicious (a burst), or null. Flagged responses still count until voided. */
  @Property({ type: 'string', length: 200, nullable: true })
  flagReason: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  voidedAt: Date | null = null;

  @ManyToOne(() => User, { nullable: true })
  voidedBy: Rel<User> | null = null;

  /** Why a manager voided it; a voided response no longer counts. */
  @Property({ type: 'string', length: 200, nullable: true })
  voidReason: string | null = null;
}

/**
 * A rate limit's state (GCRA): the theoretical arrival time, in ms since the epoch, of the next
 * request once the bucket is spent. Kept in the database so every server process shares it.
 */
@Entity()
export class SurveyRateLimit {
  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  @Property({ type: 'double' })
  tat!: number;

  /** Whether the last request was let through (written by the same UPSERT that moved tat). */
  @Property({ type: 'integer' })
  allowed!: number;

  /** When the last request came (ms since the epoch), allowed or not. */
  @Property({ type: 'double' })
  lastAt!: number;

  /** When the request before it came: concurrent requests each see another one's time, never their own. */
  @Property({ type: 'double', nullable: true })
  previousAt: number | null = null;
}
