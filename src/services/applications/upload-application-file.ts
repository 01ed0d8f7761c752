/**
 * 上传材料 A file for one of the matter's materials. It is checked from its
 * bytes (type, completeness, size, count) and the action against the
 * application's status before anything is stored; then the bytes go to the
 * file store under their SHA-256 and the row that lists them is written in
 * the application's transaction. The same bytes uploaded again for the same
 * material are the same file (a retry creates nothing).
 */
import { findApplication } from '../../db/repositories/service-applications.js';
import { loadMatterVersionById } from '../../db/repositories/service-matters.js';
import type { ApplicationFileRow } from '../../db/schema-services.js';
import { type ApplicationActor, decideApplication } from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { checkUpload } from '../files/check-upload.js';
import { fileStoreOf, sha256Of } from '../files/file-store.js';
import { authorisationOf, runApplicationAction, snapshotOfApplication } from './run-application-action.js';

export interface UploadApplicationFileOptions {
  applicationId: number;
  actor: ApplicationActor;
  materialCode: string;
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface UploadResult {
  file: ApplicationFileRow;
  /** false when the same bytes were already there for this material */
  created: boolean;
}

const FILE_NAME_MAX = 200;

function cleanName(name: string): string {
  // Only the last path segment, without control characters: it is shown, never used as a path.
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127)
    .join('')
    .trim();
  return cleaned.slice(0, FILE_NAME_MAX) || 'file';
}

export async function uploadApplicationFile(
  ctx: ServiceContext,
  o: UploadApplicationFileOptions,
): Promise<UploadResult> {
  const app = await findApplication(ctx.db, o.applicationId);
  if (!app) throw new AppError('APPLICATION_NOT_FOUND', { application: o.applicationId });
  const version = await loadMatterVersionById(ctx.db, app.matter_id, app.matter_version);
  if (!version) throw new Error(`application ${app.id} points at a missing matter version`);
  // Judge the action before storing anything, so a refused upload leaves no file behind.
  decideApplication(
    snapshotOfApplication(app, version, await authorisationOf(ctx.db, app)),
    { action: 'upload' },
    o.actor,
    ctx.clock(),
  );
  const material = version.guide.materials.find((m) => m.code === o.materialCode);
  if (!material) throw new AppError('MATERIAL_UNKNOWN', { material: o.materialCode });
  const sha256 = sha256Of(o.bytes);
  const existing = await ctx.db
    .selectFrom('service_application_files')
    .selectAll()
    .where('application_id', '=', app.id)
    .where('material_code', '=', material.code)
    .execute();
  const same = existing.find((f) => f.sha256 === sha256);
  if (same) return { file: same, created: false };
  const fileName = cleanName(o.fileName);
  const checked = checkUpload(material, {
    bytes: o.bytes,
    fileName,
    mediaType: o.mediaType,
    existingCount: existing.length,
  });
  await fileStoreOf(ctx).put(o.bytes);

  let file: ApplicationFileRow | null = null;
  await runApplicationAction(ctx, {
    applicationId: app.id,
    actor: o.actor,
    input: { action: 'upload' },
    effects: ({ now }) => ({
      data: { material: material.code, sha256, size: o.bytes.length },
      public: false,
      after: async (t, updated) => {
        // Counted again under the row lock: two uploads at once must not both take the last place.
        const count = await t
          .selectFrom('service_application_files')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('application_id', '=', updated.id)
          .where('material_code', '=', material.code)
          .executeTakeFirstOrThrow();
        if (Number(count.n) >= material.maxCount)
          throw new AppError('UPLOAD_TOO_MANY', {
            material: `${material.name.zh} ${material.name.en}`,
            max: material.maxCount,
          });
        file = await t
          .insertInto('service_application_files')
          .values({
            application_id: updated.id,
            material_code: material.code,
            sha256,
            size: o.bytes.length,
            media_type: checked.mediaType,
            file_name: fileName,
            submission_round: updated.submission_round,
            uploaded_by_user_id: o.actor.userId,
            uploaded_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      },
    }),
  });
  if (!file) throw new Error('upload wrote no file row');
  return { file, created: true };
}
