import type { MessageCompiler, MessageContext } from 'vue-i18n';

/** A named placeholder, `{name}` (vue-i18n's syntax, spaces allowed). */
const PLACEHOLDER = /\{\s*(\w+)\s*\}/;

/** A named value as vue-i18n writes it: nothing for null or undefined, JSON for an array or plain object. */
function display(value: unknown): string {
  if (value == null) return '';
  if (Array.isArray(value) || (Object.prototype.toString.call(value) === '[object Object]' && (value as object).toString === Object.prototype.toString))
    return JSON.stringify(value, null, 2);
  return String(value);
}

/**
 * vue-i18n's message compiler for the app's texts, which are plain strings with `{name}`
 * placeholders and nothing else of vue-i18n's message syntax (no plurals, no linked messages):
 * a text becomes its parts, joined with the named values at call time. vue-i18n's own compiler
 * (tokenizer, parser, code generator) would otherwise run for every text a screen shows, while the
 * screen is being drawn — a good part of the first screen's task on a phone. compile.test.ts
 * checks every text of every language comes out as vue-i18n's compiler writes it.
 */
export const compileMessage: MessageCompiler = (source) => {
  if (typeof source !== 'string') throw new Error('i18n: the app’s texts are strings (a precompiled message reached the compiler)');
  const parts = source.split(PLACEHOLDER);
  if (parts.length === 1) return () => source;
  return (ctx: MessageContext<string>) => parts.map((part, i) => (i % 2 === 1 ? display(ctx.named(part)) : part)).join('');
};
