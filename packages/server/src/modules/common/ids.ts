const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a record (and PostgreSQL would refuse to compare it). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
