import { createHash } from 'node:crypto';
import type { TestApi } from './api.js';
import { Upload } from '../modules/upload/upload.entity.js';
import { User } from '../modules/user/user.entity.js';

/** The SHA-256 of the accepting person's signature that test inspections carry. */
export const SIGNATURE = createHash('sha256').update('验收人签名').digest('hex');

/**
 * Stands for the signature image a user uploaded through PUT /uploads (the upload route is tested
 * in the upload module): an inspection of a project that requires a signature names it. Safe to call
 * again.
 */
export async function storedSignature(api: TestApi, username = 'inspector', sha256 = SIGNATURE): Promise<string> {
  const em = api.db.em.fork();
  if (await em.findOne(Upload, { sha256 })) return sha256;
  const uploadedBy = await em.findOneOrFail(User, { username });
  em.create(Upload, { sha256, uploadedBy, mime: 'image/png', bytes: 2400, width: 600, height: 200 });
  await em.flush();
  return sha256;
}

/** The seed's repair project, whose indicators inspections feed. */
export const REPAIR_PROJECT = '派出法庭安全隐患维修项目';

/** The id of one of the court's (218101) seed projects, looked up through GraphQL as `token`'s user. */
export async function courtProjectId(api: TestApi, token: string, name = REPAIR_PROJECT): Promise<string> {
  const result = await api.gql<{ projects: { nodes: Array<{ id: string; name: string }> } }>(
    '{ projects(orgCode: "218101") { nodes { id name } } }',
    {},
    token,
  );
  return result.data!.projects.nodes.find((p) => p.name === name)!.id;
}
