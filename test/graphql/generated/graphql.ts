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

export type BackupProjectsQueryVariables = Exact<{ [key: string]: never; }>;


export type BackupProjectsQuery = { projects: { nodes: Array<{ id: string, name: string, indicators: Array<{ id: string, source: IndicatorSource, target: { kind: TargetKind, value: string | null, unit: string | null } }> }> } };

export type BackupInspectionsQueryVariables = Exact<{
  projectId: Scalars['ID']['input'];
}>;


export type BackupInspectionsQuery = { inspections: Array<{ clientId: string }> };

export type FirstRunStateQueryVariables = Exact<{ [key: string]: never; }>;


export type FirstRunStateQuery = { me: { username: string, displayName: string, role: UserRole }, users: Array<{ username: string, displayName: string, role: UserRole, disabled: boolean }>, projects: { totalCount: number, nodes: Array<{ name: string, budget: { total: number }, indicators: Array<{ name: string, target: { raw: string }, actual: { value: string | null } | null, evidence: { inspections: Array<{ itemName: string, photos: Array<{ sha256: string }> }> } | null }> }> } };

export type FirstRunMeQueryVariables = Exact<{ [key: string]: never; }>;


export type FirstRunMeQuery = { me: { username: string } };

export type FirstRunCreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type FirstRunCreateUserMutation = { createUser: { user: { username: string } } };

export type FirstRunChangePasswordMutationVariables = Exact<{
  oldPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type FirstRunChangePasswordMutation = { changePassword: { token: string } };

export type DemoLoginMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type DemoLoginMutation = { login: { token: string, user: { role: UserRole } } };

export type AcceptanceSitesAndInspectionsQueryVariables = Exact<{
  projectId: Scalars['ID']['input'];
}>;


export type AcceptanceSitesAndInspectionsQuery = { sites: Array<{ id: string, name: string, kind: SiteKind, address: string | null }>, inspections: Array<{ itemName: string, passed: boolean, site: { id: string, name: string } | null, checklist: Array<{ label: string, passed: boolean }>, photos: Array<{ uploaded: boolean, capturedAt: string | null, latitude: number | null, longitude: number | null }>, signature: { uploaded: boolean } | null }> };

export type AcceptanceCreateSiteMutationVariables = Exact<{
  input: CreateSiteInput;
}>;


export type AcceptanceCreateSiteMutation = { createSite: { id: string } };

export type DashboardSeedQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardSeedQuery = { projects: { nodes: Array<{ id: string, name: string, budget: { total: number }, indicators: Array<{ id: string, name: string, source: IndicatorSource, notApplicable: boolean, target: { kind: TargetKind, value: string | null, unit: string | null, deadline: string | null } }> }> } };

export type ImportedProjectsQueryVariables = Exact<{ [key: string]: never; }>;


export type ImportedProjectsQuery = { projects: { nodes: Array<{ id: string, name: string, indicators: Array<{ name: string, target: { raw: string, kind: TargetKind, comparator: string | null, value: string | null, unit: string | null } }> }> } };

export type TestSetDeviationNoteMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
}>;


export type TestSetDeviationNoteMutation = { setDeviationNote: { id: string } };

export type TestLoginMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type TestLoginMutation = { login: { token: string } };

export type SeedProjectsQueryVariables = Exact<{ [key: string]: never; }>;


export type SeedProjectsQuery = { projects: { nodes: Array<{ id: string, name: string, indicators: Array<{ id: string, name: string }> }> } };

export type ProjectIndicatorsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProjectIndicatorsQuery = { project: { evaluation: { score: number }, indicators: Array<{ name: string, actual: { value: string | null } | null, progress: { score: number | null } }> } };

export type ProjectInspectionsQueryVariables = Exact<{
  projectId: Scalars['ID']['input'];
}>;


export type ProjectInspectionsQuery = { inspections: Array<{ itemName: string, clientId: string, photos: Array<{ uploaded: boolean, sha256: string }>, signature: { uploaded: boolean } | null }> };

export type TestPrintableReportQueryVariables = Exact<{
  projectId?: InputMaybe<Scalars['ID']['input']>;
  orgCode?: InputMaybe<Scalars['String']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
}>;


export type TestPrintableReportQuery = { printableReport: { url: string, filename: string } };

export type TestSurveyResultsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TestSurveyResultsQuery = { surveyResults: { responseCount: number, satisfactionRate: number | null, flaggedCount: number, voidedCount: number, voidReasons: Array<{ reason: string, count: number }> } };

