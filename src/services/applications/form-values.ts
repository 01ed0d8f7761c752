/** The form values of an application, decrypted: they hold names, ID and passport numbers. */
import type { ApplicationRow } from '../../db/schema-services.js';
import type { FormData } from '../../domain/form-schema.js';
import type { ServiceContext } from '../context.js';

export function formValuesOf(
  ctx: Pick<ServiceContext, 'cipher'>,
  app: Pick<ApplicationRow, 'form_enc'>,
): FormData {
  if (!app.form_enc) return {};
  return JSON.parse(ctx.cipher.decrypt(app.form_enc)) as FormData;
}
