/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
};

/** 实际完成值的来源 */
export type ActualSource =
  /** 由现场证据（验收、问卷、支出）推算 */
  | 'EVIDENCE'
  /** 从导入的自评表读出 */
  | 'IMPORT'
  /** 手工录入 */
  | 'MANUAL';

/** 验收清单的一项 */
export type ChecklistLineInput = {
  /** 检查项，如 "屋面防水" */
  label: Scalars['String']['input'];
  /** 是否合格（手机上每项须逐一选择，未选择的不能提交） */
  passed: Scalars['Boolean']['input'];
};

/** 新设备 */
export type CreateEquipmentItemInput = {
  /** 资产编号 */
  assetTag?: InputMaybe<Scalars['String']['input']>;
  /** 型号 */
  model?: InputMaybe<Scalars['String']['input']>;
  /** 设备名称 */
  name: Scalars['String']['input'];
  /** 项目 id */
  projectId: Scalars['ID']['input'];
  /** 序列号 */
  serialNumber?: InputMaybe<Scalars['String']['input']>;
};

/** 新单位 */
export type CreateOrganizationInput = {
  /** 单位编码，如 "218102"：全库唯一 */
  code: Scalars['String']['input'];
  /** 单位名称 */
  name: Scalars['String']['input'];
  /** 上级单位编码：须为本人所属单位或其下级单位 */
  parentCode: Scalars['String']['input'];
};

/** 新地点。手机离线时也可新建（与验收记录一同排队）：设备生成 id，重复提交同一 id、同样内容返回该地点，内容不同报 CONFLICT；该单位已有同名地点时返回已有的地点（其 id 可能与所给的不同，设备此后应使用返回的 id） */
export type CreateSiteInput = {
  /** 地址（最长 200 个字符） */
  address?: InputMaybe<Scalars['String']['input']>;
  /** 设备生成的地点 id（UUID），离线新建时用于去重；不给则由服务器生成 */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** 类型 */
  kind: SiteKind;
  /** 名称，如 "大孟庄法庭"（最长 100 个字符）；同一单位内不重复 */
  name: Scalars['String']['input'];
  /** 所属单位编码 */
  orgCode: Scalars['String']['input'];
};

/** 新问卷 */
export type CreateSurveyInput = {
  /** 调查对象 */
  audience: SurveyAudience;
  /** 停止收集答卷的时间（不含），须晚于开始时间 */
  closesAt: Scalars['DateTimeISO']['input'];
  /** 同时生成的一次性问卷码个数（0–1000）；以后也可用 generateSurveyCodes 追加 */
  codeCount?: InputMaybe<Scalars['Int']['input']>;
  /** 问卷统计的指标 id（如“干警满意度”）；指标来源为 SURVEY 时，满意率即为其实际完成值 */
  indicatorId: Scalars['ID']['input'];
  /** 公开链接上每台设备至多提交的答卷数（0–100，0 为不限），默认 1：同一设备再次作答报 CONFLICT（field 为 input.deviceToken）。带问卷码的答卷不受此限 */
  maxResponsesPerDevice?: InputMaybe<Scalars['Int']['input']>;
  /** 满意率的计算方法，默认 TOP_TWO */
  method?: InputMaybe<SatisfactionMethod>;
  /** 开始收集答卷的时间 */
  opensAt: Scalars['DateTimeISO']['input'];
  /** 公开链接上每个网络地址每分钟至多接受的答卷数（1–1000），默认 5；超出报 TOO_MANY_REQUESTS。全体干警在同一办公网络集中作答时调高，或改用问卷码、现场代答 */
  perAddressPerMinute?: InputMaybe<Scalars['Int']['input']>;
  /** 公开链接上整份问卷每分钟至多接受的答卷数（1–10000），默认 60；超出报 TOO_MANY_REQUESTS */
  perSurveyPerMinute?: InputMaybe<Scalars['Int']['input']>;
  /** 题目，按顺序（1–100 道）；题目 id 由服务器按顺序编为 q1、q2 … */
  questions: Array<SurveyQuestionInput>;
  /** 通过公开链接作答是否必须填写一次性问卷码，默认否。推荐：问卷码是防止刷票最可靠的办法（每码一份答卷，名单上的人各发一个）；不用码时只靠设备和网络地址限制 */
  requireCode?: InputMaybe<Scalars['Boolean']['input']>;
  /** 问卷标题，最长 200 字 */
  title: Scalars['String']['input'];
};

/** 新用户 */
export type CreateUserInput = {
  /** 真实姓名，报表中显示 */
  displayName: Scalars['String']['input'];
  /** 所属单位编码：须为本人所属单位或其下级单位 */
  orgCode: Scalars['String']['input'];
  /** 初始密码，至少 8 位；不给则生成一个，只在结果中返回这一次 */
  password?: InputMaybe<Scalars['String']['input']>;
  /** 角色 */
  role: UserRole;
  /** 用户名（登录名）：2–64 个字母、数字、汉字或 _ . - */
  username: Scalars['String']['input'];
};

/** 预算（万元） */
export type ImportBudgetInput = {
  /** 上年结转 */
  carryover?: InputMaybe<Scalars['Float']['input']>;
  /** 财政资金 */
  fiscal: Scalars['Float']['input'];
  /** 其他资金 */
  other?: InputMaybe<Scalars['Float']['input']>;
  /** 预算数 */
  total: Scalars['Float']['input'];
};

/** 保存的一个指标 */
export type ImportIndicatorInput = {
  /** 自评表中的实际完成值：保存为该指标的实际值（来源 IMPORT）；与当前实际值相同时不再保存 */
  actual?: InputMaybe<Scalars['String']['input']>;
  /** 绩效指标描述 */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 一级指标 */
  level1: Scalars['String']['input'];
  /** 二级指标 */
  level2: Scalars['String']['input'];
  /** 三级指标 */
  name: Scalars['String']['input'];
  /** 指标值 */
  target: TargetInput;
};

/** 保存的一张表（预览中的表，可已修改） */
export type ImportTableInput = {
  /** 预算 */
  budget: ImportBudgetInput;
  /** 绩效目标 */
  goals?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 指标 */
  indicators: Array<ImportIndicatorInput>;
  /** PROJECT 或 DEPARTMENT */
  kind?: InputMaybe<Scalars['String']['input']>;
  /** 项目负责人 */
  leader?: InputMaybe<Scalars['String']['input']>;
  /** 项目名称 */
  name: Scalars['String']['input'];
  /** 单位编码（预览中选择的单位） */
  orgCode: Scalars['String']['input'];
  /** 单位名称（新单位时使用） */
  orgName?: InputMaybe<Scalars['String']['input']>;
  /** 实施期 */
  period?: InputMaybe<Scalars['String']['input']>;
  /** 资金用途 */
  purpose?: InputMaybe<Scalars['String']['input']>;
  /** 表号 */
  tableNumber: Scalars['Int']['input'];
  /** 表名 */
  title?: InputMaybe<Scalars['String']['input']>;
  /** 预算年度 */
  year: Scalars['Int']['input'];
};

