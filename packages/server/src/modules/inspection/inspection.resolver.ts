import { rolesThatMay } from '@jixiao/domain';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import type { Upload } from '../upload/upload.entity.js';
import { InspectionKind, ReviewStatus, type Inspection } from './inspection.entity.js';
import { SubmitInspectionInput } from './inspection.input.js';
import { InspectionService } from './inspection.service.js';
import { InspectionType } from './inspection.types.js';

const FIELD_STAFF = rolesThatMay('COLLECT_EVIDENCE');
const WRITERS = rolesThatMay('MANAGE_PROJECTS');

/** GraphQL views of inspections, with their photos' metadata in one query. */
export async function toInspectionTypes(context: Context, inspections: Inspection[]): Promise<InspectionType[]> {
  const hashes = inspections.flatMap((i) => [...i.photos, ...(i.signature ? [i.signature] : [])]);
  const uploads = new Map<string, Upload>();
  (await context.loaders.uploadsBySha.loadMany(hashes)).forEach((upload, k) => {
    if (upload && !(upload instanceof Error)) uploads.set(hashes[k], upload);
  });
  return inspections.map((inspection) => InspectionType.from(inspection, uploads));
}

@Resolver(() => InspectionType)
export class InspectionResolver {
  @Authorized(FIELD_STAFF)
  @Mutation(() => InspectionType, {
    description:
      '提交维修验收或设备验收（照片先经 PUT /uploads/<sha256> 上传）。同一 clientId 重复提交只保存一次；缺少照片时报 MISSING_UPLOAD 并列出 hashes；保存后相关指标的实际值随即重算',
  })
  async submitInspection(
    @Ctx() context: Context,
    @Arg('input', () => SubmitInspectionInput, { description: '验收记录' }) input: SubmitInspectionInput,
  ): Promise<InspectionType> {
    const inspection = await new InspectionService(context.em, requireViewer(context)).submit(input);
    return (await toInspectionTypes(context, [inspection]))[0];
  }

  @Authorized(WRITERS)
  @Mutation(() => InspectionType, { description: '审核验收记录：确认，或退回（须说明原因；退回的记录不再计入指标）' })
  async reviewInspection(
    @Ctx() context: Context,
    @Arg('id', () => ID, { description: '验收记录 id' }) id: string,
    @Arg('accept', () => Boolean, { description: 'true 确认，false 退回' }) accept: boolean,
    @Arg('reason', () => String, { nullable: true, description: '退回原因' }) reason: string | null,
  ): Promise<InspectionType> {
    const inspection = await new InspectionService(context.em, requireViewer(context)).review(id, accept, reason);
    return (await toInspectionTypes(context, [inspection]))[0];
  }

  @Authorized()
  @Query(() => [InspectionType], { description: '项目的验收记录，新的在前（最多 500 条）' })
  async inspections(
    @Ctx() context: Context,
    @Arg('projectId', () => ID, { description: '项目 id' }) projectId: string,
    @Arg('kind', () => InspectionKind, { nullable: true, description: '只看某类验收' }) kind: InspectionKind | null,
    @Arg('status', () => ReviewStatus, { nullable: true, description: '只看某种审核状态' }) status: ReviewStatus | null,
  ): Promise<InspectionType[]> {
    const inspections = await new InspectionService(context.em, requireViewer(context)).list(projectId, kind ?? null, status ?? null);
    return toInspectionTypes(context, inspections);
  }
}
