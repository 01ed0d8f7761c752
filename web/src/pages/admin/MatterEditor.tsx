/**
 * 修订办事指南 Publishing a new version of a matter's guide. The whole guide
 * is checked here first with the domain's `checkGuide` (limits that fit
 * together, materials, a valid form schema) — the same check the server
 * runs — then sent with `basedOn`, so an edit made on a stale copy is
 * refused (`MATTER_VERSION_CONFLICT`) instead of overwriting someone else's.
 */
import { checkGuide } from '@domain/service-matters';
import { api } from '../../api/client';
import { useReference } from '../../api/hooks';
import type { MatterGuide } from '../../api/services-types';
import { CheckboxField, CheckboxGroup, SelectField, TextArea, TextField } from '../../components/fields';
import { type MessageKey, useI18n } from '../../i18n';
import { type Errors, FormShell, intError, useSubmit, useValues } from './admin-kit';
import {
  draftOfGuide,
  EMPTY_MATERIAL,
  type GuideDraft,
  guideOfDraft,
  LIST_KEYS,
  type ListKey,
  type MaterialRow,
  unpairedLists,
} from './matter-guide';

const TYPES = ['licence', 'benefit', 'confirmation', 'filing', 'public_service'] as const;
const KINDS = ['person', 'organisation', 'both'] as const;
const LIST_LABEL: Record<ListKey, MessageKey> = {
  conditions: 'svc.conditions',
  steps: 'svc.steps',
  reviewSteps: 'svc.reviewSteps',
  legalBasis: 'svc.legalBasis',
};

/** The domain's issues, keyed by path, in the UI language where the code is one the screen knows. */
function guideIssues(draft: GuideDraft, t: ReturnType<typeof useI18n>['t']): Errors {
  const e: Errors = {
    legalDays: intError(t, t('svc.legalDays'), draft.legalDays, 1, 180),
    promisedDays: intError(t, t('svc.promisedDays'), draft.promisedDays, 1, 180),
    acceptDays: intError(t, t('svc.acceptDays'), draft.acceptDays, 1, 20),
    visits: intError(t, t('svc.visitsLabel'), draft.visits, 0, 5),
  };
  for (const k of unpairedLists(draft)) e[`lists.${k}`] = t('adm.mat.unpaired', { list: t(LIST_LABEL[k]) });
  const built = guideOfDraft(draft);
  if ('formError' in built) {
    e.form = t('adm.mat.formJson', { error: built.formError });
    return e;
  }
  for (const issue of checkGuide(built.guide).issues) {
    if (e[issue.path]) continue;
    if (issue.path === 'promisedDays' && issue.code === 'too_long')
      e.promisedDays = t('adm.mat.promisedTooLong');
    else if (issue.path === 'acceptDays' && issue.code === 'too_long')
      e.acceptDays = t('adm.mat.acceptTooLong');
    else e[issue.path] = `${issue.path}: ${issue.message}`;
  }
  return e;
}

