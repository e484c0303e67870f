import { rolesThatMay } from '@jixiao/domain';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { IndicatorType } from '../indicator/indicator.types.js';
import { issueDeviceToken } from './device-token.js';
import { SurveyService } from './survey.service.js';
import type { Survey } from './survey.entity.js';
import { CreateSurveyInput, SubmitSurveyResponseInput, SurveyResponsesArgs } from './survey.input.js';
import { checkBatchSize, MAX_BATCH_RECORDS, settleEach } from '../common/record-batch.js';
import {
  PublicSurveyType,
  SubmitSurveyResponseResultType,
  SurveyCodeType,
  SurveyResponseReceiptType,
  SurveyResponseType,
  SurveyResultsType,
  SurveyType,
} from './survey.types.js';

const WRITERS = rolesThatMay('MANAGE_SURVEYS');

function service(context: Context, em = context.em): SurveyService {
  return new SurveyService(em, () => requireViewer(context), { address: context.address, secret: context.secret });
}

/** The estimated cost of one surveyResults: 12 of them reach the signed-in limit (50,000). */
export const SURVEY_RESULTS_COST = 4_000;

/** Survey results already counted in a request, by survey id: aliases of one survey are counted once. */
const resultsByRequest = new WeakMap<Context, Map<string, Promise<SurveyResultsType>>>();

/** The results of a survey the viewer may see (`find` checks that), counted once per request. */
function surveyResults(context: Context, surveyId: string, find: () => Promise<Survey>): Promise<SurveyResultsType> {
  let known = resultsByRequest.get(context);
  if (!known) resultsByRequest.set(context, (known = new Map()));
  let counting = known.get(surveyId);
  if (!counting) {
    counting = (async () => {
      const survey = await find();
      return SurveyResultsType.from(service(context).tally(survey, await context.loaders.responsesBySurvey.load(survey.id)));
    })();
    known.set(surveyId, counting);
  }
  return counting;
}

@Resolver(() => SurveyType)
export class SurveyResolver {
  @Authorized()
  @Query(() => SurveyType, { description: '一份问卷；无权访问或不存在时返回 FORBIDDEN 错误' })
  async survey(@Ctx() context: Context, @Arg('id', () => ID, { description: '问卷 id' }) id: string): Promise<SurveyType> {
    return SurveyType.from(await service(context).get(id), new Date());
  }

  @Authorized()
  @Query(() => [SurveyType], { description: '一个指标的问卷，按创建先后；无权访问指标时返回 FORBIDDEN 错误' })
  async surveys(@Ctx() context: Context, @Arg('indicatorId', () => ID, { description: '指标 id' }) indicatorId: string): Promise<SurveyType[]> {
    const now = new Date();
    return (await service(context).listForIndicator(indicatorId)).map((survey) => SurveyType.from(survey, now));
  }

  @Authorized()
  @Query(() => [SurveyType], {
    description: '一个项目各指标的问卷，按创建先后（现场采集前缓存用）；无权访问项目时返回 FORBIDDEN 错误',
    // 7 ms each (its surveys, their indicators and questions).
    complexity: ({ childComplexity }) => 200 + childComplexity * 10,
  })
  async projectSurveys(@Ctx() context: Context, @Arg('projectId', () => ID, { description: '项目 id' }) projectId: string): Promise<SurveyType[]> {
    const now = new Date();
    return (await service(context).listForProject(projectId)).map((survey) => SurveyType.from(survey, now));
  }

  @Query(() => PublicSurveyType, {
    description: '无需登录：公开链接 /s/<token> 的问卷，只含作答所需的内容；令牌无效时返回 FORBIDDEN 错误',
  })
  async publicSurvey(@Ctx() context: Context, @Arg('token', () => String, { description: '公开链接中的令牌' }) token: string): Promise<PublicSurveyType> {
    return PublicSurveyType.from(await service(context).findByToken(token), new Date(), issueDeviceToken(context.secret));
  }

  @Authorized()
  @Query(() => SurveyResultsType, {
    description: '问卷的统计结果：每题每个答案的答卷数、满意率、各收集方式的答卷数',
    // Reads every response of the survey: about 0.06 ms each, 120 ms at 2,000 (docs/api.md "Limits").
    complexity: ({ childComplexity }) => SURVEY_RESULTS_COST + childComplexity,
  })
  async surveyResults(@Ctx() context: Context, @Arg('surveyId', () => ID, { description: '问卷 id' }) surveyId: string): Promise<SurveyResultsType> {
    return surveyResults(context, surveyId, () => service(context).get(surveyId));
  }

  @Authorized(WRITERS)
  @Query(() => [SurveyResponseType], {
    description: '问卷的答卷，最新在前（ADMIN、MANAGER），用于核查可疑答卷并作废',
    complexity: ({ childComplexity, args }) => 1 + childComplexity * Number(args.limit ?? 100),
  })
  async surveyResponses(
    @Ctx() context: Context,
    @Args(() => SurveyResponsesArgs) { surveyId, flaggedOnly, limit }: SurveyResponsesArgs,
  ): Promise<SurveyResponseType[]> {
    return (await service(context).listResponses(surveyId, flaggedOnly, limit)).map((response) => SurveyResponseType.from(response));
  }

