import { randomBytes } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  can,
  chinaDateTime,
  checkAnswers,
  InvalidInputError,
  questionOptions,
  satisfactionRate,
  type SatisfactionCounts,
  type SatisfactionMethod,
} from '@jixiao/domain';
import { appendAuditEvent } from '../audit/audit-chain.js';
import type { Viewer } from '../auth/auth.service.js';
import { checkLength, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../common/errors.js';
import { firstDifference, isUniqueViolation } from '../common/idempotency.js';
import { isUuid } from '../common/ids.js';
import { updateDerivedData } from '../evidence/evidence.service.js';
import { findVisibleIndicator } from '../indicator/indicator.service.js';
import { findVisibleProject } from '../project/project.service.js';
import type { User } from '../user/user.entity.js';
import {
  QuestionKind,
  ResponseChannel,
  Survey,
  SurveyCode,
  SurveyResponse,
  type SurveyAnswer,
  type SurveyAudience,
  type SurveyQuestion,
} from './survey.entity.js';
import { hashAddress, verifyDeviceToken } from './device-token.js';
import { addressKey, takeFromBucket } from './survey-rate-limit.js';

/** Base32 without the look-alikes 0/O and 1/I: 32 symbols, so a random byte & 31 is uniform. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const MAX_CODES_PER_CALL = 1000;
/** Codes are 40 random bits; a clash with a stored one is rare but possible, so a batch is retried. */
const CODE_ATTEMPTS = 3;
/** How far ahead of the server's clock a device's collectedAt may be. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const MAX_QUESTIONS = 100;
const MAX_OPTIONS = 50;
/** Free-text answers shown to managers per question in the results. */
const LATEST_TEXTS = 50;
/** Public answers from one address or device closer together than this are flagged as a burst. */
const BURST_SECONDS = 30;
/** Defaults and bounds of a survey's public limits (createSurvey). */
export const PUBLIC_LIMITS = {
  maxResponsesPerDevice: { default: 1, min: 0, max: 100 },
  perAddressPerMinute: { default: 5, min: 1, max: 1000 },
  perSurveyPerMinute: { default: 60, min: 1, max: 10000 },
} as const;
const MAX_LISTED_RESPONSES = 500;

export interface SurveyQuestionData {
  kind: QuestionKind;
  text: string;
  options?: string[] | null;
  required?: boolean | null;
}

export interface CreateSurveyData {
  indicatorId: string;
  title: string;
  audience: SurveyAudience;
  questions: SurveyQuestionData[];
  method?: SatisfactionMethod | null;
  opensAt: Date;
  closesAt: Date;
  requireCode?: boolean | null;
  codeCount?: number | null;
  maxResponsesPerDevice?: number | null;
  perAddressPerMinute?: number | null;
  perSurveyPerMinute?: number | null;
}

/** Who is asking, for the public link's limits: the client's address and the server's secret. */
export interface SurveyClient {
  address: string;
  secret: string;
}

export interface SubmitResponseData {
  clientId: string;
  surveyId?: string | null;
  token?: string | null;
  code?: string | null;
  deviceToken?: string | null;
  answers: SurveyAnswer[];
  collectedAt: Date;
}

export interface QuestionResult {
  question: SurveyQuestion;
  answeredCount: number;
  counts: Array<{ option: string; count: number }>;
  latestTexts: string[] | null;
}

export interface SurveyResults {
  survey: Survey;
  responseCount: number;
  satisfactionRate: number | null;
  questions: QuestionResult[];
  byChannel: Array<{ channel: ResponseChannel; count: number }>;
  flaggedCount: number;
  voidedCount: number;
  voidReasons: Array<{ reason: string; count: number }>;
}

/** What the results read of each response. */
export type CountedResponse = Pick<SurveyResponse, 'answers' | 'channel' | 'flagReason' | 'voidedAt' | 'voidReason'>;

/** Loads a survey the viewer may see (through its indicator's project); unknown and foreign ids look the same. */
export async function findVisibleSurvey(em: SqlEntityManager, viewer: Viewer, id: string): Promise<Survey> {
  const survey = isUuid(id) ? await em.findOne(Survey, { id }, { populate: ['indicator', 'indicator.project', 'indicator.project.organization'] }) : null;
  if (survey && viewer.scope.has(survey.indicator.project.organization.id)) return survey;
  if (!survey && viewer.scope.isEverything) throw new NotFoundError(`问卷 ${id} 不存在`);
  throw new ForbiddenError();
}

/** Whether a survey takes answers at an instant: from opensAt, up to but not including closesAt. */
export function isSurveyOpen(survey: Survey, at: Date): boolean {
  return survey.opensAt.getTime() <= at.getTime() && at.getTime() < survey.closesAt.getTime();
}

/** `count` random single-use codes, distinct among themselves. */
function randomCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const bytes = randomBytes(CODE_LENGTH);
    codes.add(Array.from(bytes, (byte) => CODE_ALPHABET[byte & 31]).join(''));
  }
  return [...codes];
}