/** 实际值的来源：手工录入，或由现场证据（验收、问卷、支出）推算 */
export type IndicatorSource =
  /** 最后一次验收合格的日期 */
  | 'COMPLETION_DATE'
  /** 验收合格的设备数 */
  | 'EQUIPMENT_COUNT'
  /** 手工录入 */
  | 'MANUAL'
  /** 验收合格率 */
  | 'PASS_RATE'
  /** 有合格维修验收的地点数：地点（无地点时为验收对象）计一次，同一处返工不重复计 */
  | 'REPAIR_COUNT'
  /** 支出合计 */
  | 'SPENDING'
  /** 满意度问卷的满意率 */
  | 'SURVEY';

/** 一个指标的分值 */
export type IndicatorWeightInput = {
  /** 指标 id */
  indicatorId: Scalars['ID']['input'];
  /** 分值；为空则恢复为一级指标内平均分配 */
  weight?: InputMaybe<Scalars['Float']['input']>;
};

/** 验收类型 */
export type InspectionKind =
  /** 设备验收 */
  | 'EQUIPMENT'
  /** 维修验收 */
  | 'REPAIR';

/** 拍摄或验收时的位置 */
export type LocationInput = {
  /** 精度（米） */
  accuracy?: InputMaybe<Scalars['Float']['input']>;
  /** 纬度（-90 到 90） */
  lat: Scalars['Float']['input'];
  /** 经度（-180 到 180） */
  lng: Scalars['Float']['input'];
};

/** 手机压缩前从原图 EXIF 读取的拍摄时间与位置：压缩后的照片不再带 EXIF，服务器据此记下照片的拍摄信息（照片本身已带有的不被覆盖） */
export type PhotoCaptureInput = {
  /** 拍摄时间（EXIF DateTimeOriginal，按 OffsetTimeOriginal 或北京时间换算），须在 1990 年至今（可晚 1 天）之间 */
  capturedAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** 拍摄位置纬度（-90 到 90）；须与经度同时给出 */
  latitude?: InputMaybe<Scalars['Float']['input']>;
  /** 拍摄位置经度（-180 到 180）；须与纬度同时给出 */
  longitude?: InputMaybe<Scalars['Float']['input']>;
  /** 照片的 SHA-256，须是本条记录 photos 中的一张 */
  sha256: Scalars['String']['input'];
};

/** 项目类型 */
export type ProjectKind =
  /** 部门整体支出绩效目标表（部门整体支出，每单位每年一个） */
  | 'DEPARTMENT'
  /** 项目支出绩效目标表 */
  | 'PROJECT';

/** 一次实际完成值 */
export type RecordActualInput = {
  /** 设备生成的唯一编号：重复提交同一记录只保存一次 */
  clientId?: InputMaybe<Scalars['String']['input']>;
  /** 指标 id */
  indicatorId: Scalars['ID']['input'];
  /** 备注 */
  note?: InputMaybe<Scalars['String']['input']>;
  /** 等级内的得分比例（占分值的比例），如达成 0.9 */
  ratio?: InputMaybe<Scalars['Float']['input']>;
  /** 定性指标的达成等级（时限指标逾期时也可用来酌情给分） */
  tier?: InputMaybe<Tier>;
  /** 实际完成值，照常写法：如 "5个"、"96%"、"28.5万元"、"2023-09-20" */
  value?: InputMaybe<Scalars['String']['input']>;
};

/** 一笔支出 */
export type RecordSpendingInput = {
  /** 金额（万元），大于 0 */
  amount: Scalars['Float']['input'];
  /** 设备生成的唯一编号：重复提交同一记录只保存一次 */
  clientId?: InputMaybe<Scalars['String']['input']>;
  /** 支出日期，如 "2023-09-20" 或 "2023年9月20日" */
  date: Scalars['String']['input'];
  /** 备注 */
  note?: InputMaybe<Scalars['String']['input']>;
  /** 项目 id */
  projectId: Scalars['ID']['input'];
};

/** 答卷的收集方式 */
export type ResponseChannel =
  /** 现场代答：登录的工作人员把手机交给受访人作答，答卷记录采集人 */
  | 'KIOSK'
  /** 公开链接或二维码（/s/<token>）：受访人用自己的手机作答，无需登录 */
  | 'PUBLIC';

/** 管理人员的审核状态；被退回的验收不再计入指标 */
export type ReviewStatus =
  /** 已确认 */
  | 'ACCEPTED'
  /** 待审核（计入指标） */
  | 'PENDING'
  /** 已退回（不计入指标） */
  | 'REJECTED';

/** 满意率的计算方法 */
export type SatisfactionMethod =
  /** （非常满意 + 满意 + 基本满意）/ 有效答卷数 */
  | 'TOP_THREE'
  /** （非常满意 + 满意）/ 有效答卷数（默认） */
  | 'TOP_TWO'
  /** 加权指数：非常满意 100、满意 80、基本满意 60、不满意 40、非常不满意 0 分的平均分 */
  | 'WEIGHTED';

/** 地点类型 */
export type SiteKind =
  /** 派出法庭 */
  | 'DISPATCHED_TRIBUNAL'
  /** 办公室 */
  | 'OFFICE'
  /** 其他 */
  | 'OTHER'
  /** 科技法庭 */
  | 'TECH_COURT';

/** 一次维修验收或设备验收 */
export type SubmitInspectionInput = {
  /** 在现场记录的时间 */
  capturedAt: Scalars['DateTimeISO']['input'];
  /** 验收清单 */
  checklist?: InputMaybe<Array<ChecklistLineInput>>;
  /** 设备在打开表单时生成的唯一编号（UUID）：重复提交只保存一次，内容不同则报 CONFLICT */
  clientId: Scalars['ID']['input'];
  /** 验收对象，如 "大孟庄法庭屋面" 或设备名称 */
  itemName: Scalars['String']['input'];
  /** 维修验收或设备验收 */
  kind: InspectionKind;
  /** 位置（获得授权时） */
  location?: InputMaybe<LocationInput>;
  /** 说明；不合格时必填 */
  note?: InputMaybe<Scalars['String']['input']>;
  /** 总体结论：是否合格；清单中有不合格项时不能为合格（BAD_USER_INPUT，field 为 input.passed） */
  passed: Scalars['Boolean']['input'];
  /** 手机压缩前从原图 EXIF 读取的拍摄时间与位置，每张照片至多一项 */
  photoCaptures?: InputMaybe<Array<PhotoCaptureInput>>;
  /** 已上传照片的 SHA-256；维修验收至少一张 */
  photos: Array<Scalars['String']['input']>;
  /** 项目 id */
  projectId: Scalars['ID']['input'];
  /** 设备序列号 */
  serialNumber?: InputMaybe<Scalars['String']['input']>;
  /** 验收人签名图片的 SHA-256（图片先经 PUT /uploads/<sha256> 上传）；项目要求签名（Project.requireSignature）时必填 */
  signature?: InputMaybe<Scalars['String']['input']>;
  /** 地点（派出法庭、科技法庭、办公室）id */
  siteId?: InputMaybe<Scalars['ID']['input']>;
};

