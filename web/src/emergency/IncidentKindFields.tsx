/**
 * What kind of incident and how grave: type, level and the counted facts
 * 事件要素 (deaths, people trapped…), shared by the report form and the
 * escalation from a ticket. The level may be left empty: the server then
 * judges it from the facts by the type's criteria, as the plan says, so the
 * officer is not asked to guess.
 */
import { FACT_KEYS, FACT_LABELS, type FactKey, type IncidentFacts } from '@domain/emergency/severity';
import {
  INCIDENT_LEVEL_LABELS,
  INCIDENT_LEVELS,
  INCIDENT_TYPE_LABELS,
  INCIDENT_TYPES,
} from '@domain/emergency/vocabulary';
import { SelectField, TextField } from '../components/fields';
import { useI18n } from '../i18n';

export interface IncidentKind {
  type: string;
  level: string;
  facts: Record<FactKey, string>;
}

export const EMPTY_KIND: IncidentKind = {
  type: '',
  level: '',
  facts: Object.fromEntries(FACT_KEYS.map((k) => [k, ''])) as Record<FactKey, string>,
};

const COUNT = /^\d{1,9}$/;

/** The facts filled in, as numbers; null when one is not a whole number (the form says which). */
export function factsOf(kind: IncidentKind): IncidentFacts | null {
  const facts: IncidentFacts = {};
  for (const k of FACT_KEYS) {
    const v = kind.facts[k].trim();
    if (!v) continue;
    if (!COUNT.test(v)) return null;
    facts[k] = Number(v);
  }
  return facts;
}

export function IncidentKindFields({
  kind,
  onChange,
  typeRequired,
  typeError,
  typeHint,
}: {
  kind: IncidentKind;
  onChange(kind: IncidentKind): void;
  typeRequired: boolean;
  typeError?: string;
  typeHint?: string;
}) {
  const { t, l } = useI18n();
  return (
    <>
      <div className="grid-2">
        <SelectField
          label={t('em.type')}
          required={typeRequired}
          hint={typeHint}
          value={kind.type}
          onChange={(type) => onChange({ ...kind, type })}
          placeholder={t('field.choose')}
          options={INCIDENT_TYPES.map((x) => ({ value: x, label: l(INCIDENT_TYPE_LABELS[x]) }))}
          error={typeError}
          name="type"
        />
        <SelectField
          label={t('em.level')}
          hint={t('emr.levelHint')}
          value={kind.level}
          onChange={(level) => onChange({ ...kind, level })}
          placeholder={t('emr.levelAuto')}
          options={INCIDENT_LEVELS.map((x) => ({ value: x, label: l(INCIDENT_LEVEL_LABELS[x]) }))}
          name="level"
        />
      </div>
      <fieldset className="em-facts" data-testid="incident-facts">
        <legend>{t('em.facts')}</legend>
        <p className="hint">{t('emr.factsHint')}</p>
        <div className="em-facts-grid">
          {FACT_KEYS.map((k) => {
            const v = kind.facts[k].trim();
            return (
              <TextField
                key={k}
                label={l(FACT_LABELS[k])}
                value={kind.facts[k]}
                onChange={(x) => onChange({ ...kind, facts: { ...kind.facts, [k]: x } })}
                inputMode="numeric"
                maxLength={9}
                error={v && !COUNT.test(v) ? t('emr.factInvalid') : undefined}
                name={`fact-${k}`}
              />
            );
          })}
        </div>
      </fieldset>
    </>
  );
}
