import { performance } from 'node:perf_hooks';
import { dataPaths } from '../config.js';
import { createDb } from '../db.js';
import { databaseUrl } from '../main.js';
import { rebuildScorecards, scorecardDifferences } from '../modules/read-model/scorecards.js';
import type { CliIo } from './main.js';

/** Differences listed before "…": enough to see what is wrong. */
const SHOWN = 20;

/**
 * `jixiao rebuild-scorecards`: throws the stored scorecards away and scores every project again from
 * its records, in one transaction (the server may keep running: its writers wait). With --check it
 * only compares them with a computation from scratch and lists where they differ (exit 1), writing
 * nothing.
 */
export async function rebuildScorecardsCommand(options: { db?: string; dataDir?: string; check?: boolean }, io: CliIo): Promise<number> {
  const paths = dataPaths(options.dataDir);
  const db = await createDb({ url: databaseUrl(options.db, options.dataDir), dataDir: paths.root, mustExist: true });
  try {
    const em = db.em.fork();
    const started = performance.now();
    if (options.check) {
      const differences = await scorecardDifferences(em);
      if (differences.length === 0) {
        io.out('存储的评分与按记录重新计算的结果一致\n');
        return 0;
      }
      const shown = differences.slice(0, SHOWN).map((line) => `  ${line}\n`);
      const more = differences.length > SHOWN ? `  …另有 ${differences.length - SHOWN} 处\n` : '';
      io.out(`存储的评分有 ${differences.length} 处与重新计算的结果不同（可运行 jixiao rebuild-scorecards 重建）：\n${shown.join('')}${more}`);
      return 1;
    }
    const { projects, indicators } = await rebuildScorecards(em);
    io.out(`已重建评分：${projects} 个项目、${indicators} 个指标，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒\n`);
    return 0;
  } finally {
    await db.close();
  }
}
