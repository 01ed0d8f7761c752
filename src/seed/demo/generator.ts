/**
 * Draws one demo ticket at a time, in the order they were received: what it
 * is about (category, type, place, caller, words), where it goes (routing),
 * what happens to it (the Scenario: path, detours, on-time or late, callback
 * outcomes) and plays its history. Deterministic: every draw comes from the
 * seeded streams, in ticket order.
 */

import type { CategoryRow, TicketRow } from '../../db/schema.js';
import { isWorkingDay } from '../../domain/calendar.js';
import type { Actor } from '../../domain/decide.js';
import { CN_HOLIDAYS } from '../../domain/holidays-cn.js';
import type { TicketState } from '../../domain/vocabulary.js';
import { REQUEST_TYPES } from '../../domain/vocabulary.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';
import type { ReferenceData } from '../../services/reference-cache.js';
import type { SweepSettings } from '../../services/sweep/ticket-clocks.js';
import { policyFor } from '../../services/tickets/ticket-deadlines.js';
import { CitizenPool } from './citizens.js';
import {
  dayFactor,
  drawChannel,
  type SatisfactionModel,
  TOWNSHIP_PROFILES,
  volumeAt,
} from './distributions.js';
import { HandlingUnits } from './handling-units.js';
import { type HistoryEnv, TicketHistory } from './history.js';
import { runLifecycle, type Scenario, type Stall } from './lifecycle.js';
import { type MixEntry, OutcomeModel } from './outcomes.js';
import { EXEMPT_REASONS, genericTexts, PRAISE_ANSWERS } from './phrases.js';
import { buildTownPlaces, choosePlace, fillTemplate, type TownPlaces } from './places.js';
import {
  CATEGORY_PROFILES,
  type CategoryProfile,
  DEFAULT_PROFILE,
  SPECIAL_PERIODS,
  type SpecialPeriod,
} from './profiles.js';
import { Random, WeightedTable } from './random.js';
import { SweepMirror } from './sweep-mirror.js';
import { DEMO_TEXTS } from './texts.js';
import { LeafTexts, typeTable, type Wording } from './wording.js';

const DAY = 86_400_000;
/** Tickets received this close to `until` may be left waiting in an open state. */
const RECENT_MS = 21 * DAY;
const STALL_CYCLE: readonly Stall[] = [
  'return_requested',
  'in_progress',
  'dispatched',
  'extension_pending',
  'replied',
  'accepted',
  'supervised',
  'in_progress',
  'replied',
];
/** Only the last two days' tickets may still wait for their first dispatch. */
const FRESH = 0.9;

interface Leaf {
  category: CategoryRow;
  profile: CategoryProfile;
  texts: LeafTexts;
  towns: WeightedTable<string>;
}

export interface DayContext {
  date: string;
  year: number;
  month: number;
  dayOff: boolean;
  categories: WeightedTable<number>;
  special: SpecialPeriod | null;
  /** relative volume of the day (trend × weekday × season) */
  weight: number;
}

export interface GeneratorOptions {
  ref: ReferenceData;
  cipher: PersonalDataCipher;
  seed: number;
  until: Date;
  satisfaction: SatisfactionModel;
  sweep: SweepSettings;
}

const HOLIDAY_NAMES = new Map(
  CN_HOLIDAYS.filter((h) => h.kind === 'holiday').map((h) => [h.date, h.name ?? '']),
);

export class DemoGenerator {
  private readonly r: Random;
  private readonly outcomes: OutcomeModel;
  private readonly leaves: Leaf[];
  private readonly baseWeight: number;
  private readonly towns: Map<string, TownPlaces>;
  private readonly units: HandlingUnits;
  private readonly citizens: CitizenPool;
  private readonly env: HistoryEnv;
  /** latest open-or-closed ticket per category and township, for merges of duplicates */
  private readonly recent = new Map<string, { id: number; at: number; state: TicketState }>();
  private stallIndex = 0;
  private waitingForDispatch = 0;