  @Authorized(WRITERS)
  @Mutation(() => SurveyResponseType, {
    description:
      '作废一份答卷（ADMIN、MANAGER），须写明原因：答卷仍保留，但不再计入统计和满意率，来源为 SURVEY 的指标随即重新推算；记入审计日志。已作废的再作废报 CONFLICT',
  })
  async voidSurveyResponse(
    @Ctx() context: Context,
    @Arg('responseId', () => ID, { description: '答卷 id' }) responseId: string,
    @Arg('reason', () => String, { description: '作废原因，最长 200 字（如“同一网络地址短时间内连续提交”）' }) reason: string,
  ): Promise<SurveyResponseType> {
    return SurveyResponseType.from(await service(context).voidResponse(responseId, reason));
  }

  @FieldResolver(() => IndicatorType, { description: '问卷统计的指标（含其实际完成值与得分）' })
  indicator(@Root() survey: SurveyType, @Ctx() context: Context): Promise<IndicatorType> {
    return IndicatorType.load(context.loaders, survey.entity.indicator);
  }

  @FieldResolver(() => SurveyResultsType, {
    description: '问卷的统计结果（同 surveyResults）；一次请求中多份问卷的答卷一并读取',
    complexity: ({ childComplexity }) => SURVEY_RESULTS_COST + childComplexity,
  })
  results(@Root() survey: SurveyType, @Ctx() context: Context): Promise<SurveyResultsType> {
    return surveyResults(context, survey.id, async () => survey.entity);
  }

  @FieldResolver(() => [SurveyCodeType], {
    description: '一次性问卷码及是否已使用，按码排序；仅 ADMIN、MANAGER 可查看，其他角色返回 FORBIDDEN 错误',
    complexity: ({ childComplexity }) => 1 + childComplexity * 100,
  })
  async codes(@Root() survey: SurveyType, @Ctx() context: Context): Promise<SurveyCodeType[]> {
    return service(context).listCodes(survey.entity);
  }

  @Authorized(WRITERS)
  @Mutation(() => SurveyType, {
    description: '创建问卷（ADMIN、MANAGER）：生成公开链接令牌，可同时生成一次性问卷码。指标来源为 SURVEY 时，答卷的满意率即为其实际完成值',
  })
  async createSurvey(@Ctx() context: Context, @Arg('input', () => CreateSurveyInput, { description: '新问卷' }) input: CreateSurveyInput): Promise<SurveyType> {
    return SurveyType.from(await service(context).create(input), new Date());
  }

  @Authorized(WRITERS)
  @Mutation(() => [String], { description: '为问卷追加一次性问卷码（ADMIN、MANAGER），返回新生成的码，供打印发给名单上的受访人' })
  async generateSurveyCodes(
    @Ctx() context: Context,
    @Arg('surveyId', () => ID, { description: '问卷 id' }) surveyId: string,
    @Arg('count', () => Int, { description: '生成个数，1–1000' }) count: number,
  ): Promise<string[]> {
    return service(context).generateCodes(surveyId, count);
  }

  @Mutation(() => SurveyResponseReceiptType, {
    description:
      '提交一份答卷。现场代答：以 ADMIN、MANAGER 或 INSPECTOR 登录，填 surveyId；公开链接：无需登录，填 token，问卷要求时填问卷码。' +
      '同一 clientId 重复提交相同内容返回已保存的回执，内容不同报 CONFLICT 并指明字段；问卷码已被使用报 CONFLICT（field 为 input.code）。' +
      '公开链接另须填 deviceToken：同一设备超出问卷允许的答卷数报 CONFLICT（field 为 input.deviceToken）；同一网络地址或整份问卷提交过快报 TOO_MANY_REQUESTS（extensions.retryAfterSeconds 为需等待的秒数），均不保存。' +
      '防刷票最可靠的是一次性问卷码（requireCode）。保存后重新推算来源为 SURVEY 的指标的实际完成值',
  })
  async submitSurveyResponse(
    @Ctx() context: Context,
    @Arg('input', () => SubmitSurveyResponseInput, { description: '答卷' }) input: SubmitSurveyResponseInput,
  ): Promise<SurveyResponseReceiptType> {
    return SurveyResponseReceiptType.from(await service(context).submit(input));
  }

  @Mutation(() => [SubmitSurveyResponseResultType], {
    description:
      `一次提交多份答卷（最多 ${MAX_BATCH_RECORDS} 份，按顺序逐份保存）：每份的规则、登录要求和限流与 submitSurveyResponse 相同，各自按 clientId 只保存一次；` +
      '每份一个结果（与输入同序），出错的答卷在 error 中说明，不影响其他答卷',
    complexity: ({ args, childComplexity }) => (Array.isArray(args.inputs) ? args.inputs.length : MAX_BATCH_RECORDS) * (1 + childComplexity),
  })
  async submitSurveyResponses(
    @Ctx() context: Context,
    @Arg('inputs', () => [SubmitSurveyResponseInput], { description: `答卷，1–${MAX_BATCH_RECORDS} 份` }) inputs: SubmitSurveyResponseInput[],
  ): Promise<SubmitSurveyResponseResultType[]> {
    checkBatchSize('inputs', inputs.length);
    // Each response with an EntityManager of its own: a refused one leaves nothing behind for the next.
    const settled = await settleEach(inputs, (input) => service(context, context.em.fork()).submit(input), context.log);
    return settled.map((result, i) => ({
      clientId: inputs[i].clientId,
      receipt: result.value ? SurveyResponseReceiptType.from(result.value) : null,
      error: result.error,
    }));
  }
}
