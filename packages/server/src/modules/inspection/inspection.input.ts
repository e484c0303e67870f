import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { InspectionKind, ReviewStatus } from './inspection.entity.js';

@InputType('ChecklistLineInput', { description: '验收清单的一项' })
export class ChecklistLineInput {
  @Field(() => String, { description: '检查项，如 "屋面防水"' })
  label!: string;

  @Field(() => Boolean, { description: '是否合格（手机上每项须逐一选择，未选择的不能提交）' })
  passed!: boolean;
}

@InputType('PhotoCaptureInput', {
  description: '手机压缩前从原图 EXIF 读取的拍摄时间与位置：压缩后的照片不再带 EXIF，服务器据此记下照片的拍摄信息（照片本身已带有的不被覆盖）',
})
export class PhotoCaptureInput {
  @Field(() => String, { description: '照片的 SHA-256，须是本条记录 photos 中的一张' })
  sha256!: string;

  @Field(() => Date, {
    nullable: true,
    description: '拍摄时间（EXIF DateTimeOriginal，按 OffsetTimeOriginal 或北京时间换算），须在 1990 年至今（可晚 1 天）之间',
  })
  capturedAt?: Date | null;

  @Field(() => Float, { nullable: true, description: '拍摄位置纬度（-90 到 90）；须与经度同时给出' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: '拍摄位置经度（-180 到 180）；须与纬度同时给出' })
  longitude?: number | null;
}

@InputType('LocationInput', { description: '拍摄或验收时的位置' })
export class LocationInput {
  @Field(() => Float, { description: '纬度（-90 到 90）' })
  lat!: number;

  @Field(() => Float, { description: '经度（-180 到 180）' })
  lng!: number;

  @Field(() => Float, { nullable: true, description: '精度（米）' })
  accuracy?: number | null;
}

@InputType('SubmitInspectionInput', { description: '一次维修验收或设备验收' })
export class SubmitInspectionInput {
  @Field(() => ID, { description: '设备在打开表单时生成的唯一编号（UUID）：重复提交只保存一次，内容不同则报 CONFLICT' })
  clientId!: string;

  @Field(() => ID, { description: '项目 id' })
  projectId!: string;

  @Field(() => InspectionKind, { description: '维修验收或设备验收' })
  kind!: InspectionKind;

  @Field(() => ID, { nullable: true, description: '地点（派出法庭、科技法庭、办公室）id' })
  siteId?: string | null;

  @Field(() => String, { description: '验收对象，如 "大孟庄法庭屋面" 或设备名称' })
  itemName!: string;

  @Field(() => String, { nullable: true, description: '设备序列号' })
  serialNumber?: string | null;

  @Field(() => [ChecklistLineInput], { nullable: true, description: '验收清单' })
  checklist?: ChecklistLineInput[] | null;

  @Field(() => Boolean, { description: '总体结论：是否合格；清单中有不合格项时不能为合格（BAD_USER_INPUT，field 为 input.passed）' })
  passed!: boolean;

  @Field(() => String, { nullable: true, description: '说明；不合格时必填' })
  note?: string | null;

  @Field(() => [String], { description: '已上传照片的 SHA-256；维修验收至少一张' })
  photos!: string[];

  @Field(() => String, {
    nullable: true,
    description: '验收人签名图片的 SHA-256（图片先经 PUT /uploads/<sha256> 上传）；项目要求签名（Project.requireSignature）时必填',
  })
  signature?: string | null;

  @Field(() => [PhotoCaptureInput], { nullable: true, description: '手机压缩前从原图 EXIF 读取的拍摄时间与位置，每张照片至多一项' })
  photoCaptures?: PhotoCaptureInput[] | null;

  @Field(() => LocationInput, { nullable: true, description: '位置（获得授权时）' })
  location?: LocationInput | null;

  @Field(() => Date, { description: '在现场记录的时间' })
  capturedAt!: Date;
}

@ArgsType()
export class InspectionsArgs {
  @Field(() => ID, { description: '项目 id' })
  projectId!: string;

  @Field(() => InspectionKind, { nullable: true, description: '只看某类验收' })
  kind?: InspectionKind | null;

  @Field(() => ReviewStatus, { nullable: true, description: '只看某种审核状态' })
  status?: ReviewStatus | null;
}

@ArgsType()
export class ReviewInspectionArgs {
  @Field(() => ID, { description: '验收记录 id' })
  id!: string;

  @Field(() => Boolean, { description: 'true 确认，false 退回' })
  accept!: boolean;

  @Field(() => String, { nullable: true, description: '退回原因' })
  reason?: string | null;
}