  constructor(private readonly o: GeneratorOptions) {
    this.r = new Random(o.seed, 'tickets');
    this.units = new HandlingUnits(o.ref, new Random(o.seed, 'units'));
    this.citizens = new CitizenPool(new Random(o.seed, 'citizens'), o.cipher);
    this.towns = buildTownPlaces([...o.ref.areas.values()]);
    this.env = {
      ref: o.ref,
      until: o.until.getTime(),
      sweep: new SweepMirror(o.ref, o.sweep),
      centreUnitId: this.units.centreId,
    };
    const texts = new Map(DEMO_TEXTS.map((t) => [t.category, t]));
    const townCodes = [...this.towns.keys()].filter(
      (c) => TOWNSHIP_PROFILES[c] && this.units.township(c) !== null,
    );
    this.leaves = [...o.ref.categories.values()]
      .filter((c) => c.level === 2 && c.active)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((category) => {
        const profile = CATEGORY_PROFILES[category.code] ?? DEFAULT_PROFILE;
        const t = texts.get(category.code);
        const weights = t?.types ?? { complaint: 5, help: 3, inquiry: 2, suggestion: 1 };
        const types = typeTable(weights, REQUEST_TYPES);
        return {
          category,
          profile,
          texts: new LeafTexts(t ?? genericTexts(category.name), types, weights),
          towns: new WeightedTable(townCodes.map((code) => [code, townWeight(profile, code)] as const)),
          typeCount: types.size,
        };
      })
      .filter((leaf) => leaf.towns.size > 0 && leaf.typeCount > 0);
    if (this.leaves.length === 0) throw new Error('no leaf categories to generate demo tickets for');
    this.baseWeight = this.leaves.reduce((sum, leaf) => sum + leaf.profile.weight, 0);
    const mix: MixEntry[] = this.leaves.flatMap((leaf) =>
      townCodes.map((code) => ({
        weight: leaf.profile.weight * townWeight(leaf.profile, code),
        unitId: this.mainUnit(this.units.suggested(leaf.category.id, code, code), code),
        ease: leaf.profile.ease ?? 0,
      })),
    );
    this.outcomes = new OutcomeModel(o.seed, this.r, this.units, mix, o.satisfaction);
  }

  /** The dispatcher follows the suggestion, except that what routing sends to the centre goes to the town. */
  private mainUnit(suggested: number | null, townshipCode: string): number {
    if (suggested !== null && suggested !== this.units.centreId) return suggested;
    return this.units.township(townshipCode) ?? this.units.centreId;
  }

