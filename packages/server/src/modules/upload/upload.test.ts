import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, seedWorld, type TestApi } from '../../test/api.js';
import { DIALECTS, testPostgresUrl } from '../../test/databases.js';
import { HEIC_DECODABLE } from './reencode-photo.js';
import { SIGNATURE, storedSignature } from '../../test/inspections.js';
import { Upload } from './upload.entity.js';
import { missingUploads, type UploadMetadata } from './upload.service.js';
import { pngFile } from '../../test/png.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A 60×40 JPEG that its EXIF turns upright to 40×60, taken in Tianjin at 10:30 Beijing time. */
async function cameraJpeg(colour = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 40, channels: 3, background: colour } })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Serial 12345' },
      IFD2: { DateTimeOriginal: '2024:05:01 10:30:00', OffsetTimeOriginal: '+08:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 22/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '117/1 2/1 1500/100' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

/** A PNG whose header claims 50000×50000 (2.5 gigapixels), a few hundred bytes long. */
function pngBomb(): Buffer {
  return pngFile({ width: 50_000, height: 50_000, colourType: 0 }, deflateSync(Buffer.alloc(50_001 * 16)));
}

interface ErrorBody {
  error: { code: string; message: string };
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgresql' && !testPostgresUrl)(`uploads [${dialect}]`, () => {
    let api: TestApi;
    let uploadsDir: string;
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      uploadsDir = await mkdtemp(join(tmpdir(), 'jixiao-uploads-'));
      // A small byte limit, so that "too large" needs no 15 MB body.
      api = await openTestApi(dialect, { uploadsDir, uploadMaxBytes: 256 * 1024, uploadMaxPixels: 40_000_000 });
      await seedWorld(api);
      for (const name of ['admin', 'manager', 'inspector', 'viewer', 'parent-manager', 'other-manager']) tokens[name] = await api.login(name);
    });

    afterAll(async () => {
      await api?.db.close();
      if (uploadsDir) await rm(uploadsDir, { recursive: true, force: true });
    });

    const put = (body: Buffer, options: { token?: string | null; hash?: string; contentType?: string } = {}) =>
      api.app.server.inject({
        method: 'PUT',
        url: `/uploads/${options.hash ?? sha256(body)}`,
        headers: {
          'content-type': options.contentType ?? 'image/jpeg',
          ...(options.token === null ? {} : { authorization: `Bearer ${options.token ?? tokens.inspector}` }),
        },
        payload: body,
      });

    const get = (hash: string, token: string | null = tokens.manager, query = '') =>
      api.app.server.inject({ method: 'GET', url: `/uploads/${hash}${query}`, headers: token ? { authorization: `Bearer ${token}` } : {} });

    const rowCount = (hash: string) => api.db.em.fork().count(Upload, { sha256: hash });

    it('stores a camera JPEG upright and stripped, keeping capture time and GPS as fields', async () => {
      const photo = await cameraJpeg();
      const hash = sha256(photo);
      const response = await put(photo);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({
        sha256: hash,
        mime: 'image/jpeg',
        bytes: photo.length,
        width: 40,
        height: 60,
        capturedAt: '2024-05-01T02:30:00.000Z',
        latitude: 39.375,
        longitude: 117.0375,
      });

      const stored = await readFile(join(uploadsDir, hash.slice(0, 2), `${hash}.jpg`));
      const metadata = await sharp(stored).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['jpeg', 40, 60]);
      expect(metadata.exif).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(stored.includes('TestCam')).toBe(false);

      const row = await api.db.em.fork().findOneOrFail(Upload, { sha256: hash }, { populate: ['uploadedBy'] });
      expect(row.capturedAt?.toISOString()).toBe('2024-05-01T02:30:00.000Z');
      expect([row.latitude, row.longitude]).toEqual([39.375, 117.0375]);
      expect(row.uploadedBy?.username).toBe('inspector');
      // Written by temporary file and rename: no temporary file is left behind.
      expect((await readdir(join(uploadsDir, hash.slice(0, 2)))).filter((name) => name.includes(hash)).sort()).toEqual([`${hash}.jpg`, `${hash}.thumb.jpg`]);
    });

    it('stores a PNG with transparency and a WebP, re-encoded as JPEG', async () => {
      const png = await sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } })
        .png()
        .toBuffer();
      const webp = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#00aa00' } })
        .webp()
        .toBuffer();
      for (const [bytes, mime, width, height] of [
        [png, 'image/png', 800, 600],
        [webp, 'image/webp', 30, 20],
      ] as const) {
        const response = await put(bytes, { token: tokens.manager, contentType: mime === 'image/png' ? 'application/octet-stream' : 'application/json' });
        expect(response.statusCode).toBe(201);
        expect(response.json()).toMatchObject({ mime, width, height, capturedAt: null, latitude: null, longitude: null });
        const stored = await readFile(join(uploadsDir, sha256(bytes).slice(0, 2), `${sha256(bytes)}.jpg`));
        expect((await sharp(stored).metadata()).format).toBe('jpeg');
      }
    });

    it('caps the longest side of a large photo at 4096 pixels', async () => {
      const wide = await sharp({ create: { width: 5000, height: 100, channels: 3, background: '#ffffff' } })
        .jpeg()
        .toBuffer();
      const response = await put(wide, { token: tokens.admin });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ width: 4096, height: 82 });
    });

    it('answers a repeated upload with the stored metadata, 200, and keeps one row', async () => {
      const photo = await cameraJpeg('#0099ff');
      const first = await put(photo);
      expect(first.statusCode).toBe(201);
      const again = await put(photo, { token: tokens.manager });
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
      expect(again.json<UploadMetadata>()).toMatchObject({ sha256: sha256(photo), width: 40, height: 60, capturedAt: '2024-05-01T02:30:00.000Z' });
      expect(await rowCount(sha256(photo))).toBe(1);
    });

    it('ends ten concurrent uploads of one photo with one row, one 201 and the same answer for all', async () => {
      const photo = await cameraJpeg('#aa5500');
      const responses = await Promise.all(Array.from({ length: 10 }, () => put(photo)));
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const bodies = new Set(responses.map((response) => response.body));
      expect(bodies.size).toBe(1);
      expect(JSON.parse([...bodies][0])).toMatchObject({ sha256: sha256(photo), latitude: 39.375 });
      expect(await rowCount(sha256(photo))).toBe(1);
      // The upload is audited once, by whoever stored it.
      const [audit] = await api.db.em
        .fork()
        .getConnection()
        .execute(`select count(*) as n from audit_event where entity = 'Upload' and entity_id = ?`, [sha256(photo)]);
      expect(Number(audit.n)).toBe(1);
      const again = await put(photo);
      expect([again.statusCode, again.body]).toEqual([200, [...bodies][0]]);
    });

    it('refuses a body whose SHA-256 is not the one in the URL (422), storing nothing', async () => {
      const photo = await cameraJpeg('#123456');
      const other = sha256(Buffer.from('another photo'));
      const response = await put(photo, { hash: other });
      expect(response.statusCode).toBe(422);
      expect(response.json<ErrorBody>().error.code).toBe('HASH_MISMATCH');
      expect(response.json<ErrorBody>().error.message).toMatch(/不一致/);
      expect(await rowCount(other)).toBe(0);
      expect(await rowCount(sha256(photo))).toBe(0);
    });

    it('refuses a malformed hash (400)', async () => {
      const photo = await cameraJpeg();
      for (const hash of ['abc', sha256(photo).toUpperCase(), `${sha256(photo)}.jpg`]) {
        const response = await put(photo, { hash });
        expect(response.statusCode, hash).toBe(400);
        expect(response.json<ErrorBody>().error.code).toBe('BAD_USER_INPUT');
      }
    });

    it('refuses an executable renamed .jpg (415) and an empty body (400)', async () => {
      const executable = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0x41)]);
      const response = await put(executable);
      expect(response.statusCode).toBe(415);
      expect(response.json<ErrorBody>()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/JPEG/) } });
      expect(await rowCount(sha256(executable))).toBe(0);

      const empty = await put(Buffer.alloc(0));
      expect(empty.statusCode).toBe(400);
    });

    it.skipIf(HEIC_DECODABLE)('refuses HEIC, telling the user to switch the camera to 兼容性最佳 (415)', async () => {
      const box = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]);
      const response = await put(box, { contentType: 'image/heic' });
      expect(response.statusCode).toBe(415);
      expect(response.json<ErrorBody>().error.code).toBe('HEIC_NOT_SUPPORTED');
      expect(response.json<ErrorBody>().error.message).toMatch(/兼容性最佳/);
    });

    it('refuses a photo larger than the configured limit (413)', async () => {
      const large = Buffer.concat([await cameraJpeg(), Buffer.alloc(300 * 1024)]);
      const response = await put(large);
      expect(response.statusCode).toBe(413);
      expect(response.json<ErrorBody>().error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/256 KB/) });
    });

    it('refuses a decompression bomb from its header (413), without decoding it', async () => {
      const bomb = pngBomb();
      expect(bomb.length).toBeLessThan(2000);
      const started = Date.now();
      const response = await put(bomb, { contentType: 'image/png' });
      expect(response.statusCode).toBe(413);
      expect(response.json<ErrorBody>().error).toEqual({ code: 'TOO_MANY_PIXELS', message: expect.stringMatching(/50000×50000/) });
      // Decoding 2.5 gigapixels would take many seconds and gigabytes.
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await rowCount(sha256(bomb))).toBe(0);
    });

    it('lets ADMIN, MANAGER and INSPECTOR upload, refuses a VIEWER (403) and asks for a login (401)', async () => {
      const photo = await cameraJpeg('#654321');
      const viewer = await put(photo, { token: tokens.viewer });
      expect(viewer.statusCode).toBe(403);
      expect(viewer.json<ErrorBody>().error.code).toBe('FORBIDDEN');
      const anonymous = await put(photo, { token: null });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json<ErrorBody>().error.code).toBe('UNAUTHENTICATED');
      const forged = await put(photo, { token: 'not-a-token' });
      expect(forged.statusCode).toBe(401);
      expect(await rowCount(sha256(photo))).toBe(0);
    });

    it('serves the stored JPEG and its thumbnail, immutable, to the organization and its parent', async () => {
      const png = await sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } })
        .png()
        .toBuffer();
      const hash = sha256(png);
      expect([200, 201]).toContain((await put(png)).statusCode);
      for (const name of ['manager', 'viewer', 'parent-manager']) {
        const response = await get(hash, tokens[name]);
        expect(response.statusCode, name).toBe(200);
        expect(response.headers['content-type']).toBe('image/jpeg');
        expect(response.headers['cache-control']).toMatch(/immutable/);
        expect(response.rawPayload.equals(await readFile(join(uploadsDir, hash.slice(0, 2), `${hash}.jpg`)))).toBe(true);
      }
      const thumb = await get(hash, tokens.manager, '?variant=thumb');
      expect(thumb.statusCode).toBe(200);
      const metadata = await sharp(thumb.rawPayload).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['jpeg', 320, 240]);

      const cached = await api.app.server.inject({
        method: 'GET',
        url: `/uploads/${hash}`,
        headers: { authorization: `Bearer ${tokens.manager}`, 'if-none-match': thumb.headers.etag?.toString().replace('.thumb', '') ?? '' },
      });
      expect(cached.statusCode).toBe(304);
      expect((await get(hash, tokens.manager, '?variant=huge')).statusCode).toBe(400);
    });

    it('lets a unit see a photo another unit uploaded first once one of its inspections names it', async () => {
      const photo = await cameraJpeg('#aa7700');
      const hash = sha256(photo);
      expect((await put(photo, { token: tokens['other-manager'] })).statusCode).toBe(201);
      expect((await get(hash, tokens.manager)).statusCode).toBe(403);
      await storedSignature(api);
      // Knowing the hash is not enough: the court's inspection naming it hears MISSING_UPLOAD, as for
      // a photo never uploaded.
      const projectsFirst = await api.gql<{ projects: { nodes: Array<{ id: string }> } }>(
        '{ projects(orgCode: "218101") { nodes { id } } }',
        {},
        tokens.inspector,
      );
      const early = await api.gql(
        'mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id } }',
        {
          input: {
            clientId: `early-${hash.slice(0, 12)}`,
            projectId: projectsFirst.data!.projects.nodes[0].id,
            kind: 'REPAIR',
            itemName: '法庭门窗',
            passed: true,
            photos: [hash],
            signature: SIGNATURE,
            capturedAt: '2023-09-01T10:00:00+08:00',
          },
        },
        tokens.inspector,
      );
      expect(early.errors![0]).toMatchObject({ extensions: { code: 'MISSING_UPLOAD', hashes: [hash] } });
      // The court's inspector takes the same picture (same bytes): nothing new is stored, but the
      // court now holds the photo …
      expect((await put(photo)).statusCode).toBe(200);
      const projects = await api.gql<{ projects: { nodes: Array<{ id: string }> } }>('{ projects(orgCode: "218101") { nodes { id } } }', {}, tokens.inspector);
      const submitted = await api.gql(
        'mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id } }',
        {
          input: {
            clientId: `shared-${hash.slice(0, 12)}`,
            projectId: projects.data!.projects.nodes[0].id,
            kind: 'REPAIR',
            itemName: '法庭门窗',
            passed: true,
            photos: [hash],
            signature: SIGNATURE,
            capturedAt: '2023-09-01T10:00:00+08:00',
          },
        },
        tokens.inspector,
      );
      expect(submitted.errors).toBeUndefined();
      // … and once an inspection of the court names it, the court's managers see it.
      expect((await get(hash, tokens.manager)).statusCode).toBe(200);
      expect((await get(hash, tokens.viewer, '?variant=thumb')).statusCode).toBe(200);
    });

    it("refuses another organization's photo and an unknown hash alike (403), and asks for a login (401)", async () => {
      const photo = await cameraJpeg();
      expect([200, 201]).toContain((await put(photo)).statusCode);
      const hash = sha256(photo);
      const foreign = await get(hash, tokens['other-manager']);
      const unknown = await get(sha256(Buffer.from('never uploaded')), tokens.manager);
      expect(foreign.statusCode).toBe(403);
      expect(unknown.statusCode).toBe(403);
      expect(foreign.body).toBe(unknown.body);
      expect(foreign.json<ErrorBody>().error.code).toBe('FORBIDDEN');
      expect((await get(hash, tokens['other-manager'], '?variant=thumb')).statusCode).toBe(403);
      expect((await get(hash, null)).statusCode).toBe(401);
    });

    it('missingUploads names the hashes without an upload, once each, in order', async () => {
      const photo = await cameraJpeg();
      expect([200, 201]).toContain((await put(photo)).statusCode);
      const known = sha256(photo);
      const a = sha256(Buffer.from('a'));
      const b = sha256(Buffer.from('b'));
      const em = api.db.em.fork();
      expect(await missingUploads(em, [b, known, a, b])).toEqual([b, a]);
      expect(await missingUploads(em, [known])).toEqual([]);
      expect(await missingUploads(em, [])).toEqual([]);
    });
  });
}
