import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Loaders, UploadCapture } from '../../graphql/loaders.js';
import { RecordErrorType } from '../common/record-batch.js';
import { SiteType } from '../site/site.types.js';
import { nameOf } from '../user/user.entity.js';
import { InspectionKind, ReviewStatus, type Inspection } from './inspection.entity.js';

registerEnumType(InspectionKind, {
  name: 'InspectionKind',
  description: '验收类型',
  valuesConfig: { REPAIR: { description: '维修验收' }, EQUIPMENT: { description: '设备验收' } },
});

registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: '管理人员的审核状态；被退回的验收不再计入指标',
  valuesConfig: {
    PENDING: { description: '待审核（计入指标）' },
    ACCEPTED: { description: '已确认' },
    REJECTED: { description: '已退回（不计入指标）' },
  },
});

@ObjectType('Photo', { description: '上传的照片（已去除元数据，保留拍摄时间和位置）' })
export class PhotoType {
  @Field(() => String, { description: 'SHA-256' })
  sha256!: string;

  @Field(() => String, { description: '原图地址（需带令牌请求）' })
  url!: string;

  @Field(() => String, { description: '缩略图地址（需带令牌请求）' })
  thumbnailUrl!: string;

  @Field(() => Boolean, { description: '是否已上传' })
  uploaded!: boolean;

  @Field(() => Date, { nullable: true, description: '拍摄时间：照片 EXIF 中的，或手机压缩前从原图读取后随记录提交的' })
  capturedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: '拍摄位置纬度（来源同 capturedAt）' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: '拍摄位置经度（来源同 capturedAt）' })
  longitude!: number | null;

  static from(sha256: string, upload: UploadCapture | undefined): PhotoType {
    return {
      sha256,
      url: `/uploads/${sha256}`,
      thumbnailUrl: `/uploads/${sha256}?variant=thumb`,
      uploaded: upload !== undefined,
      capturedAt: upload?.capturedAt ?? null,
      latitude: upload?.latitude ?? null,
      longitude: upload?.longitude ?? null,
    };
  }
}

@ObjectType('ChecklistLine', { description: '验收清单的一项' })
export class ChecklistLineType {
  @Field(() => String, { description: '检查项' })
  label!: string;

  @Field(() => Boolean, { description: '是否合格' })
  passed!: boolean;
}

@ObjectType('Location', { description: '位置' })
export class LocationType {
  @Field(() => Float, { description: '纬度' })
  lat!: number;

  @Field(() => Float, { description: '经度' })
  lng!: number;

  @Field(() => Float, { nullable: true, description: '精度（米）' })
  accuracy!: number | null;
}

@ObjectType('Inspection', { description: '维修验收或设备验收记录：指标的证据' })
export class InspectionType {
  @Field(() => ID, { description: '验收记录 id' })
  id!: string;

  @Field(() => ID, { description: '设备生成的唯一编号' })
  clientId!: string;

  @Field(() => ID, { description: '项目 id' })
  projectId!: string;

  @Field(() => InspectionKind, { description: '验收类型' })
  kind!: InspectionKind;

  @Field(() => SiteType, { nullable: true, description: '地点' })
  site!: SiteType | null;

  @Field(() => String, { description: '验收对象' })
  itemName!: string;

  @Field(() => String, { nullable: true, description: '设备序列号' })
  serialNumber!: string | null;

  @Field(() => [ChecklistLineType], { description: '验收清单' })
  checklist!: ChecklistLineType[];

  @Field(() => Boolean, { description: '是否合格' })
  passed!: boolean;

  @Field(() => String, { nullable: true, description: '说明' })
  note!: string | null;

  @Field(() => [PhotoType], { description: '照片' })
  photos!: PhotoType[];

  @Field(() => PhotoType, { nullable: true, description: '验收人签名' })
  signature!: PhotoType | null;

  @Field(() => LocationType, { nullable: true, description: '位置' })
  location!: LocationType | null;

  @Field(() => Date, { description: '现场记录时间' })
  capturedAt!: Date;

  @Field(() => String, { description: '提交人用户名' })
  submittedBy!: string;

  @Field(() => String, { description: '提交人姓名（真实姓名，未填写时为用户名）' })
  submittedByName!: string;

  @Field(() => Date, { description: '服务器收到的时间' })
  submittedAt!: Date;

  @Field(() => ReviewStatus, { description: '审核状态' })
  reviewStatus!: ReviewStatus;

  @Field(() => String, { nullable: true, description: '退回原因' })
  reviewReason!: string | null;

  @Field(() => String, { nullable: true, description: '审核人用户名' })
  reviewedBy!: string | null;

  @Field(() => String, { nullable: true, description: '审核人姓名（真实姓名，未填写时为用户名）' })
  reviewedByName!: string | null;

  @Field(() => Date, { nullable: true, description: '审核时间' })
  reviewedAt!: Date | null;

  /** GraphQL views of inspections, with their photos' metadata in one query. */
  static async fromMany(loaders: Loaders, inspections: Inspection[]): Promise<InspectionType[]> {
    const hashes = inspections.flatMap((i) => [...i.photos, ...(i.signature ? [i.signature] : [])]);
    const uploads = new Map<string, UploadCapture>();
    (await loaders.uploadsBySha.loadMany(hashes)).forEach((upload, k) => {
      if (upload && !(upload instanceof Error)) uploads.set(hashes[k], upload);
    });
    return inspections.map((inspection) => InspectionType.from(inspection, uploads));
  }

  static from(inspection: Inspection, uploads: Map<string, UploadCapture>): InspectionType {
    const site = inspection.site;
    return {
      id: inspection.id,
      clientId: inspection.clientId,
      projectId: inspection.project.id,
      kind: inspection.kind,
      site: site ? SiteType.from(site) : null,
      itemName: inspection.itemName,
      serialNumber: inspection.serialNumber,
      checklist: inspection.checklist,
      passed: inspection.passed,
      note: inspection.note,
      photos: inspection.photos.map((sha) => PhotoType.from(sha, uploads.get(sha))),
      signature: inspection.signature ? PhotoType.from(inspection.signature, uploads.get(inspection.signature)) : null,
      location:
        inspection.latitude !== null && inspection.longitude !== null
          ? { lat: inspection.latitude, lng: inspection.longitude, accuracy: inspection.accuracy }
          : null,
      capturedAt: inspection.capturedAt,
      submittedBy: inspection.submittedBy.username,
      submittedByName: nameOf(inspection.submittedBy),
      submittedAt: inspection.submittedAt,
      reviewStatus: inspection.reviewStatus,
      reviewReason: inspection.reviewReason,
      reviewedBy: inspection.reviewedBy?.username ?? null,
      reviewedByName: inspection.reviewedBy ? nameOf(inspection.reviewedBy) : null,
      reviewedAt: inspection.reviewedAt,
    };
  }
}

@ObjectType('SubmitInspectionResult', { description: 'submitInspections 中一条记录的结果：inspection 与 error 恰有一个' })
export class SubmitInspectionResultType {
  @Field(() => ID, { description: '这条记录的 clientId（与输入同序）' })
  clientId!: string;

  @Field(() => InspectionType, { nullable: true, description: '已保存的记录（重复提交时为先前保存的那条）' })
  inspection!: InspectionType | null;

  @Field(() => RecordErrorType, { nullable: true, description: '这条记录未保存的原因；其余记录不受影响' })
  error!: RecordErrorType | null;
}