  /** The category mix and relative volume of a Beijing calendar day. */
  day(date: string): DayContext {
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(5, 7));
    const dayOff = !isWorkingDay(this.o.ref.calendar, date);
    const special = SPECIAL_PERIODS.find((p) => date >= p.from && date <= p.to) ?? null;
    const categories = new WeightedTable(
      this.leaves.map((leaf, i) => {
        const p = leaf.profile;
        const w =
          p.weight *
          (p.season?.[month - 1] ?? 1) *
          (dayOff ? (p.offDay ?? 1) : 1) *
          (p.years?.[year] ?? 1) *
          (special?.boost[leaf.category.code] ?? 1);
        return [i, w] as const;
      }),
    );
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weight =
      volumeAt(year, month) *
      dayFactor(dow, dayOff, HOLIDAY_NAMES.get(date) ?? null) *
      (categories.total / this.baseWeight);
    return { date, year, month, dayOff, categories, special, weight };
  }

  /** Draws, handles and returns the ticket received at `receivedAt` (a time of day `day`). */
  ticket(day: DayContext, id: number, number: string, receivedAt: Date): TicketHistory {
    const r = this.r;
    const leaf = this.leaves[day.categories.pick(r)] as Leaf;
    const { profile, category } = leaf;
    const townshipCode = leaf.towns.pick(r);
    const town = this.towns.get(townshipCode) as TownPlaces;
    const place = choosePlace(r, town, profile.place);
    const wording = leaf.texts.draw(r, category.code === 'other-praise' ? 'praise' : undefined);
    const type = wording.type;
    const channel = drawChannel(r, day.year);
    const citizen = this.citizens.seal(this.citizens.next());
    const title = fillTemplate(r, wording.title, place, town).trim();
    const description = fillTemplate(r, wording.body, place, town).trim();
    const withGps = channel === 'app' || channel === 'wechat' ? r.chance(0.8) : r.chance(0.25);
    const township = this.o.ref.areas.get(place.areaCode)?.township_code ?? townshipCode;
    const row: TicketRow = {
      ...emptyTicket(id, number, receivedAt),
      channel,
      type,
      urgency: r.chance(profile.urgent ?? 0.012) ? 'urgent' : 'normal',
      complex: r.chance(profile.complex ?? 0.04),
      title,
      description,
      category_id: category.id,
      area_code: place.areaCode,
      township_code: township,
      // What intake records as the routing suggestion; the dispatcher mostly follows it.
      suggested_unit_id: this.units.suggested(category.id, place.areaCode, township),
      address: r.chance(0.8) ? place.address : null,
      lat: withGps ? place.lat : null,
      lng: withGps ? place.lng : null,
      ...citizen,
      search_text: `${title} ${description}`,
    };
    const intakeActor: Actor =
      channel === 'phone'
        ? { role: 'agent', userId: null, unitIds: [this.units.centreId] }
        : { role: 'citizen', userId: null, unitIds: [] };
    const history = new TicketHistory(this.env, row, intakeActor);
    const reply = (resolved: boolean) => fillTemplate(r, wording.reply(resolved), place, town);
    runLifecycle(history, this.scenario(day, leaf, row, townshipCode, reply), r);
    if (row.state !== 'merged' && row.state !== 'invalid') {
      this.recent.set(`${category.id}:${townshipCode}`, {
        id,
        at: receivedAt.getTime(),
        state: history.state,
      });
    }
    return history;
  }

  private scenario(
    day: DayContext,
    leaf: Leaf,
    row: TicketRow,
    townshipCode: string,
    reply: Wording['reply'],
  ): Scenario {
    const r = this.r;
    const { profile, category } = leaf;
    const received = row.received_at.getTime();
    const routed = row.suggested_unit_id;
    const toCentre = routed === null || routed === this.units.centreId;
    const mainUnitId = this.mainUnit(routed, townshipCode);
    const policy = policyFor(this.o.ref, row);
    const signMinutes =
      policy.sign.amount * (policy.sign.unit === 'minute' ? 1 : policy.sign.unit === 'hour' ? 60 : 1440);
    const base: Scenario = {
      path: 'handled',
      mainUnitId,
      coUnitIds: [],
      returnTo: undefined,
      lateCoUnitId: null,
      extension: null,
      note: r.chance(0.2),
      supervise: r.chance(0.01),
      exemptReason: null,
      callbackVia: (row.channel === 'app' || row.channel === 'wechat') && r.chance(0.3) ? 'link' : 'phone',
      shortClock: signMinutes <= 60,
      rounds: [],
      stall: null,
    };
    const answerable = row.type === 'praise' ? 0.85 : row.type === 'inquiry' ? (toCentre ? 0.9 : 0.5) : 0;
    if (r.chance(answerable)) {
      const answer = row.type === 'praise' ? r.pick(PRAISE_ANSWERS) : reply(true);
      return { ...base, path: 'answer', answer };
    }
    const duplicate = this.recent.get(`${category.id}:${townshipCode}`);
    if (r.chance(0.012) && duplicate && received - duplicate.at < 7 * DAY && duplicate.id < row.id) {
      return { ...base, path: 'merge', merge: { targetId: duplicate.id, targetState: duplicate.state } };
    }
    if (r.chance(0.005)) return { ...base, path: 'invalid' };

    if (r.chance(0.03)) {
      const co = this.units.coUnit(r, profile, townshipCode, mainUnitId);
      if (co !== null) base.coUnitIds = [co];
    }
    if (r.chance(0.03)) {
      base.returnTo = r.chance(0.75)
        ? this.units.alternative(profile, category.id, townshipCode, mainUnitId)
        : null;
    }
    if (r.chance(0.01)) base.lateCoUnitId = this.units.coUnit(r, profile, townshipCode, mainUnitId);
    if (base.lateCoUnitId !== null && base.coUnitIds.includes(base.lateCoUnitId)) base.lateCoUnitId = null;
    if (r.chance(0.02)) base.extension = r.chance(0.8) ? 'approved' : 'rejected';
    const special = day.special;
    if (special?.boost[category.code] && r.chance(special.exempt)) base.exemptReason = special.reason;
    else if (r.chance(0.008)) base.exemptReason = r.pick(EXEMPT_REASONS);

    const finalUnit = base.returnTo ?? mainUnitId;
    base.rounds = this.outcomes.rounds(day.year, day.month, finalUnit, profile.ease ?? 0, (resolved) =>
      reply(resolved),
    );
    if (received >= this.env.until - RECENT_MS)
      this.stall(base, received, profile, category.id, townshipCode);
    return base;
  }

  /** Leaves some recent tickets waiting in each open state (the first ones of the window always). */
  private stall(
    s: Scenario,
    received: number,
    profile: CategoryProfile,
    categoryId: number,
    township: string,
  ): void {
    const freshness = 1 - (this.env.until - received) / RECENT_MS;
    if (freshness >= FRESH && (this.waitingForDispatch === 0 || this.r.chance(0.12))) {
      this.waitingForDispatch++;
      s.stall = 'received';
      return;
    }
    if (this.stallIndex >= STALL_CYCLE.length && !this.r.chance(0.12 + 0.45 * freshness)) return;
    const stall = STALL_CYCLE[this.stallIndex % STALL_CYCLE.length] as Stall;
    this.stallIndex++;
    s.stall = stall;
    if (stall === 'return_requested' && s.returnTo === undefined) {
      s.returnTo = this.units.alternative(profile, categoryId, township, s.mainUnitId);
    }
  }
}

