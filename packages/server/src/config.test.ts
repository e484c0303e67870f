import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataPaths } from './config.js';

describe('dataPaths: one data folder for the database, photos, secret, backups and certificates', () => {
  const saved = process.env.JIXIAO_DATA_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.JIXIAO_DATA_DIR;
    else process.env.JIXIAO_DATA_DIR = saved;
  });

  const layout = (root: string) => ({
    root,
    database: join(root, 'jixiao.sqlite'),
    uploads: join(root, 'uploads'),
    secret: join(root, 'secret'),
    backups: join(root, 'backups'),
    tls: join(root, 'tls'),
    auditKey: join(root, 'audit.key'),
    auditHeads: join(root, 'audit-heads'),
  });

  const cases: Array<[string, string | undefined, string | undefined, string]> = [
    ['defaults to data/ in the working directory (the layout of earlier versions)', undefined, undefined, resolve('data')],
    ['takes JIXIAO_DATA_DIR', undefined, '/srv/jixiao', '/srv/jixiao'],
    ['prefers --data-dir to JIXIAO_DATA_DIR', '/mnt/other', '/srv/jixiao', '/mnt/other'],
    ['makes a relative --data-dir absolute, so photos never depend on a later working directory', 'site-a', undefined, resolve('site-a')],
    ['ignores an empty JIXIAO_DATA_DIR', undefined, '', resolve('data')],
  ];
  for (const [sentence, option, env, root] of cases) {
    it(sentence, () => {
      if (env === undefined) delete process.env.JIXIAO_DATA_DIR;
      else process.env.JIXIAO_DATA_DIR = env;
      expect(dataPaths(option)).toEqual(layout(root));
    });
  }
});