export type TestCreateSurveyMutationVariables = Exact<{
  input: CreateSurveyInput;
}>;


export type TestCreateSurveyMutation = { createSurvey: { id: string, publicToken: string, questions: Array<{ id: string }> } };

export type TestRecordActualMutationVariables = Exact<{
  input: RecordActualInput;
}>;


export type TestRecordActualMutation = { recordActual: { id: string } };

export type TestRecordSpendingMutationVariables = Exact<{
  input: RecordSpendingInput;
}>;


export type TestRecordSpendingMutation = { recordSpending: { id: string } };

export type TestSubmitInspectionMutationVariables = Exact<{
  input: SubmitInspectionInput;
}>;


export type TestSubmitInspectionMutation = { submitInspection: { id: string, clientId: string } };

export type TestUpdateProjectSettingsMutationVariables = Exact<{
  input: UpdateProjectSettingsInput;
}>;


export type TestUpdateProjectSettingsMutation = { updateProjectSettings: { id: string, requireSignature: boolean } };

export type TestSubmitSurveyResponseMutationVariables = Exact<{
  input: SubmitSurveyResponseInput;
}>;


export type TestSubmitSurveyResponseMutation = { submitSurveyResponse: { id: string } };

export type TestCreateSiteMutationVariables = Exact<{
  input: CreateSiteInput;
}>;


export type TestCreateSiteMutation = { createSite: { id: string } };

export type TestImportTargetTablesMutationVariables = Exact<{
  text: Scalars['String']['input'];
}>;


export type TestImportTargetTablesMutation = { importTargetTables: { created: number, updated: number, warnings: Array<{ message: string }>, errors: Array<{ message: string }>, projects: Array<{ orgCode: string }> } };

export type TestUnitBudgetsQueryVariables = Exact<{
  orgCode: Scalars['String']['input'];
}>;


export type TestUnitBudgetsQuery = { projects: { totalCount: number, nodes: Array<{ name: string, budget: { total: number } }> } };

export type TestCreateOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type TestCreateOrganizationMutation = { createOrganization: { code: string, parentCode: string | null } };

export type TestReviewInspectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  accept: Scalars['Boolean']['input'];
}>;


export type TestReviewInspectionMutation = { reviewInspection: { reviewStatus: ReviewStatus } };

export type TestUnitProjectsQueryVariables = Exact<{
  orgCode: Scalars['String']['input'];
}>;


export type TestUnitProjectsQuery = { projects: { nodes: Array<{ id: string }> } };

export type TestVoidSurveyResponseMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
}>;


export type TestVoidSurveyResponseMutation = { voidSurveyResponse: { id: string } };

export type TestDeviceTokenQueryVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type TestDeviceTokenQuery = { publicSurvey: { deviceToken: string } };

export type TestSurveyResponsesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TestSurveyResponsesQuery = { surveyResponses: Array<{ id: string, channel: ResponseChannel, flagReason: string | null }> };

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

