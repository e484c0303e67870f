export { satisfactionRate, SATISFACTION_LEVELS, type SatisfactionCounts, type SatisfactionLevel, type SatisfactionMethod } from './satisfaction.js';
export {
  checkAnswers,
  collectAnswers,
  firstUnanswered,
  isAnswered,
  MAX_TEXT_ANSWER,
  QuestionKind,
  questionOptions,
  type QuestionToAnswer,
  type SurveyAnswer,
} from './answers.js';
