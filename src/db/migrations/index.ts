/**
 * The list of migrations, in order. Imported statically so the built server
 * bundle carries them; names are timestamps and never change.
 */
import type { Migration } from 'kysely';
import * as init from './2026-11-26T2130-init.js';
import * as auth from './2026-11-26T2200-auth-idempotency.js';
import * as sweepOutbox from './2026-11-26T2300-sweep-outbox.js';
import * as suggestedUnit from './2026-11-27T0000-suggested-unit.js';
import * as open311 from './2026-11-27T0100-open311.js';
import * as assessment from './2026-11-27T0200-assessment.js';
import * as importRuns from './2026-11-27T0400-import-runs.js';
import * as intakeSearch from './2026-11-28T0330-intake-search.js';
import * as onlineServices from './2026-11-28T0500-online-services.js';
import * as retention from './2026-11-29T0100-retention.js';
import * as emergency from './2026-11-30T0900-emergency.js';
import * as authNotify from './2026-12-01T0100-auth-notify.js';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26T2130-init': init,
  '2026-11-26T2200-auth-idempotency': auth,
  '2026-11-26T2300-sweep-outbox': sweepOutbox,
  '2026-11-27T0000-suggested-unit': suggestedUnit,
  '2026-11-27T0100-open311': open311,
  '2026-11-27T0200-assessment': assessment,
  '2026-11-27T0400-import-runs': importRuns,
  '2026-11-28T0330-intake-search': intakeSearch,
  '2026-11-28T0500-online-services': onlineServices,
  '2026-11-29T0100-retention': retention,
  '2026-11-30T0900-emergency': emergency,
  '2026-12-01T0100-auth-notify': authNotify,
};
