import { rolesThatMay } from '@jixiao/domain';
import { Args, Authorized, Ctx, Mutation, Query, Resolver, Arg } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentViewer } from '../../graphql/current-viewer.js';
import type { Viewer } from '../auth/auth.service.js';
import { InspectionsArgs, ReviewInspectionArgs, SubmitInspectionInput } from './inspection.input.js';
import { InspectionService } from './inspection.service.js';
import { checkBatchSize, MAX_BATCH_RECORDS, settleEach } from '../common/record-batch.js';
import { InspectionType, SubmitInspectionResultType } from './inspection.types.js';

const FIELD_STAFF = rolesThatMay('COLLECT_EVIDENCE');
const WRITERS = rolesThatMay('MANAGE_PROJECTS');

@Resolver(() => InspectionType)
export class InspectionResolver {
  @Authorized(FIELD_STAFF)
  @Mutation(() => InspectionType, {
    description:
      '提交维修验收或设备验收（照片先经 PUT /uploads/<sha256> 上传）。同一 clientId 重复提交只保存一次；缺少照片时报 MISSING_UPLOAD 并列出 hashes；保存后相关指标的实际值随即重算',
  })
  async submitInspection(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('input', () => SubmitInspectionInput, { description: '验收记录' }) input: SubmitInspectionInput,
  ): Promise<InspectionType> {
    const inspection = await new InspectionService(context.em, viewer).submit(input);
    return (await InspectionType.fromMany(context.loaders, [inspection]))[0];
  }

  @Authorized(FIELD_STAFF)
  @Mutation(() => [SubmitInspectionResultType], {
    description:
      `一次提交多条验收记录（最多 ${MAX_BATCH_RECORDS} 条，按顺序逐条保存）：每条的规则与 submitInspection 相同，各自按 clientId 只保存一次；` +
      '每条记录一个结果（与输入同序），出错的记录在 error 中说明（MISSING_UPLOAD 列出 hashes），不影响其他记录',
    complexity: ({ args, childComplexity }) => (Array.isArray(args.inputs) ? args.inputs.length : MAX_BATCH_RECORDS) * (1 + childComplexity),
  })
  async submitInspections(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg('inputs', () => [SubmitInspectionInput], { description: `验收记录，1–${MAX_BATCH_RECORDS} 条` }) inputs: SubmitInspectionInput[],
  ): Promise<SubmitInspectionResultType[]> {
    checkBatchSize('inputs', inputs.length);
    // Each record with an EntityManager of its own: a refused one leaves nothing behind for the next.
    const settled = await settleEach(inputs, (input) => new InspectionService(context.em.fork(), viewer).submit(input), context.log);
    const stored = settled.flatMap((result) => (result.value ? [result.value] : []));
    const views = new Map((await InspectionType.fromMany(context.loaders, stored)).map((view) => [view.clientId, view]));
    return settled.map((result, i) => ({
      clientId: inputs[i].clientId,
      inspection: result.value ? (views.get(result.value.clientId) ?? null) : null,
      error: result.error,
    }));
  }

  @Authorized(WRITERS)
  @Mutation(() => InspectionType, { description: '审核验收记录：确认，或退回（须说明原因；退回的记录不再计入指标）' })
  async reviewInspection(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Args(() => ReviewInspectionArgs) { id, accept, reason }: ReviewInspectionArgs,
  ): Promise<InspectionType> {
    const inspection = await new InspectionService(context.em, viewer).review(id, accept, reason ?? null);
    return (await InspectionType.fromMany(context.loaders, [inspection]))[0];
  }

  @Authorized()
  @Query(() => [InspectionType], { description: '项目的验收记录，新的在前（最多 500 条）' })
  async inspections(
    @Ctx() context: Context,
    @CurrentViewer() viewer: Viewer,
    @Args(() => InspectionsArgs) { projectId, kind, status }: InspectionsArgs,
  ): Promise<InspectionType[]> {
    const inspections = await new InspectionService(context.em, viewer).list(projectId, kind ?? null, status ?? null);
    return InspectionType.fromMany(context.loaders, inspections);
  }
}
