import { dataPaths } from '../config.js';
import { createDb } from '../db.js';
import { databaseUrl } from '../main.js';
import { Organization } from '../modules/organization/organization.entity.js';
import { createOrganization } from '../modules/organization/organization.service.js';
import { reportValidation } from './account-errors.js';
import type { CliIo, DataOptions } from './main.js';

const FLAGS = { code: '<code>', name: '<name>', parentCode: '--parent' };

/**
 * `jixiao org add CODE NAME [--parent CODE]`: a new organization. Once there is one, a new one needs
 * a parent, so that units hang under the tree and the admins above them see them.
 */
export async function orgAddCommand(code: string, name: string, options: { parent?: string } & DataOptions, io: CliIo): Promise<number> {
  const db = await createDb({ url: databaseUrl(options.db, options.dataDir), dataDir: dataPaths(options.dataDir).root, mustExist: true });
  try {
    const em = db.em.fork();
    if (options.parent === undefined && (await em.count(Organization, {})) > 0) {
      io.err('jixiao org add：--parent：数据库中已有单位，新单位须挂在已有单位之下，请用 --parent 给出上级单位编码\n');
      return 2;
    }
    const org = await createOrganization(em, { code, name, parentCode: options.parent ?? null }, 'cli');
    io.out(`已创建单位 ${org.code} ${org.name}${options.parent ? `（上级单位 ${options.parent}）` : ''}\n`);
    return 0;
  } catch (error) {
    return reportValidation('org add', FLAGS, error, io);
  } finally {
    await db.close();
  }
}
