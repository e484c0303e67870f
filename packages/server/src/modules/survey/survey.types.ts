import { questionOptions } from '@jixiao/domain';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RecordErrorType } from '../common/record-batch.js';
import { QuestionKind, ResponseChannel, SurveyAudience, type Survey, type SurveyQuestion, type SurveyResponse } from './survey.entity.js';
import { isSurveyOpen, type SurveyResults } from './survey.service.js';

registerEnumType(SurveyAudience, {
  name: 'SurveyAudience',
  description: '问卷的调查对象',
  valuesConfig: {
    OFFICERS: { description: '干警' },
    EQUIPMENT_USERS: { description: '设备使用人员' },
    AID_RECIPIENTS: { description: '受救助人' },
  },
});

registerEnumType(QuestionKind, {
  name: 'SurveyQuestionKind',
  description: '题型',
  valuesConfig: {
    SATISFACTION: { description: '满意度五级量表：非常满意、满意、基本满意、不满意、非常不满意；问卷的第一道满意度题计入满意率' },
    SINGLE_CHOICE: { description: '单选题：从题目给出的选项中选一项' },
    TEXT: { description: '文字题：自由填写，最长 2000 字' },
  },
});

registerEnumType(ResponseChannel, {
  name: 'ResponseChannel',
  description: '答卷的收集方式',
  valuesConfig: {
    KIOSK: { description: '现场代答：登录的工作人员把手机交给受访人作答，答卷记录采集人' },
    PUBLIC: { description: '公开链接或二维码（/s/<token>）：受访人用自己的手机作答，无需登录' },
  },
});

/** The domain's SatisfactionMethod as a GraphQL enum. */
export enum SatisfactionMethodEnum {
  TOP_TWO = 'TOP_TWO',
  TOP_THREE = 'TOP_THREE',
  WEIGHTED = 'WEIGHTED',
}
registerEnumType(SatisfactionMethodEnum, {
  name: 'SatisfactionMethod',
  description: '满意率的计算方法',
  valuesConfig: {
    TOP_TWO: { description: '（非常满意 + 满意）/ 有效答卷数（默认）' },
    TOP_THREE: { description: '（非常满意 + 满意 + 基本满意）/ 有效答卷数' },
    WEIGHTED: { description: '加权指数：非常满意 100、满意 80、基本满意 60、不满意 40、非常不满意 0 分的平均分' },
  },
});

@ObjectType('SurveyQuestion', { description: '问卷中的一道题' })
export class SurveyQuestionType {
  @Field(() => ID, { description: '题目 id（如 "q1"），作答时用它指明回答的是哪道题' })
  id!: string;

  @Field(() => QuestionKind, { description: '题型' })
  kind!: QuestionKind;

  @Field(() => String, { description: '题目文字' })
  text!: string;

  @Field(() => [String], {
    description: '可选的答案：满意度题为五个等级（非常满意 … 非常不满意），单选题为题目的选项，文字题为空列表',
  })
  options!: string[];

  @Field(() => Boolean, { description: '是否必答' })
  required!: boolean;
}

function questionView(question: SurveyQuestion): SurveyQuestionType {
  return { id: question.id, kind: question.kind, text: question.text, options: questionOptions(question), required: question.required };
}

@ObjectType('SurveyCode', { description: '一个一次性问卷码：发给名单上的受访人，每个码只能提交一份答卷' })
export class SurveyCodeType {
  @Field(() => String, { description: '问卷码（8 位，不含易混淆的 0、O、1、I）' })
  code!: string;

  @Field(() => Boolean, { description: '是否已被使用' })
  used!: boolean;
}

@ObjectType('Survey', { description: '满意度调查问卷：其满意率可作为指标的实际完成值（指标来源为 SURVEY 时）' })
export class SurveyType {
  @Field(() => ID, { description: '问卷 id' })
  id!: string;

  @Field(() => String, { description: '问卷标题' })
  title!: string;

