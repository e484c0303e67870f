export { AuditEvent, type AuditAction, type AuditHashAlgorithm } from './audit-event.entity.js';
export {
  appendAuditEvent,
  auditEventHash,
  auditHeadOf,
  parseAuditHead,
  installAuditLedger,
  verifyAuditChain,
  GENESIS_HASH,
  type AuditChainBreak,
  type AuditChainResult,
  type AuditHead,
  type AuditEventInput,
} from './audit-chain.js';
export { AuditLedger, auditLedgerOf, type AuditAnchor } from './audit-ledger.js';
export { canonicalJson, type JsonValue } from './canonical-json.js';
