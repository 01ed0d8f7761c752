/**
 * 乡镇街道 / 村社区 The township and village selects of a place, from the
 * reference areas. Choosing another township empties the village, which
 * belonged to the old one.
 */
import type { RefArea } from '../../api/types';
import { SelectField } from '../../components/fields';
import { useI18n } from '../../i18n';
import { townsOf, villagesOf } from './places';

export function TownVillageFields({
  areas,
  town,
  village,
  onChange,
}: {
  areas: RefArea[];
  town: string;
  village: string;
  onChange(patch: { town?: string; village: string }): void;
}) {
  const { t } = useI18n();
  return (
    <div className="grid-2">
      <SelectField
        label={t('field.town')}
        value={town}
        onChange={(v) => onChange({ town: v, village: '' })}
        placeholder={t('field.choose')}
        options={townsOf(areas).map((a) => ({ value: a.code, label: a.name }))}
        name="town"
      />
      <SelectField
        label={t('field.village')}
        value={village}
        disabled={!town}
        onChange={(v) => onChange({ village: v })}
        placeholder={t('field.choose')}
        options={villagesOf(areas, town).map((a) => ({ value: a.code, label: a.name }))}
        name="village"
      />
    </div>
  );
}