/** A code as printed, whatever the respondent typed around it: "abcd-efgh " → "ABCDEFGH". */
function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

function checkLimit(field: keyof typeof PUBLIC_LIMITS, value: number | null | undefined): number {
  const { default: fallback, min, max } = PUBLIC_LIMITS[field];
  const limit = value ?? fallback;
  if (!Number.isInteger(limit) || limit < min || limit > max) {
    throw new ValidationError(`input.${field}`, `input.${field} 应为 ${min}–${max} 的整数，实际为 ${limit}`);
  }
  return limit;
}

function checkCodeCount(field: string, count: number, min: number): void {
  if (!Number.isInteger(count) || count < min || count > MAX_CODES_PER_CALL) {
    throw new ValidationError(field, `${field} 应为 ${min}–${MAX_CODES_PER_CALL} 的整数，实际为 ${count}`);
  }
}

function repeatError(limit: number): ConflictError {
  const message = limit === 1 ? '您已提交过本问卷，每台设备只能提交一份答卷' : `您已提交过本问卷 ${limit} 次，每台设备至多提交 ${limit} 份答卷`;
  return new ConflictError('input.deviceToken', message);
}

/**
 * Why a public answer looks like ballot stuffing: another attempt from the same address moments
 * before (read from the address's rate-limit row, which one UPSERT updates, so of simultaneous
 * answers all but one are flagged on both databases), or another answer from the same device (where
 * the survey lets a device answer more than once).
 */
async function burstReason(em: SqlEntityManager, survey: Survey, deviceId: string, addressBurst: boolean, now: Date): Promise<string | null> {
  const since = new Date(now.getTime() - BURST_SECONDS * 1000);
  if (await em.count(SurveyResponse, { survey, deviceId, receivedAt: { $gt: since } })) return `同一设备 ${BURST_SECONDS} 秒内连续提交`;
  return addressBurst ? `同一网络地址 ${BURST_SECONDS} 秒内连续提交` : null;
}

/** Validates the questions of a new survey and numbers them q1, q2 … */
function normalizeQuestions(inputs: SurveyQuestionData[]): SurveyQuestion[] {
  if (inputs.length === 0 || inputs.length > MAX_QUESTIONS) {
    throw new ValidationError('input.questions', `问卷应有 1–${MAX_QUESTIONS} 道题，实际为 ${inputs.length} 道`);
  }
  const questions = inputs.map((input, i): SurveyQuestion => {
    const field = `input.questions[${i}]`;
    const text = input.text.trim();
    if (!text) throw new ValidationError(`${field}.text`, `${field}.text 题目文字不能为空`);
    checkLength(`${field}.text`, text, 500);
    const question: SurveyQuestion = { id: `q${i + 1}`, kind: input.kind, text, required: input.required ?? true };
    if (input.kind === QuestionKind.SINGLE_CHOICE) {
      const options = (input.options ?? []).map((option) => option.trim());
      if (options.length < 2 || options.length > MAX_OPTIONS) {
        throw new ValidationError(`${field}.options`, `${field}.options 单选题应有 2–${MAX_OPTIONS} 个选项，实际为 ${options.length} 个`);
      }
      options.forEach((option, k) => {
        if (!option) throw new ValidationError(`${field}.options[${k}]`, `${field}.options[${k}] 选项不能为空`);
        checkLength(`${field}.options[${k}]`, option, 200);
        if (options.indexOf(option) !== k) throw new ValidationError(`${field}.options[${k}]`, `${field}.options[${k}] 选项“${option}”重复`);
      });
      question.options = options;
    } else if (input.options != null && input.options.length > 0) {
      const what = input.kind === QuestionKind.SATISFACTION ? '满意度题的选项固定为五个等级' : '文字题没有选项';
      throw new ValidationError(`${field}.options`, `${field}.options 只有单选题可以设置选项：${what}`);
    }
    return question;
  });
  if (!questions.some((question) => question.kind === QuestionKind.SATISFACTION)) {
    throw new ValidationError('input.questions', '问卷至少要有一道满意度题（SATISFACTION），其第一道计入满意率');
  }
  return questions;
}

