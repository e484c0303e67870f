import { readFileSync } from 'node:fs';
import { isEnumType, isInputObjectType, isObjectType, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildGraphqlSchema } from './schema.js';

const SDL_FILE = new URL('../../schema.graphql', import.meta.url);

describe('the GraphQL schema, a product in itself', () => {
  it('describes every type, field, argument and enum value', async () => {
    const schema = await buildGraphqlSchema();
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
      }
    }
    expect(undocumented.join('\n')).toBe('');
  });

  it('lists every field’s arguments in the order the resolver declares them', async () => {
    const schema = await buildGraphqlSchema();
    const argsOf = (type: 'Query' | 'Mutation', field: string) =>
      (type === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[field].args.map((arg) => arg.name);
    // @Arg parameters (applied last first by TypeScript) and @ArgsType fields alike.
    expect(argsOf('Mutation', 'login')).toEqual(['username', 'password']);
    expect(argsOf('Mutation', 'setIndicatorApplicable')).toEqual(['indicatorId', 'applicable']);
    expect(argsOf('Query', 'organizationSummary')).toEqual(['orgCode', 'year']);
    expect(argsOf('Query', 'projects')).toEqual(['year', 'orgCode', 'first', 'after']);
    expect(argsOf('Mutation', 'reviewInspection')).toEqual(['id', 'accept', 'reason']);
  });

  it('is committed as packages/server/schema.graphql (regenerate with `pnpm --filter @jixiao/server schema`)', async () => {
    expect(readFileSync(SDL_FILE, 'utf8')).toBe(`${printSchema(await buildGraphqlSchema())}\n`);
  });
});
