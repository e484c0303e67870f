import { describe, expect, it } from 'vitest';
import { checkAnswers, collectAnswers, firstUnanswered, isAnswered, questionOptions, type QuestionToAnswer, type SurveyAnswer } from './answers.js';
import { SATISFACTION_LEVELS } from './satisfaction.js';

const QUESTIONS: QuestionToAnswer[] = [
  { id: 'q1', kind: 'SATISFACTION', text: '您对法庭维修的总体满意程度', required: true },
  { id: 'q2', kind: 'SINGLE_CHOICE', text: '您的身份', options: ['干警', '当事人'], required: true },
  { id: 'q3', kind: 'TEXT', text: '意见和建议', required: false },
];

const answer = (questionId: string, value: string): SurveyAnswer => ({ questionId, value });

describe('questionOptions', () => {
  it.each<[string, QuestionToAnswer, string[]]>([
    ['a satisfaction question takes the five levels', QUESTIONS[0], [...SATISFACTION_LEVELS]],
    ['a single choice takes its own options', QUESTIONS[1], ['干警', '当事人']],
    ['a text question has none', QUESTIONS[2], []],
  ])('%s', (_label, question, expected) => {
    expect(questionOptions(question)).toEqual(expected);
  });
});

describe('answering', () => {
  it.each<[string | undefined, boolean]>([
    ['满意', true],
    [' 无 ', true],
    ['', false],
    ['  \n', false],
    [undefined, false],
  ])('isAnswered(%j) → %s', (value, expected) => {
    expect(isAnswered(value)).toBe(expected);
  });

  it.each<[string, Record<string, string>, number]>([
    ['all required answered', { q1: '满意', q2: '干警' }, -1],
    ['the optional text may stay empty', { q1: '满意', q2: '干警', q3: '' }, -1],
    ['the first required one missing', { q2: '干警' }, 0],
    ['a blank answer is missing', { q1: '满意', q2: '  ' }, 1],
  ])('firstUnanswered: %s', (_label, values, expected) => {
    expect(firstUnanswered(QUESTIONS, values)).toBe(expected);
  });

  it('collects answers in question order, trimmed, without the empty ones', () => {
    expect(collectAnswers(QUESTIONS, { q3: ' 门窗要修 ', q2: '当事人', q1: '非常满意' })).toEqual([
      answer('q1', '非常满意'),
      answer('q2', '当事人'),
      answer('q3', '门窗要修'),
    ]);
    expect(collectAnswers(QUESTIONS, { q1: '满意', q2: '干警', q3: ' ' })).toEqual([answer('q1', '满意'), answer('q2', '干警')]);
  });
});

describe('checkAnswers', () => {
  it.each<[string, SurveyAnswer[], SurveyAnswer[]]>([
    ['valid answers come back in question order', [answer('q2', '干警'), answer('q1', '满意')], [answer('q1', '满意'), answer('q2', '干警')]],
    [
      'answers are trimmed and an empty text dropped',
      [answer('q1', ' 基本满意 '), answer('q2', '当事人'), answer('q3', '')],
      [answer('q1', '基本满意'), answer('q2', '当事人')],
    ],
    [
      'an empty answer does not take the question’s one answer',
      [answer('q3', ''), answer('q3', '好'), answer('q1', '满意'), answer('q2', '干警')],
      [answer('q1', '满意'), answer('q2', '干警'), answer('q3', '好')],
    ],
  ])('%s', (_label, answers, expected) => {
    expect(checkAnswers(QUESTIONS, answers)).toEqual(expected);
  });

  it.each<[string, SurveyAnswer[], string, string]>([
    ['a question the survey does not have', [answer('q9', '满意')], 'input.answers[0].questionId', '问卷中没有题目“q9”'],
    ['a question answered twice', [answer('q1', '满意'), answer('q1', '不满意')], 'input.answers[1].questionId', '题目“q1”回答了不止一次'],
    [
      'a level that is not on the scale',
      [answer('q1', '还行')],
      'input.answers[0].value',
      '“还行”不是满意度等级，应为 非常满意、满意、基本满意、不满意、非常不满意 之一',
    ],
    [
      'an option the question does not offer',
      [answer('q1', '满意'), answer('q2', '律师')],
      'input.answers[1].value',
      '“律师”不是第 q2 题的选项，应为 干警、当事人 之一',
    ],
    [
      'a text that is too long',
      [answer('q1', '满意'), answer('q2', '干警'), answer('q3', '字'.repeat(2001))],
      'input.answers[2].value',
      '回答最长 2000 个字符，实际为 2001',
    ],
    ['a required question left out', [answer('q1', '满意')], 'input.answers', '缺少必答题 q2“您的身份”的回答'],
  ])('refuses %s, naming the answer', (_label, answers, field, message) => {
    expect(() => checkAnswers(QUESTIONS, answers, 'input.answers')).toThrow(expect.objectContaining({ field, message }));
  });
});
