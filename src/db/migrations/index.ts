/**
 * The list of migrations, in order. Imported statically so the built server
 * bundle carries them; names are timestamps and never change.
 */
import type { Migration } from 'kysely';
import * as init from './2026-11-26T2130-init.js';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26T2130-init': init,
};
