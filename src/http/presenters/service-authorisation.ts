/** 代办授权 on the wire: the villager's identity masked except for the agent who recorded it and the villager. */
import type { AuthorisationRow } from '../../db/schema-services.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';

export function authorisationStatus(
  a: AuthorisationRow,
  now: Date,
): 'active' | 'expired' | 'withdrawn' | 'pending' {
  if (a.withdrawn_at !== null) return 'withdrawn';
  if (now.getTime() < a.valid_from.getTime()) return 'pending';
  return now.getTime() > a.valid_until.getTime() ? 'expired' : 'active';
}

export function presentAuthorisation(
  a: AuthorisationRow,
  o: {
    now: Date;
    clear: boolean;
    cipher: PersonalDataCipher;
    matter: { code: string; name: { zh: string; en: string } } | null;
    agentName: string | null;
    applications: { id: number; number: string; status: string }[];
  },
) {
  return {
    id: a.id,
    status: authorisationStatus(a, o.now),
    matter: o.matter,
    villager: {
      name: o.clear ? o.cipher.decrypt(a.villager_name_enc) : a.villager_name_masked,
      phone: o.clear ? o.cipher.decrypt(a.villager_phone_enc) : a.villager_phone_masked,
      idNumber:
        a.villager_id_enc === null
          ? null
          : o.clear
            ? o.cipher.decrypt(a.villager_id_enc)
            : a.villager_id_masked,
      hasAccount: a.villager_user_id !== null,
    },
    agent: { userId: a.agent_user_id, name: o.agentName },
    areaCode: a.area_code,
    consent: a.consent,
    note: a.note,
    validFrom: a.valid_from,
    validUntil: a.valid_until,
    createdAt: a.created_at,
    withdrawnAt: a.withdrawn_at,
    withdrawnBy: a.withdrawn_by,
    withdrawReason: a.withdraw_reason,
    applications: o.applications,
  };
}
