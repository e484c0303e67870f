import { createInterface } from 'node:readline/promises';
import { MIN_PASSWORD_LENGTH } from '../modules/user/user.service.js';

/** Questions asked on a terminal; tests hand in scripted answers. */
export interface Prompter {
  ask(question: string): Promise<string>;
  /** Like ask, without echoing what is typed (passwords). */
  askHidden(question: string): Promise<string>;
  close(): void;
}

/** readline's hook for what it echoes; not in its public types. */
interface EchoingInterface {
  _writeToOutput(text: string): void;
}

/** Asks on the process's terminal; hidden answers are not echoed. */
export function terminalPrompter(): Prompter {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const echoing = rl as unknown as EchoingInterface;
  const echo = echoing._writeToOutput.bind(rl);
  let hidden = false;
  echoing._writeToOutput = (text: string) => {
    // While a password is typed only the line end is shown.
    if (!hidden || text.includes('\n') || text.includes('\r')) echo(hidden ? '\n' : text);
  };
  return {
    ask: async (question) => (await rl.question(question)).trim(),
    askHidden: async (question) => {
      process.stdout.write(question);
      hidden = true;
      try {
        return await rl.question('');
      } finally {
        hidden = false;
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
