/** The phone's Jixiao database (offline/db.ts through Dexie; the survey link's src/survey/answer-store.ts directly). */
export const DEFAULT_DB_NAME = 'jixiao';
