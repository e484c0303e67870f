import { createDb } from '../db.js';
import { databaseUrl } from '../main.js';
import { verifyAuditChain } from '../modules/audit/audit-chain.js';
import type { CliIo } from './main.js';

/** `jixiao audit verify`: checks the hash chain of the audit log; 1 names the first broken link. */
export async function auditVerifyCommand(options: { db?: string; dataDir?: string }, io: CliIo): Promise<number> {
  const db = await createDb({ url: databaseUrl(options.db, options.dataDir), mustExist: true });
  try {
    const result = await verifyAuditChain(db.em.fork());
    if (result.ok) {
      io.out(`审计日志完整：共 ${result.count} 条，哈希链校验通过\n`);
      return 0;
    }
    io.out(`审计日志被篡改：第 ${result.brokenAt} 条起链条断开（${result.reason}）\n`);
    return 1;
  } finally {
    await db.close();
  }
}
