import { dataPaths } from '../config.js';
import { createDb } from '../db.js';
import { databaseUrl } from '../main.js';
import { join } from 'node:path';
import { auditAnchorOf, verifyAuditChain, type AuditChainBreak, type AuditHead } from '../modules/audit/audit-chain.js';
import { anchorFileName, auditLedgerOf } from '../modules/audit/audit-ledger.js';
import type { CliIo } from './main.js';

/** What each break means, for people. */
const BREAKS: Record<AuditChainBreak, string> = {
  'missing-entry': '缺少条目（中间有条目被删除）',
  'broken-link': '与前一条的哈希不衔接',
  'hash-mismatch': '内容与其哈希不符（条目被改动，或审计密钥不对）',
  'unkeyed-entry': '出现了不带密钥的条目（只有启用审计密钥之前的旧条目可以不带密钥）',
  'below-anchor': '条目数少于数据目录中锚点文件记录的数量（末尾的条目被删除）',
  'anchor-mismatch': '与数据目录中锚点文件记录的哈希不符（日志被重写）',
  'anchor-missing': '数据目录的 audit-heads 中没有这个日志的锚点文件（被删除，或数据目录不属于这个数据库）',
  'key-missing': '数据目录中没有审计密钥 audit.key（丢失，或数据目录不属于这个数据库）',
  'below-expected': '条目数少于报表上印的数量（末尾的条目被删除）',
  'expected-mismatch': '与报表上印的末条哈希不符（日志在报表生成后被重写）',
};

/** `jixiao audit verify`: checks the keyed hash chain of the audit log and its anchor; 1 names the first broken link. */
export async function auditVerifyCommand(options: { db?: string; dataDir?: string; expect?: AuditHead }, io: CliIo): Promise<number> {
  const paths = dataPaths(options.dataDir);
  const db = await createDb({ url: databaseUrl(options.db, options.dataDir), dataDir: paths.root, mustExist: true });
  try {
    const em = db.em.fork();
    try {
      auditLedgerOf(em).readAnchors();
    } catch {
      io.out(`审计日志无法校验：${paths.auditHeads} 中的锚点文件已损坏\n`);
      return 1;
    }
    const result = await verifyAuditChain(em, { expected: options.expect });
    const anchor = await auditAnchorOf(em);
    const anchorLine = anchor
      ? `锚点（${join(paths.auditHeads, anchorFileName(anchor.chain))}）：共 ${anchor.count} 条，末条哈希 ${anchor.hash}`
      : `锚点（${paths.auditHeads}）：无`;
    const expectLine = options.expect ? `\n报表上印的末条：第 ${options.expect.count} 条，哈希 ${options.expect.hash}` : '';
    if (result.ok) {
      io.out(`审计日志完整：共 ${result.count} 条，哈希链校验通过${options.expect ? '，报表上印的末条仍在且未被改写' : ''}\n${anchorLine}${expectLine}\n`);
      return 0;
    }
    io.out(`审计日志被篡改：第 ${result.brokenAt} 条起链条断开：${BREAKS[result.reason]}（${result.reason}）\n${anchorLine}${expectLine}\n`);
    return 1;
  } finally {
    await db.close();
  }
}
