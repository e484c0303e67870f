import { BigIntType } from '@mikro-orm/core';

/** 1 万元 = 10,000 元 = 1,000,000 分. */
export const FEN_PER_WAN = 1_000_000;

/**
 * Money columns hold whole 分 in a bigint, read back as a JS number: exact up to
 * Number.MAX_SAFE_INTEGER 分 (about 90 亿万元), far beyond any budget.
 */
export function moneyType(): BigIntType<'number'> {
  return new BigIntType('number');
}

/**
 * 万元 (as in target tables and the API) to whole 分, rounding away float noise.
 *
 * @example fenFromWan(1234567.89) // 1_234_567_890_000
 */
export function fenFromWan(wan: number): number {
  const fen = Math.round(wan * FEN_PER_WAN);
  if (!Number.isSafeInteger(fen)) throw new RangeError(`金额超出范围：${wan} 万元`);
  return fen;
}

/**
 * Whole 分 to 万元. The division is correctly rounded, so the result is the same number as the
 * decimal literal (1_234_567_890_000 分 → 1234567.89).
 *
 * @example wanFromFen(418_000_000) // 418
 */
export function wanFromFen(fen: number): number {
  return fen / FEN_PER_WAN;
}