export const BackupProjectsDocument = new TypedDocumentString(`
    query BackupProjects {
  projects(year: 2023) {
    nodes {
      id
      name
      indicators {
        id
        source
        target {
          kind
          value
          unit
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BackupProjectsQuery, BackupProjectsQueryVariables>;
export const BackupInspectionsDocument = new TypedDocumentString(`
    query BackupInspections($projectId: ID!) {
  inspections(projectId: $projectId) {
    clientId
  }
}
    `) as unknown as TypedDocumentString<BackupInspectionsQuery, BackupInspectionsQueryVariables>;
export const FirstRunStateDocument = new TypedDocumentString(`
    query FirstRunState {
  me {
    username
    displayName
    role
  }
  users {
    username
    displayName
    role
    disabled
  }
  projects(year: 2023, first: 100) {
    totalCount
    nodes {
      name
      budget {
        total
      }
      indicators {
        name
        target {
          raw
        }
        actual {
          value
        }
        evidence {
          inspections {
            itemName
            photos {
              sha256
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FirstRunStateQuery, FirstRunStateQueryVariables>;
export const FirstRunMeDocument = new TypedDocumentString(`
    query FirstRunMe {
  me {
    username
  }
}
    `) as unknown as TypedDocumentString<FirstRunMeQuery, FirstRunMeQueryVariables>;
export const FirstRunCreateUserDocument = new TypedDocumentString(`
    mutation FirstRunCreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    user {
      username
    }
  }
}
    `) as unknown as TypedDocumentString<FirstRunCreateUserMutation, FirstRunCreateUserMutationVariables>;
export const FirstRunChangePasswordDocument = new TypedDocumentString(`
    mutation FirstRunChangePassword($oldPassword: String!, $newPassword: String!) {
  changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {
    token
  }
}
    `) as unknown as TypedDocumentString<FirstRunChangePasswordMutation, FirstRunChangePasswordMutationVariables>;
export const DemoLoginDocument = new TypedDocumentString(`
    mutation DemoLogin($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    token
    user {
      role
    }
  }
}
    `) as unknown as TypedDocumentString<DemoLoginMutation, DemoLoginMutationVariables>;
export const AcceptanceSitesAndInspectionsDocument = new TypedDocumentString(`
    query AcceptanceSitesAndInspections($projectId: ID!) {
  sites {
    id
    name
    kind
    address
  }
  inspections(projectId: $projectId) {
    itemName
    passed
    site {
      id
      name
    }
    checklist {
      label
      passed
    }
    photos {
      uploaded
      capturedAt
      latitude
      longitude
    }
    signature {
      uploaded
    }
  }
}
    `) as unknown as TypedDocumentString<AcceptanceSitesAndInspectionsQuery, AcceptanceSitesAndInspectionsQueryVariables>;
export const AcceptanceCreateSiteDocument = new TypedDocumentString(`
    mutation AcceptanceCreateSite($input: CreateSiteInput!) {
  createSite(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<AcceptanceCreateSiteMutation, AcceptanceCreateSiteMutationVariables>;
export const DashboardSeedDocument = new TypedDocumentString(`
    query DashboardSeed {
  projects(year: 2023, first: 100) {
    nodes {
      id
      name
      budget {
        total
      }
      indicators {
        id
        name
        source
        notApplicable
        target {
          kind
          value
          unit
          deadline
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSeedQuery, DashboardSeedQueryVariables>;
export const ImportedProjectsDocument = new TypedDocumentString(`
    query ImportedProjects {
  projects(orgCode: "218101", year: 2023, first: 100) {
    nodes {
      id
      name
      indicators {
        name
        target {
          raw
          kind
          comparator
          value
          unit
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ImportedProjectsQuery, ImportedProjectsQueryVariables>;
export const TestSetDeviationNoteDocument = new TypedDocumentString(`
    mutation TestSetDeviationNote($id: ID!, $note: String) {
  setDeviationNote(indicatorId: $id, note: $note) {
    id
  }
}
    `) as unknown as TypedDocumentString<TestSetDeviationNoteMutation, TestSetDeviationNoteMutationVariables>;
export const TestLoginDocument = new TypedDocumentString(`
    mutation TestLogin($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    token
  }
}
    `) as unknown as TypedDocumentString<TestLoginMutation, TestLoginMutationVariables>;
export const SeedProjectsDocument = new TypedDocumentString(`
    query SeedProjects {
  projects(year: 2023, first: 100) {
    nodes {
      id
      name
      indicators {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SeedProjectsQuery, SeedProjectsQueryVariables>;
export const ProjectIndicatorsDocument = new TypedDocumentString(`
    query ProjectIndicators($id: ID!) {
  project(id: $id) {
    evaluation {
      score
    }
    indicators {
      name
      actual {
        value
      }
      progress {
        score
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ProjectIndicatorsQuery, ProjectIndicatorsQueryVariables>;
export const ProjectInspectionsDocument = new TypedDocumentString(`
    query ProjectInspections($projectId: ID!) {
  inspections(projectId: $projectId) {
    itemName
    clientId
    photos {
      uploaded
      sha256
    }
    signature {
      uploaded
    }
  }
}
    `) as unknown as TypedDocumentString<ProjectInspectionsQuery, ProjectInspectionsQueryVariables>;
export const TestPrintableReportDocument = new TypedDocumentString(`
    query TestPrintableReport($projectId: ID, $orgCode: String, $year: Int) {
  printableReport(projectId: $projectId, orgCode: $orgCode, year: $year) {
    url
    filename
  }
}
    `) as unknown as TypedDocumentString<TestPrintableReportQuery, TestPrintableReportQueryVariables>;
export const TestSurveyResultsDocument = new TypedDocumentString(`
    query TestSurveyResults($id: ID!) {
  surveyResults(surveyId: $id) {
    responseCount
    satisfactionRate
    flaggedCount
    voidedCount
    voidReasons {
      reason
      count
    }
  }
}
    `) as unknown as TypedDocumentString<TestSurveyResultsQuery, TestSurveyResultsQueryVariables>;
export const TestCreateSurveyDocument = new TypedDocumentString(`
    mutation TestCreateSurvey($input: CreateSurveyInput!) {
  createSurvey(input: $input) {
    id
    publicToken
    questions {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<TestCreateSurveyMutation, TestCreateSurveyMutationVariables>;
export const TestRecordActualDocument = new TypedDocumentString(`
    mutation TestRecordActual($input: RecordActualInput!) {
  recordActual(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<TestRecordActualMutation, TestRecordActualMutationVariables>;
export const TestRecordSpendingDocument = new TypedDocumentString(`
    mutation TestRecordSpending($input: RecordSpendingInput!) {
  recordSpending(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<TestRecordSpendingMutation, TestRecordSpendingMutationVariables>;
export const TestSubmitInspectionDocument = new TypedDocumentString(`
    mutation TestSubmitInspection($input: SubmitInspectionInput!) {
  submitInspection(input: $input) {
    id
    clientId
  }
}
    `) as unknown as TypedDocumentString<TestSubmitInspectionMutation, TestSubmitInspectionMutationVariables>;
export const TestUpdateProjectSettingsDocument = new TypedDocumentString(`
    mutation TestUpdateProjectSettings($input: UpdateProjectSettingsInput!) {
  updateProjectSettings(input: $input) {
    id
    requireSignature
  }
}
    `) as unknown as TypedDocumentString<TestUpdateProjectSettingsMutation, TestUpdateProjectSettingsMutationVariables>;
export const TestSubmitSurveyResponseDocument = new TypedDocumentString(`
    mutation TestSubmitSurveyResponse($input: SubmitSurveyResponseInput!) {
  submitSurveyResponse(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<TestSubmitSurveyResponseMutation, TestSubmitSurveyResponseMutationVariables>;
export const TestCreateSiteDocument = new TypedDocumentString(`
    mutation TestCreateSite($input: CreateSiteInput!) {
  createSite(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<TestCreateSiteMutation, TestCreateSiteMutationVariables>;
export const TestImportTargetTablesDocument = new TypedDocumentString(`
    mutation TestImportTargetTables($text: String!) {
  importTargetTables(text: $text, year: 2023) {
    created
    updated
    warnings {
      message
    }
    errors {
      message
    }
    projects {
      orgCode
    }
  }
}
    `) as unknown as TypedDocumentString<TestImportTargetTablesMutation, TestImportTargetTablesMutationVariables>;
export const TestUnitBudgetsDocument = new TypedDocumentString(`
    query TestUnitBudgets($orgCode: String!) {
  projects(orgCode: $orgCode) {
    totalCount
    nodes {
      name
      budget {
        total
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TestUnitBudgetsQuery, TestUnitBudgetsQueryVariables>;
export const TestCreateOrganizationDocument = new TypedDocumentString(`
    mutation TestCreateOrganization($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    code
    parentCode
  }
}
    `) as unknown as TypedDocumentString<TestCreateOrganizationMutation, TestCreateOrganizationMutationVariables>;
export const TestReviewInspectionDocument = new TypedDocumentString(`
    mutation TestReviewInspection($id: ID!, $accept: Boolean!) {
  reviewInspection(id: $id, accept: $accept, reason: "核实") {
    reviewStatus
  }
}
    `) as unknown as TypedDocumentString<TestReviewInspectionMutation, TestReviewInspectionMutationVariables>;
export const TestUnitProjectsDocument = new TypedDocumentString(`
    query TestUnitProjects($orgCode: String!) {
  projects(orgCode: $orgCode) {
    nodes {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<TestUnitProjectsQuery, TestUnitProjectsQueryVariables>;
export const TestVoidSurveyResponseDocument = new TypedDocumentString(`
    mutation TestVoidSurveyResponse($id: ID!, $reason: String!) {
  voidSurveyResponse(responseId: $id, reason: $reason) {
    id
  }
}
    `) as unknown as TypedDocumentString<TestVoidSurveyResponseMutation, TestVoidSurveyResponseMutationVariables>;
export const TestDeviceTokenDocument = new TypedDocumentString(`
    query TestDeviceToken($token: String!) {
  publicSurvey(token: $token) {
    deviceToken
  }
}
    `) as unknown as TypedDocumentString<TestDeviceTokenQuery, TestDeviceTokenQueryVariables>;
export const TestSurveyResponsesDocument = new TypedDocumentString(`
    query TestSurveyResponses($id: ID!) {
  surveyResponses(surveyId: $id) {
    id
    channel
    flagReason
  }
}
    `) as unknown as TypedDocumentString<TestSurveyResponsesQuery, TestSurveyResponsesQueryVariables>;