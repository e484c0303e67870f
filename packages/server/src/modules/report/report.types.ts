import { Field, ObjectType } from 'type-graphql';

@ObjectType('Download', { description: '临时下载链接：10 分钟内有效，浏览器直接打开即可下载文件或查看打印版报告（链接本身带签名，无需登录令牌）' })
export class DownloadType {
  @Field(() => String, { description: '下载地址（相对于本服务器），如 /downloads/jxd1.…；文件在打开链接时按当时的数据生成' })
  url!: string;

  @Field(() => String, { description: '文件名，如 "2023年度项目支出绩效自评表-218101天津市武清区人民法院.xlsx"；打印版报告为 .html' })
  filename!: string;

  @Field(() => Date, { description: '链接失效时间' })
  expiresAt!: Date;
}
