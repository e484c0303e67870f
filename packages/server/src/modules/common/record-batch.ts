import { InvalidInputError } from '@jixiao/domain';
import { Field, ObjectType } from 'type-graphql';
import { AppError, ValidationError } from './errors.js';

/** Records one batch mutation takes (submitInspections, submitSurveyResponses). */
export const MAX_BATCH_RECORDS = 100;

interface Log {
  error(object: unknown, message: string): void;
}

@ObjectType('RecordError', {
  description: '批量提交中一条记录的错误：与单条提交时的 GraphQL 错误相同的 code、message 与 field；其余记录照常保存',
})
export class RecordErrorType {
  @Field(() => String, { description: '错误代码：BAD_USER_INPUT、CONFLICT、FORBIDDEN、MISSING_UPLOAD、TOO_MANY_REQUESTS、INTERNAL_SERVER_ERROR 等' })
  code!: string;

  @Field(() => String, { description: '说明（中文）' })
  message!: string;

  @Field(() => String, { nullable: true, description: '出错的输入字段，与单条提交时相同，如 input.siteId' })
  field!: string | null;

  @Field(() => [String], { nullable: true, description: 'MISSING_UPLOAD：服务器缺少的照片的 SHA-256' })
  hashes!: string[] | null;

  @Field(() => Number, { nullable: true, description: 'TOO_MANY_REQUESTS：需等待的秒数' })
  retryAfterSeconds!: number | null;
}

/**
 * What one record of a batch came to: its value, or the error a single submission would have
 * answered. Our own errors keep their code, message and field; anything unexpected is logged and
 * reported as INTERNAL_SERVER_ERROR (the client retries it later), without details.
 */
export function recordErrorOf(error: unknown, log: Log): RecordErrorType {
  if (error instanceof AppError) {
    const { field, hashes, retryAfterSeconds } = error.extensions;
    return {
      code: error.code,
      message: error.message,
      field: typeof field === 'string' ? field : null,
      hashes: Array.isArray(hashes) ? hashes.map(String) : null,
      retryAfterSeconds: typeof retryAfterSeconds === 'number' ? retryAfterSeconds : null,
    };
  }
  if (error instanceof InvalidInputError) return { code: 'BAD_USER_INPUT', message: error.message, field: error.field, hashes: null, retryAfterSeconds: null };
  log.error({ err: error }, 'unexpected error in one record of a batch');
  return { code: 'INTERNAL_SERVER_ERROR', message: '服务器内部错误，请稍后再试', field: null, hashes: null, retryAfterSeconds: null };
}

/** Refuses a batch that is empty or longer than MAX_BATCH_RECORDS, naming the argument. */
export function checkBatchSize(field: string, count: number): void {
  if (count === 0) throw new ValidationError(field, `${field} 至少应有 1 条记录`);
  if (count > MAX_BATCH_RECORDS) throw new ValidationError(field, `${field} 每次最多 ${MAX_BATCH_RECORDS} 条记录，实际为 ${count}；请分批提交`);
}

/**
 * Handles the records of a batch one after another, each on its own (its own transaction, its own
 * idempotency on clientId): a record that fails does not stop the others.
 */
export async function settleEach<Input, Value>(
  inputs: readonly Input[],
  handle: (input: Input) => Promise<Value>,
  log: Log,
): Promise<Array<{ value: Value; error: null } | { value: null; error: RecordErrorType }>> {
  const settled: Array<{ value: Value; error: null } | { value: null; error: RecordErrorType }> = [];
  for (const input of inputs) {
    try {
      settled.push({ value: await handle(input), error: null });
    } catch (error) {
      settled.push({ value: null, error: recordErrorOf(error, log) });
    }
  }
  return settled;
}