  @Field(() => SurveyAudience, { description: '调查对象' })
  audience!: SurveyAudience;

  @Field(() => [SurveyQuestionType], { description: '题目，按顺序' })
  questions!: SurveyQuestionType[];

  @Field(() => SatisfactionMethodEnum, { description: '满意率的计算方法' })
  method!: SatisfactionMethodEnum;

  @Field(() => Date, { description: '开始收集答卷的时间' })
  opensAt!: Date;

  @Field(() => Date, { description: '停止收集答卷的时间（不含）' })
  closesAt!: Date;

  @Field(() => Boolean, { description: '此刻是否在收集时间内' })
  isOpen!: boolean;

  @Field(() => String, { description: '公开链接的令牌：受访人打开 /s/<publicToken> 作答，无需登录' })
  publicToken!: string;

  @Field(() => Boolean, { description: '通过公开链接作答时是否必须填写一次性问卷码' })
  requireCode!: boolean;

  @Field(() => Int, { description: '公开链接上每台设备至多提交的答卷数（0 为不限）' })
  maxResponsesPerDevice!: number;

  @Field(() => Int, { description: '公开链接上每个网络地址每分钟至多接受的答卷数' })
  perAddressPerMinute!: number;

  @Field(() => Int, { description: '公开链接上整份问卷每分钟至多接受的答卷数' })
  perSurveyPerMinute!: number;

  @Field(() => Date, { description: '创建时间' })
  createdAt!: Date;

  /** The entity behind this view, for field resolvers (not in the schema). */
  entity!: Survey;

  static from(survey: Survey, now: Date): SurveyType {
    return Object.assign(new SurveyType(), {
      id: survey.id,
      title: survey.title,
      audience: survey.audience,
      questions: survey.questions.map(questionView),
      method: survey.method as SatisfactionMethodEnum,
      opensAt: survey.opensAt,
      closesAt: survey.closesAt,
      isOpen: isSurveyOpen(survey, now),
      publicToken: survey.publicToken,
      requireCode: survey.requireCode,
      maxResponsesPerDevice: survey.maxResponsesPerDevice,
      perAddressPerMinute: survey.perAddressPerMinute,
      perSurveyPerMinute: survey.perSurveyPerMinute,
      createdAt: survey.createdAt,
      entity: survey,
    });
  }
}

@ObjectType('PublicSurvey', { description: '受访人通过公开链接看到的问卷：只有作答所需的内容' })
export class PublicSurveyType {
  @Field(() => String, { description: '问卷标题' })
  title!: string;

  @Field(() => SurveyAudience, { description: '调查对象' })
  audience!: SurveyAudience;

  @Field(() => [SurveyQuestionType], { description: '题目，按顺序' })
  questions!: SurveyQuestionType[];

  @Field(() => Date, { description: '开始收集答卷的时间' })
  opensAt!: Date;

  @Field(() => Date, { description: '停止收集答卷的时间（不含）' })
  closesAt!: Date;

  @Field(() => Boolean, { description: '此刻是否可以作答' })
  isOpen!: boolean;

  @Field(() => Boolean, { description: '是否必须填写一次性问卷码' })
  requireCode!: boolean;

  @Field(() => Int, { description: '每台设备至多提交的答卷数（0 为不限）' })
  maxResponsesPerDevice!: number;

  @Field(() => String, {
    description: '新的设备标识（服务器签名）。设备尚无标识时保存它（Cookie 及浏览器存储），以后作答都用已保存的那个，填入 submitSurveyResponse 的 deviceToken',
  })
  deviceToken!: string;

  static from(survey: Survey, now: Date, deviceToken: string): PublicSurveyType {
    return {
      maxResponsesPerDevice: survey.maxResponsesPerDevice,
      deviceToken,
      title: survey.title,
      audience: survey.audience,
      questions: survey.questions.map(questionView),
      opensAt: survey.opensAt,
      closesAt: survey.closesAt,
      isOpen: isSurveyOpen(survey, now),
      requireCode: survey.requireCode,
    };
  }
}

