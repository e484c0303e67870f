export { AuditEvent, type AuditAction } from './audit-event.entity.js';
export {
  appendAuditEvent,
  auditEventHash,
  verifyAuditChain,
  GENESIS_HASH,
  type AuditChainBreak,
  type AuditChainResult,
  type AuditEventInput,
} from './audit-chain.js';
export { canonicalJson, type JsonValue } from './canonical-json.js';