/**
 * Checks answers against the survey's questions (the domain's checkAnswers) and returns them in
 * question order, without the unanswered ones (an empty text is no answer).
 */
function normalizeAnswers(questions: SurveyQuestion[], answers: SurveyAnswer[]): SurveyAnswer[] {
  try {
    return checkAnswers(questions, answers, 'input.answers');
  } catch (error) {
    if (error instanceof InvalidInputError) throw new ValidationError(error.field, error.message);
    throw error;
  }
}

/**
 * Surveys, their single-use codes and responses. The viewer is asked for lazily: the public link
 * (publicSurvey, submitting with a token) works without one.
 */
export class SurveyService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly viewer: () => Viewer,
    private readonly client: SurveyClient = { address: '', secret: '' },
  ) {}

  get(id: string): Promise<Survey> {
    return findVisibleSurvey(this.em, this.viewer(), id);
  }

  async listForIndicator(indicatorId: string): Promise<Survey[]> {
    const indicator = await findVisibleIndicator(this.em, this.viewer(), indicatorId);
    return this.em.find(Survey, { indicator }, { populate: ['indicator'], orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async listForProject(projectId: string): Promise<Survey[]> {
    const project = await findVisibleProject(this.em, this.viewer(), projectId);
    return this.em.find(Survey, { indicator: { project } }, { populate: ['indicator'], orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async create(input: CreateSurveyData): Promise<Survey> {
    const viewer = this.viewer();
    const title = input.title.trim();
    if (!title) throw new ValidationError('input.title', '问卷标题不能为空');
    checkLength('input.title', title, 200);
    const questions = normalizeQuestions(input.questions);
    if (!(input.closesAt.getTime() > input.opensAt.getTime())) {
      throw new ValidationError('input.closesAt', '截止时间应晚于开始时间');
    }
    const codeCount = input.codeCount ?? 0;
    checkCodeCount('input.codeCount', codeCount, 0);
    const maxResponsesPerDevice = checkLimit('maxResponsesPerDevice', input.maxResponsesPerDevice);
    const perAddressPerMinute = checkLimit('perAddressPerMinute', input.perAddressPerMinute);
    const perSurveyPerMinute = checkLimit('perSurveyPerMinute', input.perSurveyPerMinute);
    const indicator = await findVisibleIndicator(this.em, viewer, input.indicatorId);
    const fields = {
      title,
      audience: input.audience,
      questions,
      method: input.method ?? 'TOP_TWO',
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      requireCode: input.requireCode ?? false,
      maxResponsesPerDevice,
      perAddressPerMinute,
      perSurveyPerMinute,
    };
    return this.withFreshCodes(async () =>
      this.em.transactional(async (tx) => {
        const survey = tx.create(Survey, { ...fields, indicator, publicToken: randomBytes(24).toString('base64url'), createdBy: viewer.user });
        for (const code of randomCodes(codeCount)) tx.create(SurveyCode, { survey, code });
        await tx.flush();
        await appendAuditEvent(tx, {
          actor: viewer.user.username,
          action: 'create',
          entity: 'Survey',
          entityId: survey.id,
          after: { indicatorId: indicator.id, ...fields, codeCount },
        });
        return survey;
      }),
    );
  }

  /** Adds `count` single-use codes to a survey and returns them. */
  async generateCodes(surveyId: string, count: number): Promise<string[]> {
    const viewer = this.viewer();
    checkCodeCount('count', count, 1);
    const survey = await this.get(surveyId);
    return this.withFreshCodes(() =>
      this.em.transactional(async (tx) => {
        const codes = randomCodes(count);
        for (const code of codes) tx.create(SurveyCode, { survey, code });
        await tx.flush();
        await appendAuditEvent(tx, { actor: viewer.user.username, action: 'update', entity: 'Survey', entityId: survey.id, after: { codesAdded: count } });
        return codes;
      }),
    );
  }

  /** The survey's codes, with whether each was used. Only ADMIN and MANAGER: a code is a ballot. */
  async listCodes(survey: Survey): Promise<Array<{ code: string; used: boolean }>> {
    if (!can(this.viewer().user.role, 'MANAGE_SURVEYS')) throw new ForbiddenError('只有 ADMIN、MANAGER 可以查看问卷码');
    const [codes, used] = await Promise.all([
      this.em.find(SurveyCode, { survey }, { orderBy: { code: 'asc' } }),
      this.em.find(SurveyResponse, { survey, code: { $ne: null } }, { fields: ['code'] }),
    ]);
    const usedCodes = new Set(used.map((response) => response.code));
    return codes.map(({ code }) => ({ code, used: usedCodes.has(code) }));
  }

  /**
   * What the public link shows, found by its token alone. An unknown token is refused without
   * saying anything about other surveys.
   */
  async findByToken(token: string): Promise<Survey> {
    const survey = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await this.em.findOne(Survey, { publicToken: token }, { populate: ['indicator'] }) : null;
    if (!survey) throw new ForbiddenError('问卷链接无效，请向调查人员核对链接或二维码');
    return survey;
  }

  /**
   * The results of a survey the viewer may see, counted from all its responses (voided ones
   * included), newest first: the request's batch loader reads them (graphql/loaders.ts).
   */
  tally(survey: Survey, all: readonly CountedResponse[]): SurveyResults {
    const voided = all.filter((response) => response.voidedAt !== null);
    const responses = all.filter((response) => response.voidedAt === null);
    const reasons = new Map<string, number>();
    for (const response of voided) reasons.set(response.voidReason ?? '', (reasons.get(response.voidReason ?? '') ?? 0) + 1);
    const showTexts = can(this.viewer().user.role, 'MANAGE_SURVEYS');
    const counted = survey.questions.find((question) => question.kind === QuestionKind.SATISFACTION);
    const questions = survey.questions.map((question): QuestionResult => {
      const values = responses.flatMap((response) => response.answers.filter((answer) => answer.questionId === question.id).map((answer) => answer.value));
      const options = questionOptions(question);
      return {
        question,
        answeredCount: values.length,
        counts: options.map((option) => ({ option, count: values.filter((value) => value === option).length })),
        latestTexts: question.kind === QuestionKind.TEXT && showTexts ? values.slice(0, LATEST_TEXTS) : null,
      };
    });
    const countedResult = questions.find((result) => result.question === counted);
    const counts: SatisfactionCounts = Object.fromEntries(countedResult?.counts.map(({ option, count }) => [option, count]) ?? []);
    return {
      survey,
      responseCount: responses.length,
      satisfactionRate: satisfactionRate(counts, survey.method),
      questions,
      byChannel: Object.values(ResponseChannel).map((channel) => ({ channel, count: responses.filter((response) => response.channel === channel).length })),
      flaggedCount: responses.filter((response) => response.flagReason !== null).length,
      voidedCount: voided.length,
      voidReasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    };
  }

  /**
   * Stores one response (docs/api.md "Field evidence and the sync protocol"): idempotent on clientId, a single-use code
   * consumed through the database's unique constraint, then the indicator's actual recomputed in
   * the same transaction.
   *
   * Kiosk mode (surveyId, signed in as ADMIN/MANAGER/INSPECTOR) or public mode (token, no login).
   */
  async submit(input: SubmitResponseData): Promise<SurveyResponse> {
    const clientId = input.clientId.trim();
    if (!clientId) throw new ValidationError('input.clientId', '缺少答卷编号（clientId），请刷新页面后重新提交');
    checkLength('input.clientId', clientId, 64);
    const hasSurveyId = input.surveyId != null && input.surveyId !== '';
    const hasToken = input.token != null && input.token !== '';
    if (hasSurveyId === hasToken) {
      throw new ValidationError('input.surveyId', 'surveyId（现场代答，需登录）与 token（公开链接）应填且只填一个');
    }
    let survey: Survey;
    let collector: User | null = null;
    if (hasSurveyId) {
      const viewer = this.viewer();
      if (!can(viewer.user.role, 'COLLECT_EVIDENCE')) throw new ForbiddenError('现场代答需 ADMIN、MANAGER 或 INSPECTOR 角色');
      survey = await this.get(input.surveyId!);
      collector = viewer.user;
    } else {
      survey = await this.findByToken(input.token!);
    }
    const channel = collector ? ResponseChannel.KIOSK : ResponseChannel.PUBLIC;
    const surveyField = channel === ResponseChannel.KIOSK ? 'input.surveyId' : 'input.token';
    const code = input.code?.trim() ? normalizeCode(input.code) : null;
    if (code !== null) checkLength('input.code', code, 32);
    const answers = normalizeAnswers(survey.questions, input.answers);
    const collectedAt = input.collectedAt;
    const now = new Date();
    // A public answer comes from a device the server gave a token to (publicSurvey.deviceToken).
    let deviceId: string | null = null;
    if (channel === ResponseChannel.PUBLIC) {
      const token = input.deviceToken?.trim() ?? '';
      checkLength('input.deviceToken', token, 200);
      deviceId = token ? verifyDeviceToken(this.client.secret, token) : null;
      if (!deviceId) throw new ValidationError('input.deviceToken', '缺少或无效的设备标识，请重新打开问卷链接后作答');
    }
    if (collectedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw new ValidationError('input.collectedAt', `作答时间 ${chinaDateTime(collectedAt)} 晚于服务器时间 ${chinaDateTime(now)}，请校准设备时间`);
    }
    const submitted = { survey: survey.id, channel, answers, code, collectedAt: collectedAt.toISOString() };

    // A resend of a stored response gets its receipt even after the survey closed or its code was
    // used (by itself). The unique constraint, not this look-up, is what keeps responses single.
    const stored = await this.findStored(clientId);
    if (stored) return this.replay(stored, submitted, surveyField);

    // Open at receipt. A kiosk response may have waited offline on the collector's phone (basements,
    // dispatched tribunals): it counts when it was captured inside the window, even if it syncs after
    // closing. That trusts the collector's clock, as the collector is signed in and named on the
    // response and in the audit log. A public one must arrive while the survey is open: an anonymous
    // device's clock proves nothing.
    const openNow = isSurveyOpen(survey, now);
    if (!openNow && !(channel === ResponseChannel.KIOSK && isSurveyOpen(survey, collectedAt))) {
      const when = now.getTime() < survey.opensAt.getTime() ? `尚未开始（${survey.opensAt.toISOString()} 开始）` : `已于 ${survey.closesAt.toISOString()} 截止`;
      throw new ValidationError(surveyField, `问卷${when}，不再接受答卷`);
    }
    if (code === null && survey.requireCode && channel === ResponseChannel.PUBLIC) {
      throw new ValidationError('input.code', '此问卷需要填写一次性问卷码');
    }
    if (code !== null && !(await this.em.findOne(SurveyCode, { code, survey }))) {
      throw new ValidationError('input.code', '问卷码无效，请核对');
    }

    const counted = survey.questions.find((question) => question.kind === QuestionKind.SATISFACTION)!;
    const satisfaction = answers.find((answer) => answer.questionId === counted.id)?.value ?? null;
    const actor = collector?.username ?? null;
    // The device rule: a device's n-th answer takes slot n, and (survey, device, slot) is unique. An
    // answer with a code is held by its code instead (several people may share one phone).
    const deviceLimit = deviceId !== null && code === null ? survey.maxResponsesPerDevice : 0;
    if (deviceLimit > 0 && (await this.deviceAnswers(survey, deviceId!)) >= deviceLimit) throw repeatError(deviceLimit);
    let addressHash: string | null = null;
    let addressBurst = false;
    if (channel === ResponseChannel.PUBLIC) {
      const address = addressKey(this.client.address);
      addressHash = hashAddress(this.client.secret, address);
      const previousAt = await this.takePublicQuota(survey, address);
      addressBurst = previousAt !== null && now.getTime() - previousAt < BURST_SECONDS * 1000;
    }

    for (let attempt = 1; ; attempt += 1) {
      const deviceSlot = deviceLimit > 0 ? (await this.deviceAnswers(survey, deviceId!)) + 1 : null;
      if (deviceSlot !== null && deviceSlot > deviceLimit) throw repeatError(deviceLimit);
      try {
        return await this.em.transactional(async (tx) => {
          const flagReason = channel === ResponseChannel.PUBLIC ? await burstReason(tx, survey, deviceId!, addressBurst, now) : null;
          const response = tx.create(SurveyResponse, {
            clientId,
            survey,
            answers,
            satisfaction,
            channel,
            code,
            collectedBy: collector,
            collectedAt,
            deviceId,
            deviceSlot,
            addressHash,
            flagReason,
          });
          await tx.flush();
          await appendAuditEvent(tx, {
            actor,
            action: 'create',
            entity: 'SurveyResponse',
            entityId: response.id,
            after: {
              surveyId: survey.id,
              clientId,
              channel,
              collectedAt,
              satisfaction,
              answerCount: answers.length,
              withCode: code !== null,
              deviceId,
              flagReason,
            },
          });
          await updateDerivedData(tx, survey.indicator.project.id, { kind: 'survey', indicatorId: survey.indicator.id }, { actor });
          return response;
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const winner = await this.findStored(clientId);
        if (winner) return this.replay(winner, submitted, surveyField);
        if (code !== null && (await this.em.fork().count(SurveyResponse, { code })) > 0) {
          throw new ConflictError('input.code', `问卷码 ${code} 已被使用，每个码只能提交一份答卷`);
        }
        // The same device answering twice at once: the other answer took the slot; try the next one.
        if (deviceSlot === null || attempt >= deviceLimit) throw deviceSlot === null ? error : repeatError(deviceLimit);
      }
    }
  }

  /**
   * A manager's list of a survey's responses, newest first, to find the ones to void: flagged ones
   * only if asked. Only ADMIN and MANAGER (the answers are the respondents').
   */
  async listResponses(surveyId: string, flaggedOnly: boolean, limit: number): Promise<SurveyResponse[]> {
    if (!can(this.viewer().user.role, 'MANAGE_SURVEYS')) throw new ForbiddenError('只有 ADMIN、MANAGER 可以查看答卷');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LISTED_RESPONSES) {
      throw new ValidationError('limit', `limit 应为 1–${MAX_LISTED_RESPONSES} 的整数，实际为 ${limit}`);
    }
    const survey = await this.get(surveyId);
    return this.em.find(
      SurveyResponse,
      { survey, ...(flaggedOnly ? { flagReason: { $ne: null } } : {}) },
      { populate: ['collectedBy', 'voidedBy'], orderBy: { receivedAt: 'desc', id: 'desc' }, limit },
    );
  }

  /**
   * Voids a response (ADMIN, MANAGER): it stays stored and listed, but no longer counts toward the
   * results or the indicator's actual, which is recomputed in the same transaction as the audit entry.
   */
  async voidResponse(responseId: string, reason: string): Promise<SurveyResponse> {
    const viewer = this.viewer();
    if (!can(viewer.user.role, 'MANAGE_SURVEYS')) throw new ForbiddenError('只有 ADMIN、MANAGER 可以作废答卷');
    const why = reason.trim();
    if (!why) throw new ValidationError('reason', 'reason 请写明作废的原因');
    checkLength('reason', why, 200);
    const found = isUuid(responseId) ? await this.em.findOne(SurveyResponse, { id: responseId }, { fields: ['survey'] }) : null;
    if (!found) throw viewer.scope.isEverything ? new NotFoundError(`答卷 ${responseId} 不存在`) : new ForbiddenError();
    const survey = await findVisibleSurvey(this.em, viewer, found.survey.id);
    return this.em.transactional(async (tx) => {
      // One conditional UPDATE: of two managers voiding at once, exactly one changes the row.
      const changed = await tx.nativeUpdate(
        SurveyResponse,
        { id: responseId, voidedAt: null },
        { voidedAt: new Date(), voidedBy: viewer.user.id, voidReason: why },
      );
      const response = await tx.findOneOrFail(SurveyResponse, { id: responseId }, { populate: ['collectedBy', 'voidedBy'], refresh: true });
      if (changed === 0) throw new ConflictError('responseId', `答卷已于 ${response.voidedAt?.toISOString() ?? ''} 作废（${response.voidReason ?? ''}）`);
      await appendAuditEvent(tx, {
        actor: viewer.user.username,
        action: 'update',
        entity: 'SurveyResponse',
        entityId: response.id,
        before: { voided: false },
        after: { voided: true, voidReason: why, flagReason: response.flagReason },
      });
      await updateDerivedData(tx, survey.indicator.project.id, { kind: 'survey', indicatorId: survey.indicator.id }, { actor: viewer.user.username });
      return response;
    });
  }

  /** How many slots of the device rule a device holds in a survey (voided answers still hold theirs). */
  private deviceAnswers(survey: Survey, deviceId: string): Promise<number> {
    return this.em.fork().count(SurveyResponse, { survey, deviceId, deviceSlot: { $ne: null } });
  }

  /**
   * The public link's rate limits, per client address and per survey, shared by all server
   * processes. Returns when the address's previous attempt came (null for its first).
   */
  private async takePublicQuota(survey: Survey, address: string): Promise<number | null> {
    const perAddress = await takeFromBucket(this.em, `a:${survey.id}:${address}`, survey.perAddressPerMinute);
    if (!perAddress.allowed) {
      throw new TooManyRequestsError(
        `此网络提交答卷过于频繁（每分钟至多 ${survey.perAddressPerMinute} 份），请 ${perAddress.retryAfterSeconds} 秒后再试`,
        perAddress.retryAfterSeconds,
      );
    }
    const perSurvey = await takeFromBucket(this.em, `s:${survey.id}`, survey.perSurveyPerMinute);
    if (!perSurvey.allowed) {
      throw new TooManyRequestsError(
        `此问卷此刻提交的人太多（每分钟至多 ${survey.perSurveyPerMinute} 份），请 ${perSurvey.retryAfterSeconds} 秒后再试`,
        perSurvey.retryAfterSeconds,
      );
    }
    return perAddress.previousAt;
  }

  private findStored(clientId: string): Promise<SurveyResponse | null> {
    return this.em.fork().findOne(SurveyResponse, { clientId });
  }

  /** The stored receipt when the content is the same; a CONFLICT naming the first difference otherwise. */
  private replay(stored: SurveyResponse, submitted: Record<string, unknown>, surveyField: string): SurveyResponse {
    const differs = firstDifference(
      {
        survey: stored.survey.id,
        channel: stored.channel,
        // PostgreSQL's jsonb reorders keys: compare answers field by field, not as stored.
        answers: stored.answers.map((answer) => ({ questionId: answer.questionId, value: answer.value })),
        code: stored.code,
        collectedAt: stored.collectedAt.toISOString(),
      },
      submitted,
    );
    if (!differs) return stored;
    const field = differs === 'survey' || differs === 'channel' ? surveyField : `input.${differs}`;
    const what = differs === 'survey' || differs === 'channel' ? '另一份问卷或另一种收集方式的答卷' : `另一份答卷，其 ${differs} 不同`;
    throw new ConflictError(field, `clientId ${stored.clientId} 已用于${what}`);
  }

  /** Runs `store` again when freshly drawn codes clashed with stored ones. */
  private async withFreshCodes<T>(store: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await store();
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= CODE_ATTEMPTS) throw error;
      }
    }
  }
}
