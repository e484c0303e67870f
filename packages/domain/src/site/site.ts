/** Kinds of place where repairs are done and equipment stands; the API's SiteKind enum. */
export const SITE_KINDS = ['DISPATCHED_TRIBUNAL', 'TECH_COURT', 'OFFICE', 'OTHER'] as const;

export type SiteKind = (typeof SITE_KINDS)[number];

/** How a site kind is shown, in the order a picker lists them. */
export const SITE_KIND_LABELS: Readonly<Record<SiteKind, string>> = {
  DISPATCHED_TRIBUNAL: '派出法庭',
  TECH_COURT: '科技法庭',
  OFFICE: '办公室',
  OTHER: '其他',
};

/** How long a site's text may be, in characters, after trimming. */
export const SITE_LIMITS = { name: 100, address: 200 } as const;

/** A site as a form or the API holds it. */
export interface SiteRecord {
  /** 名称, e.g. "大孟庄法庭"; unique within its unit. */
  name: string;
  /** null while none is chosen. */
  kind: SiteKind | null;
  address?: string | null;
}

export type SiteField = 'name' | 'kind' | 'address';

export interface SiteProblem {
  field: SiteField;
  rule: 'REQUIRED' | 'TOO_LONG' | 'UNKNOWN';
  /** The limit broken by TOO_LONG (characters). */
  limit?: number;
  /** What to tell the person, in Chinese. */
  message: string;
}

/**
 * Everything that keeps a site from being saved, in the order of the form, or an empty list: the
 * name is given and at most SITE_LIMITS.name characters, a kind of SITE_KINDS is chosen, the
 * address is at most SITE_LIMITS.address characters. Text is checked trimmed.
 *
 * @example checkSite({ name: ' ', kind: null }).map((p) => p.field) // ['name', 'kind']
 */
export function checkSite(site: SiteRecord): SiteProblem[] {
  const name = site.name.trim();
  const address = site.address?.trim() ?? '';
  const problems: SiteProblem[] = [];
  if (name === '') problems.push({ field: 'name', rule: 'REQUIRED', message: '请填写地点名称' });
  if (name.length > SITE_LIMITS.name) {
    problems.push({ field: 'name', rule: 'TOO_LONG', limit: SITE_LIMITS.name, message: `地点名称最长 ${SITE_LIMITS.name} 个字符，实际为 ${name.length}` });
  }
  if (site.kind === null) problems.push({ field: 'kind', rule: 'REQUIRED', message: '请选择地点类型' });
  else if (!(SITE_KINDS as readonly string[]).includes(site.kind))
    problems.push({ field: 'kind', rule: 'UNKNOWN', message: '地点类型应为派出法庭、科技法庭、办公室或其他' });
  if (address.length > SITE_LIMITS.address) {
    problems.push({
      field: 'address',
      rule: 'TOO_LONG',
      limit: SITE_LIMITS.address,
      message: `地址最长 ${SITE_LIMITS.address} 个字符，实际为 ${address.length}`,
    });
  }
  return problems;
}