@ObjectType('SurveyResponseReceipt', { description: '服务器已保存答卷的回执；设备收到后才可删除本地待发送的答卷' })
export class SurveyResponseReceiptType {
  @Field(() => ID, { description: '答卷 id' })
  id!: string;

  @Field(() => ID, { description: '设备生成的唯一编号' })
  clientId!: string;

  @Field(() => ID, { description: '问卷 id' })
  surveyId!: string;

  @Field(() => Date, { description: '服务器收到（保存）答卷的时间' })
  receivedAt!: Date;

  static from(response: SurveyResponse): SurveyResponseReceiptType {
    return { id: response.id, clientId: response.clientId, surveyId: response.survey.id, receivedAt: response.receivedAt };
  }
}

@ObjectType('SurveyOptionCount', { description: '选择某个答案的答卷数' })
export class SurveyOptionCountType {
  @Field(() => String, { description: '答案（满意度等级或单选项）' })
  option!: string;

  @Field(() => Int, { description: '选择此答案的答卷数' })
  count!: number;
}

@ObjectType('SurveyQuestionResult', { description: '一道题的统计' })
export class SurveyQuestionResultType {
  @Field(() => ID, { description: '题目 id' })
  questionId!: string;

  @Field(() => QuestionKind, { description: '题型' })
  kind!: QuestionKind;

  @Field(() => String, { description: '题目文字' })
  text!: string;

  @Field(() => Int, { description: '回答了此题的答卷数' })
  answeredCount!: number;

  @Field(() => [SurveyOptionCountType], {
    description: '每个答案的答卷数：满意度题列出全部五个等级（无人选择的为 0），单选题列出全部选项，文字题为空列表',
  })
  counts!: SurveyOptionCountType[];

  @Field(() => [String], {
    nullable: true,
    description: '文字题最近的回答（最新在前，至多 50 条）；仅 ADMIN、MANAGER 可见，其他角色及非文字题为空',
  })
  latestTexts!: string[] | null;
}

@ObjectType('SurveyChannelCount', { description: '某种收集方式的答卷数' })
export class SurveyChannelCountType {
  @Field(() => ResponseChannel, { description: '收集方式' })
  channel!: ResponseChannel;

  @Field(() => Int, { description: '答卷数' })
  count!: number;
}

@ObjectType('SurveyResults', { description: '问卷的统计结果' })
export class SurveyResultsType {
  @Field(() => ID, { description: '问卷 id' })
  surveyId!: string;

  @Field(() => Int, { description: '答卷总数' })
  responseCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: '满意率（百分数，保留两位小数，如 85 表示 85%）：按问卷的计算方法统计第一道满意度题；尚无人回答时为空',
  })
  satisfactionRate!: number | null;

  @Field(() => SatisfactionMethodEnum, { description: '满意率的计算方法' })
  method!: SatisfactionMethodEnum;

  @Field(() => [SurveyQuestionResultType], { description: '每道题的统计，按题目顺序' })
  questions!: SurveyQuestionResultType[];

  @Field(() => [SurveyChannelCountType], { description: '每种收集方式的答卷数（两种方式都列出，没有答卷的为 0）' })
  byChannel!: SurveyChannelCountType[];

  @Field(() => Int, { description: '被标记为可疑（同一设备或网络地址短时间内连续提交）且未作废的答卷数；它们仍计入统计，由管理人员决定是否作废' })
  flaggedCount!: number;

  @Field(() => Int, { description: '已作废的答卷数（不计入答卷总数、各题统计和满意率）' })
  voidedCount!: number;

  @Field(() => [SurveyVoidReasonType], { description: '作废原因及各原因的答卷数，多者在前' })
  voidReasons!: SurveyVoidReasonType[];

  static from(results: SurveyResults): SurveyResultsType {
    return {
      surveyId: results.survey.id,
      responseCount: results.responseCount,
      satisfactionRate: results.satisfactionRate,
      method: results.survey.method as SatisfactionMethodEnum,
      questions: results.questions.map(({ question, answeredCount, counts, latestTexts }) => ({
        questionId: question.id,
        kind: question.kind,
        text: question.text,
        answeredCount,
        counts,
        latestTexts,
      })),
      byChannel: results.byChannel,
      flaggedCount: results.flaggedCount,
      voidedCount: results.voidedCount,
      voidReasons: results.voidReasons,
    };
  }
}

