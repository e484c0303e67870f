import { createBackup } from '../backup/backup.js';
import { describeCounts } from '../backup/manifest.js';
import type { CliIo, DataOptions } from './main.js';

/**
 * `jixiao backup [--out FILE]`: one .tar.gz of the data folder (docs/data-and-backup.md). 0 when
 * complete; 1 when the database could not be included (PostgreSQL without pg_dump).
 */
export async function backupCommand(options: { out?: string } & DataOptions, io: CliIo): Promise<number> {
  const result = await createBackup({ ...options, progress: io.err });
  const { manifest } = result;
  io.out(`备份${result.complete ? '完成' : '未完成（不含数据库）'}：${result.file}（${result.bytes} 字节）\n`);
  io.out(`  内容：${describeCounts(manifest.counts)}\n`);
  io.out(`  照片文件：${manifest.photos.files} 个；令牌密钥：${manifest.secret ? '已包含' : '未包含'}\n`);
  io.out(
    `  审计日志：${manifest.audit.count} 条${manifest.audit.headHash ? `，链尾第 ${manifest.audit.headSeq} 条 ${manifest.audit.headHash.slice(0, 12)}…` : ''}\n`,
  );
  if (manifest.secret) io.out('  注意：备份中含令牌密钥和全部数据，请像保管密码一样保管此文件\n');
  return result.complete ? 0 : 1;
}
