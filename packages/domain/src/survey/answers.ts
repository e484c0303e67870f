import { InvalidInputError } from '../errors.js';
import { SATISFACTION_LEVELS } from './satisfaction.js';

/** The kinds of survey question, by identifier (the API's QuestionKind enum). */
export const QuestionKind = {
  /** The five-point scale 非常满意 … 非常不满意; a survey's first one gives its satisfaction rate. */
  SATISFACTION: 'SATISFACTION',
  /** One of the question's own options. */
  SINGLE_CHOICE: 'SINGLE_CHOICE',
  /** Free text. */
  TEXT: 'TEXT',
} as const;
export type QuestionKind = (typeof QuestionKind)[keyof typeof QuestionKind];

/** The longest free-text answer, in characters. */
export const MAX_TEXT_ANSWER = 2000;

/** A question as answers are checked against it. */
export interface QuestionToAnswer {
  id: string;
  kind: QuestionKind;
  text: string;
  /** For SINGLE_CHOICE. */
  options?: readonly string[] | null;
  required: boolean;
}

export interface SurveyAnswer {
  questionId: string;
  value: string;
}

/**
 * The answers a question accepts: the five levels, the single choice's options, or none (free
 * text).
 *
 * @example questionOptions({ id: 'q1', kind: 'SATISFACTION', text: '总体满意度', required: true }) // ['非常满意', …, '非常不满意']
 */
export function questionOptions(question: Pick<QuestionToAnswer, 'kind' | 'options'>): string[] {
  if (question.kind === QuestionKind.SATISFACTION) return [...SATISFACTION_LEVELS];
  if (question.kind === QuestionKind.SINGLE_CHOICE) return [...(question.options ?? [])];
  return [];
}

/**
 * Whether a value answers a question: an empty or blank text is no answer.
 *
 * @example isAnswered('  ') // false
 */
export function isAnswered(value: string | null | undefined): boolean {
  return (value?.trim() ?? '') !== '';
}

/**
 * The position of the first required question without an answer, or -1 when none is missing.
 *
 * @example firstUnanswered([{ id: 'q1', kind: 'TEXT', text: '建议', required: true }], {}) // 0
 */
export function firstUnanswered(questions: readonly QuestionToAnswer[], values: Readonly<Record<string, string | undefined>>): number {
  return questions.findIndex((question) => question.required && !isAnswered(values[question.id]));
}

/**
 * The answers as they are sent and stored: in question order, trimmed, without the unanswered.
 *
 * @example collectAnswers(questions, { q2: ' 无 ', q1: '满意' }) // [{ questionId: 'q1', value: '满意' }, { questionId: 'q2', value: '无' }]
 */
export function collectAnswers(questions: readonly QuestionToAnswer[], values: Readonly<Record<string, string | undefined>>): SurveyAnswer[] {
  return questions.filter((question) => isAnswered(values[question.id])).map((question) => ({ questionId: question.id, value: values[question.id]!.trim() }));
}

/**
 * Checks answers against a survey's questions and returns them as `collectAnswers` would: a
 * question of the survey, answered once, with one of its options (the five levels for
 * SATISFACTION), a text of at most MAX_TEXT_ANSWER characters, every required question answered.
 * Throws InvalidInputError naming the answer (`${field}[i].value`) otherwise.
 *
 * @example checkAnswers(questions, [{ questionId: 'q1', value: '很好' }], 'input.answers') // throws InvalidInputError('input.answers[0].value', '“很好”不是满意度等级，…')
 */
export function checkAnswers(questions: readonly QuestionToAnswer[], answers: readonly SurveyAnswer[], field = 'answers'): SurveyAnswer[] {
  const values: Record<string, string> = {};
  answers.forEach((answer, i) => {
    const at = `${field}[${i}]`;
    const question = questions.find((q) => q.id === answer.questionId);
    if (!question) throw new InvalidInputError(`${at}.questionId`, `问卷中没有题目“${answer.questionId}”`);
    if (question.id in values) throw new InvalidInputError(`${at}.questionId`, `题目“${question.id}”回答了不止一次`);
    const value = answer.value.trim();
    // An empty text is no answer: it neither counts nor takes the question's one answer.
    if (value === '') return;
    if (question.kind === QuestionKind.SATISFACTION && !(SATISFACTION_LEVELS as readonly string[]).includes(value)) {
      throw new InvalidInputError(`${at}.value`, `“${value}”不是满意度等级，应为 ${SATISFACTION_LEVELS.join('、')} 之一`);
    }
    const options = question.options ?? [];
    if (question.kind === QuestionKind.SINGLE_CHOICE && !options.includes(value)) {
      throw new InvalidInputError(`${at}.value`, `“${value}”不是第 ${question.id} 题的选项，应为 ${options.join('、')} 之一`);
    }
    if (question.kind === QuestionKind.TEXT && value.length > MAX_TEXT_ANSWER) {
      throw new InvalidInputError(`${at}.value`, `回答最长 ${MAX_TEXT_ANSWER} 个字符，实际为 ${value.length}`);
    }
    values[question.id] = value;
  });
  const missing = questions[firstUnanswered(questions, values)];
  if (missing) throw new InvalidInputError(field, `缺少必答题 ${missing.id}“${missing.text}”的回答`);
  return collectAnswers(questions, values);
}
