/**
 * Callers of the demo: random but realistic names and mobile numbers,
 * sealed exactly as intake seals them, with a few people who call again and
 * again so the agent's "caller history" (来电历史) has content.
 */
import type { PersonalDataCipher } from '../../security/personal-data.js';
import { lastFour, maskName, maskPhone } from '../../security/personal-data.js';
import type { Random } from './random.js';
import { CITIZEN_SURNAMES, GIVEN_NAME_CHARS } from './texts.js';

/** Mobile prefixes of the three operators (移动 / 联通 / 电信), 1[3-9]x. */
const PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

export interface Citizen {
  name: string | null;
  phone: string;
  /** the keyed phone hash, computed once per caller (repeat callers come back) */
  hash?: string;
}

/** The sealed and masked columns intake writes for a caller. */
export interface SealedCitizen {
  anonymous: boolean;
  citizen_name_enc: string | null;
  citizen_name_masked: string | null;
  citizen_phone_enc: string;
  citizen_phone_hash: string;
  citizen_phone_masked: string;
  citizen_phone_last4: string;
}

const ANONYMOUS_SHARE = 0.1;
/** Share of tickets from someone who has called before, and how many such callers are remembered. */
const REPEAT_SHARE = 0.04;
const NEW_REPEATER_SHARE = 0.012;
const POOL_SIZE = 3000;

export class CitizenPool {
  private readonly repeaters: Citizen[] = [];

  constructor(
    private readonly r: Random,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** A caller for the next ticket: mostly someone new, sometimes a familiar voice. */
  next(): Citizen {
    if (this.repeaters.length > 0 && this.r.chance(REPEAT_SHARE)) return this.r.pick(this.repeaters);
    const citizen: Citizen = {
      name: this.r.chance(ANONYMOUS_SHARE) ? null : this.name(),
      phone: this.phone(),
    };
    if (this.r.chance(NEW_REPEATER_SHARE)) {
      if (this.repeaters.length >= POOL_SIZE) this.repeaters.shift();
      this.repeaters.push(citizen);
    }
    return citizen;
  }

  /** Sealed as intake-ticket.ts does: AES-GCM ciphertexts, keyed phone hash, masks. */
  seal(citizen: Citizen): SealedCitizen {
    citizen.hash ??= this.cipher.hashPhone(citizen.phone);
    return {
      anonymous: citizen.name === null,
      citizen_name_enc: citizen.name ? this.cipher.encrypt(citizen.name) : null,
      citizen_name_masked: citizen.name ? maskName(citizen.name) : null,
      citizen_phone_enc: this.cipher.encrypt(citizen.phone),
      citizen_phone_hash: citizen.hash,
      citizen_phone_masked: maskPhone(citizen.phone),
      citizen_phone_last4: lastFour(citizen.phone),
    };
  }

  private name(): string {
    const surname = this.r.pick(CITIZEN_SURNAMES);
    const given = this.r.chance(0.65)
      ? this.r.pick(GIVEN_NAME_CHARS) + this.r.pick(GIVEN_NAME_CHARS)
      : this.r.pick(GIVEN_NAME_CHARS);
    return surname + given;
  }

  private phone(): string {
    let digits = this.r.pick(PREFIXES);
    for (let i = 0; i < 8; i++) digits += String(this.r.int(0, 9));
    return digits;
  }
}