/** 一份答卷。现场代答：登录（ADMIN、MANAGER 或 INSPECTOR）并填 surveyId；公开链接：不登录，填 token（及问卷码） */
export type SubmitSurveyResponseInput = {
  /** 回答，每道题至多一条；必答题都要回答 */
  answers: Array<SurveyAnswerInput>;
  /** 设备在打开问卷时生成的唯一编号（UUID）：重复提交同一答卷只保存一次，内容不同则报 CONFLICT */
  clientId: Scalars['ID']['input'];
  /** 一次性问卷码：问卷要求时必填；大小写、空格和连字符不计。每个码只能用一次 */
  code?: InputMaybe<Scalars['String']['input']>;
  /** 受访人在设备上提交答卷的时间。服务器收到时问卷须在收集时间内；现场代答的答卷若是离线采集、问卷截止后才同步，只要采集时间在收集时间内也接受。不得晚于服务器时间 5 分钟以上 */
  collectedAt: Scalars['DateTimeISO']['input'];
  /** 设备标识：公开链接作答时必填，取自 publicSurvey.deviceToken（设备保存后每次作答都用同一个）；现场代答不填 */
  deviceToken?: InputMaybe<Scalars['String']['input']>;
  /** 问卷 id：现场代答时填写（需登录），与 token 二选一 */
  surveyId?: InputMaybe<Scalars['ID']['input']>;
  /** 公开链接的令牌（/s/<token>）：受访人自己作答时填写（无需登录），与 surveyId 二选一 */
  token?: InputMaybe<Scalars['String']['input']>;
};

/** 对一道题的回答 */
export type SurveyAnswerInput = {
  /** 题目 id（如 "q1"） */
  questionId: Scalars['ID']['input'];
  /** 回答：满意度题为五个等级之一（非常满意、满意、基本满意、不满意、非常不满意），单选题为选项之一，文字题为文字（最长 2000 字）；空文本视为未回答 */
  value: Scalars['String']['input'];
};

/** 问卷的调查对象 */
export type SurveyAudience =
  /** 受救助人 */
  | 'AID_RECIPIENTS'
  /** 设备使用人员 */
  | 'EQUIPMENT_USERS'
  /** 干警 */
  | 'OFFICERS';

/** 一道题 */
export type SurveyQuestionInput = {
  /** 题型；问卷至少要有一道满意度题（第一道满意度题计入满意率） */
  kind: SurveyQuestionKind;
  /** 单选题的选项（2–50 个，互不相同，每个最长 200 字）；其他题型不填 */
  options?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 是否必答，默认必答 */
  required?: InputMaybe<Scalars['Boolean']['input']>;
  /** 题目文字，最长 500 字 */
  text: Scalars['String']['input'];
};

/** 题型 */
export type SurveyQuestionKind =
  /** 满意度五级量表：非常满意、满意、基本满意、不满意、非常不满意；问卷的第一道满意度题计入满意率 */
  | 'SATISFACTION'
  /** 单选题：从题目给出的选项中选一项 */
  | 'SINGLE_CHOICE'
  /** 文字题：自由填写，最长 2000 字 */
  | 'TEXT';

/** 修改后的指标值 */
export type TargetInput = {
  /** 比较符：>= > <= < = between */
  comparator?: InputMaybe<Scalars['String']['input']>;
  /** 截止日期 YYYY-MM-DD */
  deadline?: InputMaybe<Scalars['String']['input']>;
  /** quantitative、deadline 或 qualitative */
  kind: Scalars['String']['input'];
  /** 区间上限 */
  max?: InputMaybe<Scalars['Float']['input']>;
  /** 说明 */
  note?: InputMaybe<Scalars['String']['input']>;
  /** 指标值原文 */
  raw: Scalars['String']['input'];
  /** 期间开始日期 */
  start?: InputMaybe<Scalars['String']['input']>;
  /** 偏差上限 */
  tolerance?: InputMaybe<Scalars['Boolean']['input']>;
  /** 单位 */
  unit?: InputMaybe<Scalars['String']['input']>;
  /** 目标数值 */
  value?: InputMaybe<Scalars['Float']['input']>;
  /** 完成率低于此比例不得分 */
  zeroBelow?: InputMaybe<Scalars['Float']['input']>;
};

/** 指标值类型 */
export type TargetKind =
  /** 时限：截止日期，如 "2023年10月前" */
  | 'DEADLINE'
  /** 定性：由评价人选择达成等级，如 "显著提升审判质效" */
  | 'QUALITATIVE'
  /** 定量：比较符 + 数值 + 单位，如 "≥95%" */
  | 'QUANTITATIVE';

/** 定性指标的达成等级 */
export type Tier =
  /** 达成：得分比例 0.8–1 */
  | 'ACHIEVED'
  /** 未达成：得分比例 0–0.6 */
  | 'NOT_ACHIEVED'
  /** 部分达成：得分比例 0.6–0.8 */
  | 'PARTIAL';

/** 修改设备信息；未给出的字段保持不变，空字符串清除（名称除外） */
export type UpdateEquipmentItemInput = {
  /** 资产编号 */
  assetTag?: InputMaybe<Scalars['String']['input']>;
  /** 设备 id */
  id: Scalars['ID']['input'];
  /** 型号 */
  model?: InputMaybe<Scalars['String']['input']>;
  /** 设备名称（不能为空） */
  name?: InputMaybe<Scalars['String']['input']>;
  /** 序列号 */
  serialNumber?: InputMaybe<Scalars['String']['input']>;
};

/** 项目设置；未给出的设置保持不变 */
export type UpdateProjectSettingsInput = {
  /** 项目 id */
  projectId: Scalars['ID']['input'];
  /** 验收记录是否须有验收人签名 */
  requireSignature?: InputMaybe<Scalars['Boolean']['input']>;
};

