/**
 * Where an incident is: township and village from the reference areas, an
 * address, and a point on the district map. The map places the incident on
 * the situation board exactly; without it the board falls back to the
 * village's or township's seat, so the selects alone are enough.
 */
import type { RefArea } from '../api/types';
import { SelectField, TextField } from '../components/fields';
import { useI18n } from '../i18n';
import { MapPointField } from '../map/MapPointField';
import { townsOf, villagesOf } from '../pages/citizen/places';

export interface IncidentPlace {
  town: string;
  village: string;
  address: string;
  lat: number | null;
  lng: number | null;
}

export const EMPTY_PLACE: IncidentPlace = { town: '', village: '', address: '', lat: null, lng: null };

export function IncidentPlaceFields({
  areas,
  place,
  onChange,
}: {
  areas: RefArea[];
  place: IncidentPlace;
  onChange(place: IncidentPlace): void;
}) {
  const { t } = useI18n();
  const towns = townsOf(areas);
  const patch = (p: Partial<IncidentPlace>) => onChange({ ...place, ...p });
  return (
    <fieldset className="stack" data-testid="incident-place">
      <legend>{t('em.place')}</legend>
      <div className="grid-2">
        <SelectField
          label={t('field.town')}
          value={place.town}
          onChange={(v) => patch({ town: v, village: '' })}
          placeholder={t('field.choose')}
          options={towns.map((a) => ({ value: a.code, label: a.name }))}
          name="town"
        />
        <SelectField
          label={t('field.village')}
          value={place.village}
          disabled={!place.town}
          onChange={(v) => patch({ village: v })}
          placeholder={t('field.choose')}
          options={villagesOf(areas, place.town).map((a) => ({ value: a.code, label: a.name }))}
          name="village"
        />
      </div>
      <TextField
        label={t('field.address')}
        value={place.address}
        onChange={(v) => patch({ address: v })}
        maxLength={300}
        name="address"
      />
      <MapPointField towns={towns} town={place.town} lat={place.lat} lng={place.lng} onChange={patch} />
    </fieldset>
  );
}
