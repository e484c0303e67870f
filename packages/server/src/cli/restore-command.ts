import { describeCounts } from '../backup/manifest.js';
import { restoreBackup } from '../backup/restore.js';
import { describeDatabase } from '../db.js';
import type { CliIo, DataOptions } from './main.js';

/** `jixiao restore FILE [--data-dir DIR]`: into an empty data folder only; prints what the manifest says was restored. */
export async function restoreCommand(file: string, options: DataOptions, io: CliIo): Promise<number> {
  const { manifest, root, database, pending } = await restoreBackup(file, { ...options, progress: io.err });
  io.out(`已恢复到数据目录 ${root}（备份于 ${manifest.createdAt}，Jixiao ${manifest.jixiaoVersion}）\n`);
  if (database) io.out(`  数据库：${database}\n`);
  io.out(`  内容：${describeCounts(manifest.counts)}\n`);
  io.out(`  照片文件：${manifest.photos.files} 个；令牌密钥：${manifest.secret ? '已恢复' : '备份中没有（登录需重新进行）'}\n`);
  io.out(
    `  审计日志：${manifest.audit.count} 条${manifest.audit.headHash ? `，链尾第 ${manifest.audit.headSeq} 条 ${manifest.audit.headHash.slice(0, 12)}…` : ''}\n`,
  );
  if (pending) {
    io.out(`PostgreSQL 数据库尚未恢复；转储文件保存在 ${pending.dump}。请在 PostgreSQL 服务器上运行：\n`);
    for (const command of pending.commands) io.out(`  ${command}\n`);
    io.out('（或安装 pg_restore 后，用 jixiao restore 备份文件 --data-dir 新目录 --db postgres://…/空数据库 一步完成）\n');
    return 0;
  }
  const dbOption = options.db ? ` --db '${describeDatabase(options.db)}'` : '';
  io.out(`下一步：pnpm jixiao serve --data-dir '${root}'${dbOption}\n`);
  return 0;
}
