/**
 * Where an incident is: township and village from the reference areas, an
 * address, and a point on the district map. The map places the incident on
 * the situation board exactly; without it the board falls back to the
 * village's or township's seat, so the selects alone are enough.
 */
import type { RefArea } from '../api/types';
import { TextField } from '../components/fields';
import { useI18n } from '../i18n';
import { MapPointField } from '../map/MapPointField';
import { townsOf } from '../pages/citizen/places';
import { TownVillageFields } from '../pages/citizen/TownVillageFields';

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
      <TownVillageFields areas={areas} town={place.town} village={place.village} onChange={patch} />
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