function MaterialsEditor({
  rows,
  onChange,
  errors,
}: {
  rows: MaterialRow[];
  onChange(rows: MaterialRow[]): void;
  errors: Errors;
}) {
  const { t } = useI18n();
  const set = (i: number, p: Partial<MaterialRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <fieldset className="field-group">
      <legend>{t('svc.materials')}</legend>
      {errors.materials ? <p className="error">{errors.materials}</p> : null}
      {rows.map((m, i) => {
        const err = (k: string) => errors[`materials.${i}.${k}`];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row being typed has no stable id yet (its code may change)
          <fieldset key={i} className="material-row">
            <legend>{t('adm.mat.materialN', { n: i + 1 })}</legend>
            <div className="grid-3">
              <TextField
                label={t('admin.code')}
                required
                value={m.code}
                onChange={(x) => set(i, { code: x })}
                error={err('code')}
                maxLength={40}
                name={`m${i}-code`}
              />
              <TextField
                label={t('admin.name')}
                required
                value={m.zh}
                onChange={(x) => set(i, { zh: x })}
                error={err('name')}
                maxLength={200}
                name={`m${i}-zh`}
              />
              <TextField
                label={t('admin.nameEn')}
                required
                value={m.en}
                onChange={(x) => set(i, { en: x })}
                maxLength={200}
                name={`m${i}-en`}
              />
              <TextField
                label={t('adm.mat.maxSizeKb')}
                inputMode="numeric"
                value={m.maxSizeKb}
                onChange={(x) => set(i, { maxSizeKb: x })}
                error={err('maxSizeKb')}
                maxLength={6}
                name={`m${i}-size`}
              />
              <TextField
                label={t('adm.mat.maxCount')}
                inputMode="numeric"
                value={m.maxCount}
                onChange={(x) => set(i, { maxCount: x })}
                error={err('maxCount')}
                maxLength={2}
                name={`m${i}-count`}
              />
              <TextField
                label={t('svc.copies')}
                inputMode="numeric"
                value={m.copies}
                onChange={(x) => set(i, { copies: x })}
                error={err('copies')}
                maxLength={2}
                name={`m${i}-copies`}
              />
            </div>
            <CheckboxGroup
              legend={t('svc.formats')}
              name={`m${i}-formats`}
              values={m.formats}
              onChange={(x) => set(i, { formats: x as MaterialRow['formats'] })}
              options={[
                { value: 'pdf', label: 'PDF' },
                { value: 'jpeg', label: 'JPG' },
                { value: 'png', label: 'PNG' },
              ]}
              error={err('formats')}
            />
            <div className="inline-form">
              <CheckboxField
                label={t('svc.required')}
                checked={m.required}
                onChange={(x) => set(i, { required: x })}
                name={`m${i}-required`}
              />
              <CheckboxField
                label={t('svc.original')}
                checked={m.original}
                onChange={(x) => set(i, { original: x })}
                name={`m${i}-original`}
              />
              <button
                type="button"
                className="btn btn-quiet"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                {t('svc.remove')}
                <span className="sr-only"> {m.code}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" className="btn" onClick={() => onChange([...rows, { ...EMPTY_MATERIAL }])}>
        {t('adm.mat.addMaterial')}
      </button>
    </fieldset>
  );
}

export function MatterEditor({
  guide,
  onPublished,
}: {
  guide: MatterGuide;
  onPublished(g: MatterGuide): void;
}) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const [d, patch] = useValues<GuideDraft>(draftOfGuide(guide));
  const state = useSubmit();
  const departments = (ref.data?.units ?? []).filter(
    (u) => u.peerGroup === 'department' || u.peerGroup === 'township',
  );
  const listPatch = (k: ListKey, side: 'zh' | 'en', text: string) =>
    patch({ lists: { ...d.lists, [k]: { ...d.lists[k], [side]: text } } });

  const publish = () =>
    state.run(
      () => guideIssues(d, t),
      async () => {
        const built = guideOfDraft(d);
        if ('formError' in built) return undefined;
        const published = await api<MatterGuide>(`/api/admin/services/matters/${guide.code}/versions`, {
          body: {
            guide: built.guide,
            basedOn: guide.currentVersion,
            ...(d.note.trim() ? { note: d.note.trim() } : {}),
          },
        });
        onPublished(published);
        return t('adm.mat.published', { version: published.version });
      },
    );
  // the server names the guide's fields under `guide.`
  const errors: Errors = {
    ...state.errors,
    ...Object.fromEntries(Object.entries(state.errors).map(([k, v]) => [k.replace(/^guide\./, ''), v])),
  };

  return (
    <FormShell
      title={t('adm.mat.newVersion', { version: guide.currentVersion + 1 })}
      testId="matter-editor"
      submit={t('adm.mat.publish')}
      onSubmit={() => void publish()}
      state={state}
    >
      <div className="grid-2">
        <TextField
          label={t('admin.name')}
          required
          value={d.nameZh}
          onChange={(x) => patch({ nameZh: x })}
          error={errors.name}
          maxLength={200}
          name="nameZh"
        />
        <TextField
          label={t('admin.nameEn')}
          required
          value={d.nameEn}
          onChange={(x) => patch({ nameEn: x })}
          maxLength={200}
          name="nameEn"
        />
        <SelectField
          label={t('svc.type')}
          required
          value={d.type}
          onChange={(x) => patch({ type: x })}
          options={TYPES.map((x) => ({ value: x, label: t(`mtype.${x}`) }))}
          error={errors.type}
          name="type"
        />
        <SelectField
          label={t('svc.department')}
          required
          value={d.departmentCode}
          onChange={(x) => patch({ departmentCode: x })}
          options={departments.map((u) => ({ value: u.code, label: lang === 'zh' ? u.name : u.nameEn }))}
          error={errors.departmentCode}
          name="departmentCode"
        />
        <SelectField
          label={t('svc.applicantKind')}
          required
          value={d.applicantKind}
          onChange={(x) => patch({ applicantKind: x })}
          options={KINDS.map((x) => ({ value: x, label: t(`adm.mat.kind.${x}`) }))}
          error={errors.applicantKind}
          name="applicantKind"
        />
        <TextField
          label={t('adm.mat.tags')}
          hint={t('adm.mat.tagsHint')}
          value={d.tags}
          onChange={(x) => patch({ tags: x })}
          error={errors.tags}
          name="tags"
        />
      </div>
      <div className="grid-2">
        <TextArea
          label={t('adm.mat.summaryZh')}
          required
          value={d.summaryZh}
          onChange={(x) => patch({ summaryZh: x })}
          error={errors.summary}
          rows={3}
          maxLength={2000}
          name="summaryZh"
        />
        <TextArea
          label={t('adm.mat.summaryEn')}
          required
          value={d.summaryEn}
          onChange={(x) => patch({ summaryEn: x })}
          rows={3}
          maxLength={2000}
          name="summaryEn"
        />
      </div>
      <div className="grid-3">
        <TextField
          label={t('svc.legalDays')}
          required
          inputMode="numeric"
          value={d.legalDays}
          onChange={(x) => patch({ legalDays: x })}
          error={errors.legalDays}
          maxLength={3}
          name="legalDays"
        />
        <TextField
          label={t('svc.promisedDays')}
          required
          inputMode="numeric"
          value={d.promisedDays}
          onChange={(x) => patch({ promisedDays: x })}
          error={errors.promisedDays}
          maxLength={3}
          name="promisedDays"
        />
        <TextField
          label={t('svc.acceptDays')}
          required
          inputMode="numeric"
          value={d.acceptDays}
          onChange={(x) => patch({ acceptDays: x })}
          error={errors.acceptDays}
          maxLength={2}
          name="acceptDays"
        />
        <TextField
          label={t('svc.visitsLabel')}
          required
          hint={t('adm.mat.visitsHint')}
          inputMode="numeric"
          value={d.visits}
          onChange={(x) => patch({ visits: x })}
          error={errors.visits}
          maxLength={1}
          name="visits"
        />
        <TextField
          label={t('adm.mat.feeYuan')}
          required
          inputMode="decimal"
          value={d.feeYuan}
          onChange={(x) => patch({ feeYuan: x })}
          error={errors['fee.yuan']}
          maxLength={10}
          name="feeYuan"
        />
      </div>
      <div className="grid-2">
        <TextField
          label={t('adm.mat.feeNoteZh')}
          value={d.feeNoteZh}
          onChange={(x) => patch({ feeNoteZh: x })}
          maxLength={500}
          name="feeNoteZh"
        />
        <TextField
          label={t('adm.mat.feeNoteEn')}
          value={d.feeNoteEn}
          onChange={(x) => patch({ feeNoteEn: x })}
          maxLength={500}
          name="feeNoteEn"
        />
        <TextField
          label={t('adm.mat.resultZh')}
          required
          value={d.resultZh}
          onChange={(x) => patch({ resultZh: x })}
          error={errors['result.name']}
          maxLength={200}
          name="resultZh"
        />
        <TextField
          label={t('adm.mat.resultEn')}
          required
          value={d.resultEn}
          onChange={(x) => patch({ resultEn: x })}
          maxLength={200}
          name="resultEn"
        />
        <TextField
          label={t('adm.mat.validityZh')}
          value={d.validityZh}
          onChange={(x) => patch({ validityZh: x })}
          maxLength={200}
          name="validityZh"
        />
        <TextField
          label={t('adm.mat.validityEn')}
          value={d.validityEn}
          onChange={(x) => patch({ validityEn: x })}
          maxLength={200}
          name="validityEn"
        />
      </div>
      {LIST_KEYS.map((k) => (
        <fieldset key={k} className="field-group">
          <legend>{t(LIST_LABEL[k])}</legend>
          <p className="hint">{t('adm.mat.linesHint')}</p>
          {errors[`lists.${k}`] || errors[k] ? (
            <p className="error">{errors[`lists.${k}`] ?? errors[k]}</p>
          ) : null}
          <div className="grid-2">
            <TextArea
              label={`${t(LIST_LABEL[k])} · 中文`}
              value={d.lists[k].zh}
              onChange={(x) => listPatch(k, 'zh', x)}
              rows={3}
              name={`${k}-zh`}
            />
            <TextArea
              label={`${t(LIST_LABEL[k])} · English`}
              value={d.lists[k].en}
              onChange={(x) => listPatch(k, 'en', x)}
              rows={3}
              name={`${k}-en`}
            />
          </div>
        </fieldset>
      ))}
      <MaterialsEditor rows={d.materials} onChange={(materials) => patch({ materials })} errors={errors} />
      <TextArea
        label={t('adm.mat.form')}
        hint={t('adm.mat.formHint')}
        value={d.form}
        onChange={(x) => patch({ form: x })}
        error={errors.form ?? Object.entries(errors).find(([k]) => k.startsWith('form.'))?.[1]}
        rows={10}
        name="formSchema"
      />
      <TextField
        label={t('adm.mat.note')}
        value={d.note}
        onChange={(x) => patch({ note: x })}
        maxLength={500}
        name="versionNote"
      />
    </FormShell>
  );
}
