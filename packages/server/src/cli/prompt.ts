import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { MIN_PASSWORD_LENGTH } from '../modules/user/user.service.js';

/** Questions asked on a terminal; tests hand in scripted answers. */
export interface Prompter {
  ask(question: string): Promise<string>;
  /** Like ask, without echoing what is typed (passwords). */
  askHidden(question: string): Promise<string>;
  close(): void;
}

/** Asks on the process's terminal; hidden answers are not echoed. */
export function terminalPrompter(): Prompter {
  let hidden = false;
  // readline echoes what is typed to its output: while a password is typed, that output drops it.
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      if (!hidden) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return {
    ask: async (question) => (await rl.question(question)).trim(),
    askHidden: async (question) => {
      process.stdout.write(question);
      hidden = true;
      try {
        return await rl.question('');
      } finally {
        hidden = false;
        process.stdout.write('\n');
      }
    },
    close: () => rl.close(),
  };
}

/** Asks for a new password twice until both agree and it is long enough; null after three failures. */
export async function askNewPassword(prompter: Prompter, err: (text: string) => void): Promise<string | null> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const password = await prompter.askHidden(`新密码（至少 ${MIN_PASSWORD_LENGTH} 位，输入时不显示）：`);
    if (password.length < MIN_PASSWORD_LENGTH) {
      err(`密码至少 ${MIN_PASSWORD_LENGTH} 位，请重新输入\n`);
      continue;
    }
    if ((await prompter.askHidden('再输入一次：')) === password) return password;
    err('两次输入的密码不一致，请重新输入\n');
  }
  return null;
}