function townWeight(profile: CategoryProfile, code: string): number {
  const town = TOWNSHIP_PROFILES[code];
  if (!town) return 0;
  const kind = town.kind === 'urban' ? 0 : town.kind === 'suburban' ? 1 : 2;
  return town.population * (profile.where?.[kind] ?? 1) * (profile.towns?.[code] ?? 1);
}

/** A ticket row as intake leaves it before the caller's details and words are filled in. */
function emptyTicket(id: number, number: string, receivedAt: Date): TicketRow {
  return {
    id,
    number,
    channel: 'phone',
    type: 'complaint',
    urgency: 'normal',
    complex: false,
    state: 'received',
    title: '',
    description: '',
    category_id: null,
    area_code: null,
    township_code: null,
    address: null,
    lat: null,
    lng: null,
    attributes: {},
    media_urls: [],
    anonymous: false,
    citizen_name_enc: null,
    citizen_name_masked: null,
    citizen_phone_enc: null,
    citizen_phone_hash: null,
    citizen_phone_masked: null,
    citizen_phone_last4: null,
    citizen_user_id: null,
    main_unit_id: null,
    policy_code: null,
    dispatch_round: 0,
    received_at: receivedAt,
    dispatched_at: null,
    sign_due_at: null,
    signed_at: null,
    response_due_at: null,
    first_contact_at: null,
    reply_due_at: null,
    replied_at: null,
    return_due_at: null,
    callback_due_at: null,
    closed_at: null,
    extension_requested_until: null,
    supervised: false,
    exempt: false,
    merged_into_id: null,
    card: 'none',
    reply_text: null,
    callback_at: null,
    callback_reached: null,
    callback_resolved: null,
    callback_satisfaction: null,
    reopen_count: 0,
    event_count: 0,
    last_event_hash: null,
    search_text: '',
    next_check_at: null,
    suggested_unit_id: null,
    created_at: receivedAt,
    updated_at: receivedAt,
  };
}
