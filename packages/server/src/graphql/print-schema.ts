import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildGraphqlSchema } from './schema.js';

// Writes schema.graphql for people who read the API without running it.
writeFileSync(new URL('../../schema.graphql', import.meta.url), `${printSchema(await buildGraphqlSchema())}\n`);
