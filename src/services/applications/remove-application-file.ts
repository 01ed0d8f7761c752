/**
 * 删除材料 The applicant removes an uploaded file while the application is a
 * draft or back for correction. The bytes stay in the content-addressed
 * store (another application may hold the same file); only the listing goes.
 */
import type { ApplicationActor } from '../../domain/applications.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type ApplicationActionResult, runApplicationAction } from './run-application-action.js';

export interface RemoveApplicationFileOptions {
  applicationId: number;
  fileId: number;
  actor: ApplicationActor;
}

export async function removeApplicationFile(
  ctx: ServiceContext,
  o: RemoveApplicationFileOptions,
): Promise<ApplicationActionResult> {
  return runApplicationAction(ctx, {
    applicationId: o.applicationId,
    actor: o.actor,
    input: { action: 'remove_file' },
    effects: async ({ trx, app }) => {
      const removed = await trx
        .deleteFrom('service_application_files')
        .where('id', '=', o.fileId)
        .where('application_id', '=', app.id)
        .returning(['material_code', 'sha256'])
        .executeTakeFirst();
      if (!removed) throw new AppError('SERVICE_FILE_NOT_FOUND', { file: o.fileId });
      return { data: { file: o.fileId, material: removed.material_code }, public: false };
    },
  });
}
