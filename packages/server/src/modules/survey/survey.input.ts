import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { QuestionKind, SurveyAudience } from './survey.entity.js';
import { SatisfactionMethodEnum } from './survey.types.js';

@InputType('SurveyQuestionInput', { description: '一道题' })
export class SurveyQuestionInput {
  @Field(() => QuestionKind, { description: '题型；问卷至少要有一道满意度题（第一道满意度题计入满意率）' })
  kind!: QuestionKind;

  @Field(() => String, { description: '题目文字，最长 500 字' })
  text!: string;

  @Field(() => [String], { nullable: true, description: '单选题的选项（2–50 个，互不相同，每个最长 200 字）；其他题型不填' })
  options?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: '是否必答，默认必答' })
  required?: boolean | null;
}

@InputType('CreateSurveyInput', { description: '新问卷' })
export class CreateSurveyInput {
  @Field(() => ID, { description: '问卷统计的指标 id（如“干警满意度”）；指标来源为 SURVEY 时，满意率即为其实际完成值' })
  indicatorId!: string;

  @Field(() => String, { description: '问卷标题，最长 200 字' })
  title!: string;

  @Field(() => SurveyAudience, { description: '调查对象' })
  audience!: SurveyAudience;

  @Field(() => [SurveyQuestionInput], { description: '题目，按顺序（1–100 道）；题目 id 由服务器按顺序编为 q1、q2 …' })
  questions!: SurveyQuestionInput[];

  @Field(() => SatisfactionMethodEnum, { nullable: true, defaultValue: SatisfactionMethodEnum.TOP_TWO, description: '满意率的计算方法，默认 TOP_TWO' })
  method?: SatisfactionMethodEnum | null;

  @Field(() => Date, { description: '开始收集答卷的时间' })
  opensAt!: Date;

  @Field(() => Date, { description: '停止收集答卷的时间（不含），须晚于开始时间' })
  closesAt!: Date;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      '通过公开链接作答是否必须填写一次性问卷码，默认否。推荐：问卷码是防止刷票最可靠的办法（每码一份答卷，名单上的人各发一个）；不用码时只靠设备和网络地址限制',
  })
  requireCode?: boolean | null;

  @Field(() => Int, { nullable: true, description: '同时生成的一次性问卷码个数（0–1000）；以后也可用 generateSurveyCodes 追加' })
  codeCount?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '公开链接上每台设备至多提交的答卷数（0–100，0 为不限），默认 1：同一设备再次作答报 CONFLICT（field 为 input.deviceToken）。带问卷码的答卷不受此限',
  })
  maxResponsesPerDevice?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      '公开链接上每个网络地址每分钟至多接受的答卷数（1–1000），默认 5；超出报 TOO_MANY_REQUESTS。全体干警在同一办公网络集中作答时调高，或改用问卷码、现场代答',
  })
  perAddressPerMinute?: number | null;

  @Field(() => Int, { nullable: true, description: '公开链接上整份问卷每分钟至多接受的答卷数（1–10000），默认 60；超出报 TOO_MANY_REQUESTS' })
  perSurveyPerMinute?: number | null;
}

@InputType('SurveyAnswerInput', { description: '对一道题的回答' })
export class SurveyAnswerInput {
  @Field(() => ID, { description: '题目 id（如 "q1"）' })
  questionId!: string;

  @Field(() => String, {
    description:
      '回答：满意度题为五个等级之一（非常满意、满意、基本满意、不满意、非常不满意），单选题为选项之一，文字题为文字（最长 2000 字）；空文本视为未回答',
  })
  value!: string;
}

@InputType('SubmitSurveyResponseInput', {
  description: '一份答卷。现场代答：登录（ADMIN、MANAGER 或 INSPECTOR）并填 surveyId；公开链接：不登录，填 token（及问卷码）',
})
export class SubmitSurveyResponseInput {
  @Field(() => ID, { description: '设备在打开问卷时生成的唯一编号（UUID）：重复提交同一答卷只保存一次，内容不同则报 CONFLICT' })
  clientId!: string;

  @Field(() => ID, { nullable: true, description: '问卷 id：现场代答时填写（需登录），与 token 二选一' })
  surveyId?: string | null;

  @Field(() => String, { nullable: true, description: '公开链接的令牌（/s/<token>）：受访人自己作答时填写（无需登录），与 surveyId 二选一' })
  token?: string | null;

  @Field(() => String, { nullable: true, description: '一次性问卷码：问卷要求时必填；大小写、空格和连字符不计。每个码只能用一次' })
  code?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '设备标识：公开链接作答时必填，取自 publicSurvey.deviceToken（设备保存后每次作答都用同一个）；现场代答不填',
  })
  deviceToken?: string | null;

  @Field(() => [SurveyAnswerInput], { description: '回答，每道题至多一条；必答题都要回答' })
  answers!: SurveyAnswerInput[];

  @Field(() => Date, {
    description:
      '受访人在设备上提交答卷的时间。服务器收到时问卷须在收集时间内；现场代答的答卷若是离线采集、问卷截止后才同步，只要采集时间在收集时间内也接受。不得晚于服务器时间 5 分钟以上',
  })
  collectedAt!: Date;
}

@ArgsType()
export class SurveyResponsesArgs {
  @Field(() => ID, { description: '问卷 id' })
  surveyId!: string;

  @Field(() => Boolean, { defaultValue: false, description: '只列出被标记为可疑的答卷' })
  flaggedOnly!: boolean;

  @Field(() => Int, { defaultValue: 100, description: '至多列出的答卷数（1–500），默认 100' })
  limit!: number;
}