@ObjectType('SurveyVoidReason', { description: '一个作废原因' })
export class SurveyVoidReasonType {
  @Field(() => String, { description: '作废原因' })
  reason!: string;

  @Field(() => Int, { description: '以此原因作废的答卷数' })
  count!: number;
}

@ObjectType('SurveyAnswer', { description: '答卷中对一道题的回答' })
export class SurveyAnswerType {
  @Field(() => ID, { description: '题目 id' })
  questionId!: string;

  @Field(() => String, { description: '回答' })
  value!: string;
}

@ObjectType('SurveyResponse', { description: '一份答卷（供管理人员核查、作废）' })
export class SurveyResponseType {
  @Field(() => ID, { description: '答卷 id' })
  id!: string;

  @Field(() => ResponseChannel, { description: '收集方式' })
  channel!: ResponseChannel;

  @Field(() => String, { nullable: true, description: '计入满意率的满意度题的回答' })
  satisfaction!: string | null;

  @Field(() => [SurveyAnswerType], { description: '全部回答，按题目顺序' })
  answers!: SurveyAnswerType[];

  @Field(() => Boolean, { description: '是否用一次性问卷码作答' })
  withCode!: boolean;

  @Field(() => String, { nullable: true, description: '现场代答的采集人用户名' })
  collectedBy!: string | null;

  @Field(() => Date, { description: '设备上提交的时间' })
  collectedAt!: Date;

  @Field(() => Date, { description: '服务器收到的时间' })
  receivedAt!: Date;

  @Field(() => Boolean, { description: '是否被标记为可疑' })
  flagged!: boolean;

  @Field(() => String, { nullable: true, description: '标记为可疑的原因（如“同一网络地址 30 秒内连续提交”）' })
  flagReason!: string | null;

  @Field(() => Boolean, { description: '是否已作废' })
  voided!: boolean;

  @Field(() => Date, { nullable: true, description: '作废时间' })
  voidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: '作废人用户名' })
  voidedBy!: string | null;

  @Field(() => String, { nullable: true, description: '作废原因' })
  voidReason!: string | null;

  static from(response: SurveyResponse): SurveyResponseType {
    return {
      id: response.id,
      channel: response.channel,
      satisfaction: response.satisfaction,
      answers: response.answers.map((answer) => ({ questionId: answer.questionId, value: answer.value })),
      withCode: response.code !== null,
      collectedBy: response.collectedBy?.username ?? null,
      collectedAt: response.collectedAt,
      receivedAt: response.receivedAt,
      flagged: response.flagReason !== null,
      flagReason: response.flagReason,
      voided: response.voidedAt !== null,
      voidedAt: response.voidedAt,
      voidedBy: response.voidedBy?.username ?? null,
      voidReason: response.voidReason,
    };
  }
}

@ObjectType('SubmitSurveyResponseResult', { description: 'submitSurveyResponses 中一份答卷的结果：receipt 与 error 恰有一个' })
export class SubmitSurveyResponseResultType {
  @Field(() => ID, { description: '这份答卷的 clientId（与输入同序）' })
  clientId!: string;

  @Field(() => SurveyResponseReceiptType, { nullable: true, description: '已保存答卷的回执（重复提交时为先前保存的那份）' })
  receipt!: SurveyResponseReceiptType | null;

  @Field(() => RecordErrorType, { nullable: true, description: '这份答卷未保存的原因；其余答卷不受影响' })
  error!: RecordErrorType | null;
}
