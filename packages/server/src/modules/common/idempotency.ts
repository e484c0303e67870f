import { UniqueConstraintViolationException } from '@mikro-orm/core';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueConstraintViolationException;
}

/**
 * Compares a stored record with a resubmitted one field by field; returns the name of the first
 * field that differs, or null when they are the same record.
 */
export function firstDifference(stored: Record<string, unknown>, submitted: Record<string, unknown>): string | null {
  for (const field of Object.keys(submitted)) {
    if (JSON.stringify(stored[field] ?? null) !== JSON.stringify(submitted[field] ?? null)) return field;
  }
  return null;
}