/** 修改地点；未给出的字段保持不变 */
export type UpdateSiteInput = {
  /** 地址（最长 200 个字符）；空字符串清除地址 */
  address?: InputMaybe<Scalars['String']['input']>;
  /** 地点 id */
  id: Scalars['ID']['input'];
  /** 类型 */
  kind?: InputMaybe<SiteKind>;
  /** 名称（最长 100 个字符）；同一单位内不重复，重名报 CONFLICT */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** 角色 */
export type UserRole =
  /** 管理员：管理本单位及下级单位的一切 */
  | 'ADMIN'
  /** 现场人员：维修、设备验收和问卷 */
  | 'INSPECTOR'
  /** 管理人员：导入目标表、录入实际值和支出、设定分值 */
  | 'MANAGER'
  /** 只读 */
  | 'VIEWER';

export type SessionUserFragment = { id: string, username: string, role: UserRole, orgCode: string, orgName: string };

export type LoginMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type LoginMutation = { login: { token: string, user: { id: string, username: string, role: UserRole, orgCode: string, orgName: string } } };

export type ChangePasswordMutationVariables = Exact<{
  oldPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type ChangePasswordMutation = { changePassword: { token: string, user: { id: string, username: string, role: UserRole, orgCode: string, orgName: string } } };

export type ReferenceIndicatorFragment = { id: string, level1: string, level2: string, name: string, description: string, source: IndicatorSource, notApplicable: boolean, deviationNote: string | null, weight: number, target: { raw: string, kind: TargetKind, comparator: string | null, value: string | null, max: string | null, unit: string | null, deadline: string | null, tolerance: boolean, rule: { zeroBelow: number } | null }, actual: { value: string | null, tier: Tier | null, ratio: number | null, note: string | null, recordedAt: string, recordedBy: string | null } | null, progress: { completionRate: number | null, score: number | null, met: boolean | null, deviationNoteRequired: boolean } };

export type ReferenceProjectFragment = { id: string, name: string, orgCode: string, orgName: string, year: number, tableNumber: number | null, purpose: string, goals: Array<string>, requireSignature: boolean, spent: number, budget: { total: number, fiscal: number, other: number }, evaluation: { score: number, grade: string, executionRate: number | null, executionScore: number, missing: number, complete: boolean }, indicators: Array<{ id: string, level1: string, level2: string, name: string, description: string, source: IndicatorSource, notApplicable: boolean, deviationNote: string | null, weight: number, target: { raw: string, kind: TargetKind, comparator: string | null, value: string | null, max: string | null, unit: string | null, deadline: string | null, tolerance: boolean, rule: { zeroBelow: number } | null }, actual: { value: string | null, tier: Tier | null, ratio: number | null, note: string | null, recordedAt: string, recordedBy: string | null } | null, progress: { completionRate: number | null, score: number | null, met: boolean | null, deviationNoteRequired: boolean } }> };

export type ReferenceSiteFragment = { id: string, name: string, kind: SiteKind, address: string | null, orgCode: string };

export type ReferenceEquipmentItemFragment = { id: string, projectId: string, name: string, model: string | null, serialNumber: string | null, assetTag: string | null };

export type SurveyQuestionFieldsFragment = { id: string, kind: SurveyQuestionKind, text: string, options: Array<string>, required: boolean };

export type ReferenceSurveyFragment = { id: string, title: string, audience: SurveyAudience, opensAt: string, closesAt: string, isOpen: boolean, questions: Array<{ id: string, kind: SurveyQuestionKind, text: string, options: Array<string>, required: boolean }>, indicator: { id: string, name: string } };

export type ReferenceProjectsQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
  withSites: Scalars['Boolean']['input'];
}>;


export type ReferenceProjectsQuery = { sites?: Array<{ id: string, name: string, kind: SiteKind, address: string | null, orgCode: string }>, projects: { nodes: Array<{ id: string, name: string, orgCode: string, orgName: string, year: number, tableNumber: number | null, purpose: string, goals: Array<string>, requireSignature: boolean, spent: number, equipmentItems: Array<{ id: string, projectId: string, name: string, model: string | null, serialNumber: string | null, assetTag: string | null }>, surveys: Array<{ id: string, title: string, audience: SurveyAudience, opensAt: string, closesAt: string, isOpen: boolean, questions: Array<{ id: string, kind: SurveyQuestionKind, text: string, options: Array<string>, required: boolean }>, indicator: { id: string, name: string } }>, budget: { total: number, fiscal: number, other: number }, evaluation: { score: number, grade: string, executionRate: number | null, executionScore: number, missing: number, complete: boolean }, indicators: Array<{ id: string, level1: string, level2: string, name: string, description: string, source: IndicatorSource, notApplicable: boolean, deviationNote: string | null, weight: number, target: { raw: string, kind: TargetKind, comparator: string | null, value: string | null, max: string | null, unit: string | null, deadline: string | null, tolerance: boolean, rule: { zeroBelow: number } | null }, actual: { value: string | null, tier: Tier | null, ratio: number | null, note: string | null, recordedAt: string, recordedBy: string | null } | null, progress: { completionRate: number | null, score: number | null, met: boolean | null, deviationNoteRequired: boolean } }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ActualRecordFragment = { value: string | null, tier: Tier | null, ratio: number | null, note: string | null, recordedAt: string, recordedBy: string | null };

export type EvidencePhotoFragment = { sha256: string, thumbnailUrl: string, url: string, uploaded: boolean };

export type EvidenceInspectionFragment = { id: string, kind: InspectionKind, itemName: string, serialNumber: string | null, passed: boolean, note: string | null, capturedAt: string, submittedBy: string, reviewStatus: ReviewStatus, reviewReason: string | null, site: { id: string, name: string } | null, checklist: Array<{ label: string, passed: boolean }>, photos: Array<{ sha256: string, thumbnailUrl: string, url: string, uploaded: boolean }>, signature: { sha256: string, thumbnailUrl: string, url: string, uploaded: boolean } | null, location: { lat: number, lng: number, accuracy: number | null } | null };

export type IndicatorEvidenceQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IndicatorEvidenceQuery = { indicator: { id: string, actual: { value: string | null, tier: Tier | null, ratio: number | null, note: string | null, recordedAt: string, recordedBy: string | null, history: Array<{ value: string | null, tier: Tier | null, ratio: number | null, note: string | null, recordedAt: string, recordedBy: string | null }> } | null, evidence: { source: IndicatorSource, derivedAt: string, surveyId: string | null, fromSpending: boolean, inspections: Array<{ id: string, kind: InspectionKind, itemName: string, serialNumber: string | null, passed: boolean, note: string | null, capturedAt: string, submittedBy: string, reviewStatus: ReviewStatus, reviewReason: string | null, site: { id: string, name: string } | null, checklist: Array<{ label: string, passed: boolean }>, photos: Array<{ sha256: string, thumbnailUrl: string, url: string, uploaded: boolean }>, signature: { sha256: string, thumbnailUrl: string, url: string, uploaded: boolean } | null, location: { lat: number, lng: number, accuracy: number | null } | null }> } | null } };

export type PublicSurveyQueryVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type PublicSurveyQuery = { publicSurvey: { title: string, audience: SurveyAudience, opensAt: string, closesAt: string, isOpen: boolean, requireCode: boolean, maxResponsesPerDevice: number, deviceToken: string, questions: Array<{ id: string, kind: SurveyQuestionKind, text: string, options: Array<string>, required: boolean }> } };

export type SubmitInspectionMutationVariables = Exact<{
  input: SubmitInspectionInput;
}>;


export type SubmitInspectionMutation = { submitInspection: { id: string, clientId: string } };

export type SubmitSurveyResponseMutationVariables = Exact<{
  input: SubmitSurveyResponseInput;
}>;


export type SubmitSurveyResponseMutation = { submitSurveyResponse: { id: string, clientId: string } };

export type RecordErrorFieldsFragment = { code: string, message: string, field: string | null, hashes: Array<string> | null, retryAfterSeconds: number | null };

export type SubmitInspectionsMutationVariables = Exact<{
  inputs: Array<SubmitInspectionInput> | SubmitInspectionInput;
}>;


export type SubmitInspectionsMutation = { submitInspections: Array<{ clientId: string, inspection: { id: string } | null, error: { code: string, message: string, field: string | null, hashes: Array<string> | null, retryAfterSeconds: number | null } | null }> };

export type SubmitSurveyResponsesMutationVariables = Exact<{
  inputs: Array<SubmitSurveyResponseInput> | SubmitSurveyResponseInput;
}>;


export type SubmitSurveyResponsesMutation = { submitSurveyResponses: Array<{ clientId: string, receipt: { id: string } | null, error: { code: string, message: string, field: string | null, hashes: Array<string> | null, retryAfterSeconds: number | null } | null }> };

export type CreateSiteMutationVariables = Exact<{
  input: CreateSiteInput;
}>;


export type CreateSiteMutation = { createSite: { id: string, name: string, kind: SiteKind, address: string | null, orgCode: string } };

export type RecordActualMutationVariables = Exact<{
  input: RecordActualInput;
}>;


export type RecordActualMutation = { recordActual: { id: string } };

export type RecordSpendingMutationVariables = Exact<{
  input: RecordSpendingInput;
}>;


export type RecordSpendingMutation = { recordSpending: { id: string } };

export type DashboardOrganizationsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardOrganizationsQuery = { organizations: Array<{ code: string, name: string, parentCode: string | null }> };

export type DashboardProjectRowFragment = { id: string, name: string, orgName: string, year: number, spent: number, budget: { total: number }, evaluation: { score: number, grade: string, executionRate: number | null, missing: number }, spendings: Array<{ date: string, amount: number }> };

export type DashboardQueryVariables = Exact<{
  orgCode: Scalars['String']['input'];
  year: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  withSummary: Scalars['Boolean']['input'];
}>;


export type DashboardQuery = { organizationSummary?: { orgCode: string, orgName: string, year: number, projectCount: number, budget: number, spent: number, executionRate: number | null, averageScore: number | null, incompleteProjects: number, grades: { excellent: number, good: number, fair: number, poor: number } }, projects: { nodes: Array<{ id: string, name: string, orgName: string, year: number, spent: number, budget: { total: number }, evaluation: { score: number, grade: string, executionRate: number | null, missing: number }, spendings: Array<{ date: string, amount: number }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DashboardIndicatorRowFragment = { id: string, name: string, level1: string, notApplicable: boolean, target: { raw: string }, actual: { value: string | null, tier: Tier | null } | null, progress: { completionRate: number | null } };

export type SurveyResultsFieldsFragment = { surveyId: string, responseCount: number, satisfactionRate: number | null, questions: Array<{ questionId: string, kind: SurveyQuestionKind, text: string, answeredCount: number, counts: Array<{ option: string, count: number }> }> };

export type DashboardProjectQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DashboardProjectQuery = { project: { id: string, indicators: Array<{ id: string, name: string, level1: string, notApplicable: boolean, target: { raw: string }, actual: { value: string | null, tier: Tier | null } | null, progress: { completionRate: number | null } }>, surveys: Array<{ id: string, title: string, results: { surveyId: string, responseCount: number, satisfactionRate: number | null, questions: Array<{ questionId: string, kind: SurveyQuestionKind, text: string, answeredCount: number, counts: Array<{ option: string, count: number }> }> } }> } };

export type ImportMessageFieldsFragment = { table: number | null, line: number | null, cell: string | null, sheet: string | null, message: string };

export type PreviewTargetTablesQueryVariables = Exact<{
  text?: InputMaybe<Scalars['String']['input']>;
  file?: InputMaybe<Scalars['String']['input']>;
  fileName?: InputMaybe<Scalars['String']['input']>;
  orgCode?: InputMaybe<Scalars['String']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
}>;


export type PreviewTargetTablesQuery = { previewTargetTables: { source: string, errors: Array<{ table: number | null, line: number | null, cell: string | null, sheet: string | null, message: string }>, warnings: Array<{ table: number | null, line: number | null, cell: string | null, sheet: string | null, message: string }>, tables: Array<{ tableNumber: number, title: string, kind: string, orgCode: string | null, orgName: string, name: string, year: number, purpose: string, goals: Array<string>, leader: string | null, period: string | null, existingProjectId: string | null, budget: { total: number, fiscal: number, other: number, carryover: number }, warnings: Array<{ table: number | null, line: number | null, cell: string | null, sheet: string | null, message: string }>, indicators: Array<{ level1: string, level2: string, name: string, description: string, line: number, cell: string | null, actual: string | null, weight: number | null, scoring: string, warnings: Array<{ table: number | null, line: number | null, cell: string | null, sheet: string | null, message: string }>, target: { raw: string, kind: string, comparator: string | null, value: number | null, max: number | null, unit: string | null, deadline: string | null, start: string | null, note: string | null, tolerance: boolean, zeroBelow: number | null } }> }> } };

export type SaveTargetTablesMutationVariables = Exact<{
  tables: Array<ImportTableInput> | ImportTableInput;
}>;


export type SaveTargetTablesMutation = { saveTargetTables: { created: number, updated: number, projects: Array<{ id: string, name: string, orgName: string, year: number }>, warnings: Array<{ table: number | null, line: number | null, cell: string | null, sheet: string | null, message: string }>, errors: Array<{ table: number | null, line: number | null, cell: string | null, sheet: string | null, message: string }> } };

export type ManageSitesQueryVariables = Exact<{ [key: string]: never; }>;


export type ManageSitesQuery = { organizations: Array<{ code: string, name: string }>, sites: Array<{ id: string, name: string, kind: SiteKind, address: string | null, orgCode: string }> };

export type UpdateSiteMutationVariables = Exact<{
  input: UpdateSiteInput;
}>;


export type UpdateSiteMutation = { updateSite: { id: string, name: string, kind: SiteKind, address: string | null, orgCode: string } };

export type ManageProjectQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ManageProjectQuery = { project: { id: string, requireSignature: boolean, equipmentItems: Array<{ id: string, projectId: string, name: string, model: string | null, serialNumber: string | null, assetTag: string | null }> } };

export type UpdateProjectSettingsMutationVariables = Exact<{
  input: UpdateProjectSettingsInput;
}>;


export type UpdateProjectSettingsMutation = { updateProjectSettings: { id: string, requireSignature: boolean } };

export type CreateEquipmentItemMutationVariables = Exact<{
  input: CreateEquipmentItemInput;
}>;


export type CreateEquipmentItemMutation = { createEquipmentItem: { id: string, projectId: string, name: string, model: string | null, serialNumber: string | null, assetTag: string | null } };

export type UpdateEquipmentItemMutationVariables = Exact<{
  input: UpdateEquipmentItemInput;
}>;


export type UpdateEquipmentItemMutation = { updateEquipmentItem: { id: string, projectId: string, name: string, model: string | null, serialNumber: string | null, assetTag: string | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SessionUserFragmentDoc = new TypedDocumentString(`
    fragment SessionUser on User {
  id
  username
  role
  orgCode
  orgName
}
    `, {"fragmentName":"SessionUser"}) as unknown as TypedDocumentString<SessionUserFragment, unknown>;
export const ReferenceIndicatorFragmentDoc = new TypedDocumentString(`
    fragment ReferenceIndicator on Indicator {
  id
  level1
  level2
  name
  description
  target {
    raw
    kind
    comparator
    value
    max
    unit
    deadline
    rule {
      zeroBelow
    }
    tolerance
  }
  source
  notApplicable
  deviationNote
  weight
  actual {
    value
    tier
    ratio
    note
    recordedAt
    recordedBy
  }
  progress {
    completionRate
    score
    met
    deviationNoteRequired
  }
}
    `, {"fragmentName":"ReferenceIndicator"}) as unknown as TypedDocumentString<ReferenceIndicatorFragment, unknown>;
export const ReferenceProjectFragmentDoc = new TypedDocumentString(`
    fragment ReferenceProject on Project {
  id
  name
  orgCode
  orgName
  year
  tableNumber
  purpose
  goals
  budget {
    total
    fiscal
    other
  }
  requireSignature
  spent
  evaluation {
    score
    grade
    executionRate
    executionScore
    missing
    complete
  }
  indicators {
    ...ReferenceIndicator
  }
}
    fragment ReferenceIndicator on Indicator {
  id
  level1
  level2
  name
  description
  target {
    raw
    kind
    comparator
    value
    max
    unit
    deadline
    rule {
      zeroBelow
    }
    tolerance
  }
  source
  notApplicable
  deviationNote
  weight
  actual {
    value
    tier
    ratio
    note
    recordedAt
    recordedBy
  }
  progress {
    completionRate
    score
    met
    deviationNoteRequired
  }
}`, {"fragmentName":"ReferenceProject"}) as unknown as TypedDocumentString<ReferenceProjectFragment, unknown>;
export const ReferenceSiteFragmentDoc = new TypedDocumentString(`
    fragment ReferenceSite on Site {
  id
  name
  kind
  address
  orgCode
}
    `, {"fragmentName":"ReferenceSite"}) as unknown as TypedDocumentString<ReferenceSiteFragment, unknown>;
export const ReferenceEquipmentItemFragmentDoc = new TypedDocumentString(`
    fragment ReferenceEquipmentItem on EquipmentItem {
  id
  projectId
  name
  model
  serialNumber
  assetTag
}
    `, {"fragmentName":"ReferenceEquipmentItem"}) as unknown as TypedDocumentString<ReferenceEquipmentItemFragment, unknown>;
export const SurveyQuestionFieldsFragmentDoc = new TypedDocumentString(`
    fragment SurveyQuestionFields on SurveyQuestion {
  id
  kind
  text
  options
  required
}
    `, {"fragmentName":"SurveyQuestionFields"}) as unknown as TypedDocumentString<SurveyQuestionFieldsFragment, unknown>;
export const ReferenceSurveyFragmentDoc = new TypedDocumentString(`
    fragment ReferenceSurvey on Survey {
  id
  title
  audience
  questions {
    ...SurveyQuestionFields
  }
  opensAt
  closesAt
  isOpen
  indicator {
    id
    name
  }
}
    fragment SurveyQuestionFields on SurveyQuestion {
  id
  kind
  text
  options
  required
}`, {"fragmentName":"ReferenceSurvey"}) as unknown as TypedDocumentString<ReferenceSurveyFragment, unknown>;
export const ActualRecordFragmentDoc = new TypedDocumentString(`
    fragment ActualRecord on ActualRecord {
  value
  tier
  ratio
  note
  recordedAt
  recordedBy
}
    `, {"fragmentName":"ActualRecord"}) as unknown as TypedDocumentString<ActualRecordFragment, unknown>;
export const EvidencePhotoFragmentDoc = new TypedDocumentString(`
    fragment EvidencePhoto on Photo {
  sha256
  thumbnailUrl
  url
  uploaded
}
    `, {"fragmentName":"EvidencePhoto"}) as unknown as TypedDocumentString<EvidencePhotoFragment, unknown>;
export const EvidenceInspectionFragmentDoc = new TypedDocumentString(`
    fragment EvidenceInspection on Inspection {
  id
  kind
  site {
    id
    name
  }
  itemName
  serialNumber
  checklist {
    label
    passed
  }
  passed
  note
  photos {
    ...EvidencePhoto
  }
  signature {
    ...EvidencePhoto
  }
  location {
    lat
    lng
    accuracy
  }
  capturedAt
  submittedBy
  reviewStatus
  reviewReason
}
    fragment EvidencePhoto on Photo {
  sha256
  thumbnailUrl
  url
  uploaded
}`, {"fragmentName":"EvidenceInspection"}) as unknown as TypedDocumentString<EvidenceInspectionFragment, unknown>;
export const RecordErrorFieldsFragmentDoc = new TypedDocumentString(`
    fragment RecordErrorFields on RecordError {
  code
  message
  field
  hashes
  retryAfterSeconds
}
    `, {"fragmentName":"RecordErrorFields"}) as unknown as TypedDocumentString<RecordErrorFieldsFragment, unknown>;
export const DashboardProjectRowFragmentDoc = new TypedDocumentString(`
    fragment DashboardProjectRow on Project {
  id
  name
  orgName
  year
  budget {
    total
  }
  spent
  evaluation {
    score
    grade
    executionRate
    missing
  }
  spendings {
    date
    amount
  }
}
    `, {"fragmentName":"DashboardProjectRow"}) as unknown as TypedDocumentString<DashboardProjectRowFragment, unknown>;
export const DashboardIndicatorRowFragmentDoc = new TypedDocumentString(`
    fragment DashboardIndicatorRow on Indicator {
  id
  name
  level1
  notApplicable
  target {
    raw
  }
  actual {
    value
    tier
  }
  progress {
    completionRate
  }
}
    `, {"fragmentName":"DashboardIndicatorRow"}) as unknown as TypedDocumentString<DashboardIndicatorRowFragment, unknown>;
export const SurveyResultsFieldsFragmentDoc = new TypedDocumentString(`
    fragment SurveyResultsFields on SurveyResults {
  surveyId
  responseCount
  satisfactionRate
  questions {
    questionId
    kind
    text
    answeredCount
    counts {
      option
      count
    }
  }
}
    `, {"fragmentName":"SurveyResultsFields"}) as unknown as TypedDocumentString<SurveyResultsFieldsFragment, unknown>;
export const ImportMessageFieldsFragmentDoc = new TypedDocumentString(`
    fragment ImportMessageFields on ImportMessage {
  table
  line
  cell
  sheet
  message
}
    `, {"fragmentName":"ImportMessageFields"}) as unknown as TypedDocumentString<ImportMessageFieldsFragment, unknown>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    token
    user {
      ...SessionUser
    }
  }
}
    fragment SessionUser on User {
  id
  username
  role
  orgCode
  orgName
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
  changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {
    token
    user {
      ...SessionUser
    }
  }
}
    fragment SessionUser on User {
  id
  username
  role
  orgCode
  orgName
}`) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const ReferenceProjectsDocument = new TypedDocumentString(`
    query ReferenceProjects($after: String, $withSites: Boolean!) {
  sites @include(if: $withSites) {
    ...ReferenceSite
  }
  projects(first: 50, after: $after) {
    nodes {
      ...ReferenceProject
      equipmentItems {
        ...ReferenceEquipmentItem
      }
      surveys {
        ...ReferenceSurvey
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ReferenceIndicator on Indicator {
  id
  level1
  level2
  name
  description
  target {
    raw
    kind
    comparator
    value
    max
    unit
    deadline
    rule {
      zeroBelow
    }
    tolerance
  }
  source
  notApplicable
  deviationNote
  weight
  actual {
    value
    tier
    ratio
    note
    recordedAt
    recordedBy
  }
  progress {
    completionRate
    score
    met
    deviationNoteRequired
  }
}
fragment ReferenceProject on Project {
  id
  name
  orgCode
  orgName
  year
  tableNumber
  purpose
  goals
  budget {
    total
    fiscal
    other
  }
  requireSignature
  spent
  evaluation {
    score
    grade
    executionRate
    executionScore
    missing
    complete
  }
  indicators {
    ...ReferenceIndicator
  }
}
fragment ReferenceSite on Site {
  id
  name
  kind
  address
  orgCode
}
fragment ReferenceEquipmentItem on EquipmentItem {
  id
  projectId
  name
  model
  serialNumber
  assetTag
}
fragment SurveyQuestionFields on SurveyQuestion {
  id
  kind
  text
  options
  required
}
fragment ReferenceSurvey on Survey {
  id
  title
  audience
  questions {
    ...SurveyQuestionFields
  }
  opensAt
  closesAt
  isOpen
  indicator {
    id
    name
  }
}`) as unknown as TypedDocumentString<ReferenceProjectsQuery, ReferenceProjectsQueryVariables>;
export const IndicatorEvidenceDocument = new TypedDocumentString(`
    query IndicatorEvidence($id: ID!) {
  indicator(id: $id) {
    id
    actual {
      value
      tier
      ratio
      note
      recordedAt
      recordedBy
      history {
        ...ActualRecord
      }
    }
    evidence {
      source
      derivedAt
      surveyId
      fromSpending
      inspections {
        ...EvidenceInspection
      }
    }
  }
}
    fragment ActualRecord on ActualRecord {
  value
  tier
  ratio
  note
  recordedAt
  recordedBy
}
fragment EvidencePhoto on Photo {
  sha256
  thumbnailUrl
  url
  uploaded
}
fragment EvidenceInspection on Inspection {
  id
  kind
  site {
    id
    name
  }
  itemName
  serialNumber
  checklist {
    label
    passed
  }
  passed
  note
  photos {
    ...EvidencePhoto
  }
  signature {
    ...EvidencePhoto
  }
  location {
    lat
    lng
    accuracy
  }
  capturedAt
  submittedBy
  reviewStatus
  reviewReason
}`) as unknown as TypedDocumentString<IndicatorEvidenceQuery, IndicatorEvidenceQueryVariables>;
export const PublicSurveyDocument = new TypedDocumentString(`
    query PublicSurvey($token: String!) {
  publicSurvey(token: $token) {
    title
    audience
    questions {
      ...SurveyQuestionFields
    }
    opensAt
    closesAt
    isOpen
    requireCode
    maxResponsesPerDevice
    deviceToken
  }
}
    fragment SurveyQuestionFields on SurveyQuestion {
  id
  kind
  text
  options
  required
}`) as unknown as TypedDocumentString<PublicSurveyQuery, PublicSurveyQueryVariables>;
export const SubmitInspectionDocument = new TypedDocumentString(`
    mutation SubmitInspection($input: SubmitInspectionInput!) {
  submitInspection(input: $input) {
    id
    clientId
  }
}
    `) as unknown as TypedDocumentString<SubmitInspectionMutation, SubmitInspectionMutationVariables>;
export const SubmitSurveyResponseDocument = new TypedDocumentString(`
    mutation SubmitSurveyResponse($input: SubmitSurveyResponseInput!) {
  submitSurveyResponse(input: $input) {
    id
    clientId
  }
}
    `) as unknown as TypedDocumentString<SubmitSurveyResponseMutation, SubmitSurveyResponseMutationVariables>;
export const SubmitInspectionsDocument = new TypedDocumentString(`
    mutation SubmitInspections($inputs: [SubmitInspectionInput!]!) {
  submitInspections(inputs: $inputs) {
    clientId
    inspection {
      id
    }
    error {
      ...RecordErrorFields
    }
  }
}
    fragment RecordErrorFields on RecordError {
  code
  message
  field
  hashes
  retryAfterSeconds
}`) as unknown as TypedDocumentString<SubmitInspectionsMutation, SubmitInspectionsMutationVariables>;
export const SubmitSurveyResponsesDocument = new TypedDocumentString(`
    mutation SubmitSurveyResponses($inputs: [SubmitSurveyResponseInput!]!) {
  submitSurveyResponses(inputs: $inputs) {
    clientId
    receipt {
      id
    }
    error {
      ...RecordErrorFields
    }
  }
}
    fragment RecordErrorFields on RecordError {
  code
  message
  field
  hashes
  retryAfterSeconds
}`) as unknown as TypedDocumentString<SubmitSurveyResponsesMutation, SubmitSurveyResponsesMutationVariables>;
export const CreateSiteDocument = new TypedDocumentString(`
    mutation CreateSite($input: CreateSiteInput!) {
  createSite(input: $input) {
    ...ReferenceSite
  }
}
    fragment ReferenceSite on Site {
  id
  name
  kind
  address
  orgCode
}`) as unknown as TypedDocumentString<CreateSiteMutation, CreateSiteMutationVariables>;
export const RecordActualDocument = new TypedDocumentString(`
    mutation RecordActual($input: RecordActualInput!) {
  recordActual(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<RecordActualMutation, RecordActualMutationVariables>;
export const RecordSpendingDocument = new TypedDocumentString(`
    mutation RecordSpending($input: RecordSpendingInput!) {
  recordSpending(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<RecordSpendingMutation, RecordSpendingMutationVariables>;
export const DashboardOrganizationsDocument = new TypedDocumentString(`
    query DashboardOrganizations {
  organizations {
    code
    name
    parentCode
  }
}
    `) as unknown as TypedDocumentString<DashboardOrganizationsQuery, DashboardOrganizationsQueryVariables>;
export const DashboardDocument = new TypedDocumentString(`
    query Dashboard($orgCode: String!, $year: Int!, $after: String, $withSummary: Boolean!) {
  organizationSummary(orgCode: $orgCode, year: $year) @include(if: $withSummary) {
    orgCode
    orgName
    year
    projectCount
    budget
    spent
    executionRate
    averageScore
    grades {
      excellent
      good
      fair
      poor
    }
    incompleteProjects
  }
  projects(orgCode: $orgCode, year: $year, first: 100, after: $after) {
    nodes {
      ...DashboardProjectRow
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment DashboardProjectRow on Project {
  id
  name
  orgName
  year
  budget {
    total
  }
  spent
  evaluation {
    score
    grade
    executionRate
    missing
  }
  spendings {
    date
    amount
  }
}`) as unknown as TypedDocumentString<DashboardQuery, DashboardQueryVariables>;
export const DashboardProjectDocument = new TypedDocumentString(`
    query DashboardProject($id: ID!) {
  project(id: $id) {
    id
    indicators {
      ...DashboardIndicatorRow
    }
    surveys {
      id
      title
      results {
        ...SurveyResultsFields
      }
    }
  }
}
    fragment DashboardIndicatorRow on Indicator {
  id
  name
  level1
  notApplicable
  target {
    raw
  }
  actual {
    value
    tier
  }
  progress {
    completionRate
  }
}
fragment SurveyResultsFields on SurveyResults {
  surveyId
  responseCount
  satisfactionRate
  questions {
    questionId
    kind
    text
    answeredCount
    counts {
      option
      count
    }
  }
}`) as unknown as TypedDocumentString<DashboardProjectQuery, DashboardProjectQueryVariables>;
export const PreviewTargetTablesDocument = new TypedDocumentString(`
    query PreviewTargetTables($text: String, $file: String, $fileName: String, $orgCode: String, $year: Int) {
  previewTargetTables(
    text: $text
    file: $file
    fileName: $fileName
    orgCode: $orgCode
    year: $year
  ) {
    source
    errors {
      ...ImportMessageFields
    }
    warnings {
      ...ImportMessageFields
    }
    tables {
      tableNumber
      title
      kind
      orgCode
      orgName
      name
      year
      budget {
        total
        fiscal
        other
        carryover
      }
      purpose
      goals
      leader
      period
      existingProjectId
      warnings {
        ...ImportMessageFields
      }
      indicators {
        level1
        level2
        name
        description
        line
        cell
        actual
        weight
        scoring
        warnings {
          ...ImportMessageFields
        }
        target {
          raw
          kind
          comparator
          value
          max
          unit
          deadline
          start
          note
          tolerance
          zeroBelow
        }
      }
    }
  }
}
    fragment ImportMessageFields on ImportMessage {
  table
  line
  cell
  sheet
  message
}`) as unknown as TypedDocumentString<PreviewTargetTablesQuery, PreviewTargetTablesQueryVariables>;
export const SaveTargetTablesDocument = new TypedDocumentString(`
    mutation SaveTargetTables($tables: [ImportTableInput!]!) {
  saveTargetTables(tables: $tables) {
    created
    updated
    projects {
      id
      name
      orgName
      year
    }
    warnings {
      ...ImportMessageFields
    }
    errors {
      ...ImportMessageFields
    }
  }
}
    fragment ImportMessageFields on ImportMessage {
  table
  line
  cell
  sheet
  message
}`) as unknown as TypedDocumentString<SaveTargetTablesMutation, SaveTargetTablesMutationVariables>;
export const ManageSitesDocument = new TypedDocumentString(`
    query ManageSites {
  organizations {
    code
    name
  }
  sites {
    ...ReferenceSite
  }
}
    fragment ReferenceSite on Site {
  id
  name
  kind
  address
  orgCode
}`) as unknown as TypedDocumentString<ManageSitesQuery, ManageSitesQueryVariables>;
export const UpdateSiteDocument = new TypedDocumentString(`
    mutation UpdateSite($input: UpdateSiteInput!) {
  updateSite(input: $input) {
    ...ReferenceSite
  }
}
    fragment ReferenceSite on Site {
  id
  name
  kind
  address
  orgCode
}`) as unknown as TypedDocumentString<UpdateSiteMutation, UpdateSiteMutationVariables>;
export const ManageProjectDocument = new TypedDocumentString(`
    query ManageProject($id: ID!) {
  project(id: $id) {
    id
    requireSignature
    equipmentItems {
      ...ReferenceEquipmentItem
    }
  }
}
    fragment ReferenceEquipmentItem on EquipmentItem {
  id
  projectId
  name
  model
  serialNumber
  assetTag
}`) as unknown as TypedDocumentString<ManageProjectQuery, ManageProjectQueryVariables>;
export const UpdateProjectSettingsDocument = new TypedDocumentString(`
    mutation UpdateProjectSettings($input: UpdateProjectSettingsInput!) {
  updateProjectSettings(input: $input) {
    id
    requireSignature
  }
}
    `) as unknown as TypedDocumentString<UpdateProjectSettingsMutation, UpdateProjectSettingsMutationVariables>;
export const CreateEquipmentItemDocument = new TypedDocumentString(`
    mutation CreateEquipmentItem($input: CreateEquipmentItemInput!) {
  createEquipmentItem(input: $input) {
    ...ReferenceEquipmentItem
  }
}
    fragment ReferenceEquipmentItem on EquipmentItem {
  id
  projectId
  name
  model
  serialNumber
  assetTag
}`) as unknown as TypedDocumentString<CreateEquipmentItemMutation, CreateEquipmentItemMutationVariables>;
export const UpdateEquipmentItemDocument = new TypedDocumentString(`
    mutation UpdateEquipmentItem($input: UpdateEquipmentItemInput!) {
  updateEquipmentItem(input: $input) {
    ...ReferenceEquipmentItem
  }
}
    fragment ReferenceEquipmentItem on EquipmentItem {
  id
  projectId
  name
  model
  serialNumber
  assetTag
}`) as unknown as TypedDocumentString<UpdateEquipmentItemMutation, UpdateEquipmentItemMutationVariables>;