/**
 * 消息模板 The words of 全程网办 notifications, in 简体中文 and English, for
 * applicants, villagers, village agents and departments. Spread into the
 * template table in ./templates.ts. Payloads carry the application number,
 * the matter and what happened, never personal data.
 */
import { localDate, localMinutes } from '../../domain/calendar.js';
import type { Label } from '../../domain/vocabulary.js';
import type { RenderContext } from './templates.js';

type Payload = Record<string, unknown>;
type ServiceTemplate = (p: Payload, c: RenderContext) => { title: Label; body: Label };

function text(p: Payload, key: string): string {
  const v = p[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

function when(p: Payload, key: string): string {
  const v = p[key];
  const at = typeof v === 'string' ? new Date(v) : null;
  if (!at || Number.isNaN(at.getTime())) return '—';
  const m = localMinutes(at);
  return `${localDate(at)} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function matter(p: Payload): Label {
  return { zh: `「${text(p, 'matter')}」`, en: `"${text(p, 'matterEn') || text(p, 'matter')}"` };
}

function because(p: Payload): Label {
  const r = text(p, 'reason').trim();
  return r === '' ? { zh: '', en: '' } : { zh: `，理由：${r}`, en: `. Reason: ${r}` };
}

const CLOCKS: Record<string, Label> = {
  accept: { zh: '受理', en: 'acceptance' },
  decision: { zh: '办结', en: 'decision' },
  certificate: { zh: '出证', en: 'certificate' },
};

const OUTCOMES: Record<string, Label> = {
  approved: { zh: '准予办理，电子证照即将出具', en: 'approved; the certificate will follow' },
  refused: { zh: '不予办理', en: 'refused' },
  not_accepted: { zh: '不予受理', en: 'not accepted' },
};

export const SERVICE_TEMPLATES: Record<string, ServiceTemplate> = {
  svc_application_submitted: (p) => ({
    title: { zh: `新网办申请 ${text(p, 'number')}`, en: `New application ${text(p, 'number')}` },
    body: {
      zh: `${matter(p).zh}申请 ${text(p, 'number')} 已提交（第 ${text(p, 'round')} 次），请在受理时限内受理、一次性告知补正或不予受理。`,
      en: `Application ${text(p, 'number')} for ${matter(p).en} was submitted (round ${text(p, 'round')}); accept it, request corrections or decline it in time.`,
    },
  }),
  svc_application_received: (p, c) => ({
    title: { zh: '申请已提交', en: 'Application submitted' },
    body: {
      zh: `您的${matter(p).zh}申请 ${text(p, 'number')} 已提交，等待受理。可在 ${c.publicUrl}/services 查看进度。`,
      en: `Your application ${text(p, 'number')} for ${matter(p).en} has been submitted and awaits acceptance. Follow it at ${c.publicUrl}/services.`,
    },
  }),
  svc_application_accepted: (p) => ({
    title: { zh: '申请已受理', en: 'Application accepted' },
    body: {
      zh: `您的${matter(p).zh}申请 ${text(p, 'number')} 已受理，承诺于 ${when(p, 'dueAt')} 前办结。`,
      en: `Your application ${text(p, 'number')} for ${matter(p).en} was accepted; a decision is promised by ${when(p, 'dueAt')}.`,
    },
  }),
  svc_correction_requested: (p) => ({
    title: { zh: '申请需补正', en: 'Corrections needed' },
    body: {
      zh: `您的${matter(p).zh}申请 ${text(p, 'number')} 需补正 ${text(p, 'items')} 项${because(p).zh}。请按告知补正后重新提交。`,
      en: `Your application ${text(p, 'number')} for ${matter(p).en} needs ${text(p, 'items')} correction(s)${because(p).en}. Please correct and resubmit.`,
    },
  }),
  svc_application_decided: (p) => {
    const o = OUTCOMES[text(p, 'outcome')] ?? { zh: '已办结', en: 'decided' };
    return {
      title: { zh: `申请结果：${o.zh}`, en: `Decision: ${o.en}` },
      body: {
        zh: `您的${matter(p).zh}申请 ${text(p, 'number')} ${o.zh}${because(p).zh}。`,
        en: `Your application ${text(p, 'number')} for ${matter(p).en} was ${o.en}${because(p).en}.`,
      },
    };
  },
  svc_certificate_issued: (p, c) => ({
    title: { zh: '电子证照已出具', en: 'Certificate issued' },
    body: {
      zh: `您的${matter(p).zh}申请 ${text(p, 'number')} 已办结，电子证照编号 ${text(p, 'certificate')}，验证码 ${text(p, 'code')}，可在 ${c.publicUrl}/verify 核验。欢迎对本次服务作出评价。`,
      en: `Your application ${text(p, 'number')} for ${matter(p).en} is complete: certificate ${text(p, 'certificate')}, verification code ${text(p, 'code')} (verify at ${c.publicUrl}/verify). Please rate the service.`,
    },
  }),
  svc_application_withdrawn: (p) => ({
    title: { zh: `申请已撤回 ${text(p, 'number')}`, en: `Application withdrawn: ${text(p, 'number')}` },
    body: {
      zh: `${matter(p).zh}申请 ${text(p, 'number')} 已被申请人撤回${because(p).zh}。`,
      en: `Application ${text(p, 'number')} for ${matter(p).en} was withdrawn by the applicant${because(p).en}.`,
    },
  }),
  svc_application_warning: (p) => {
    const red = text(p, 'colour') === 'red';
    const clock = CLOCKS[text(p, 'clock')] ?? { zh: '办理', en: 'handling' };
    return {
      title: {
        zh: `${red ? '网办超期' : '网办临期预警'} ${text(p, 'number')}`,
        en: `${red ? 'Application overdue' : 'Application deadline near'}: ${text(p, 'number')}`,
      },
      body: {
        zh: `${matter(p).zh}申请 ${text(p, 'number')} 的${clock.zh}时限${red ? '已超期' : '即将到期'}（${when(p, 'dueAt')}），请抓紧办理。`,
        en: `Application ${text(p, 'number')} for ${matter(p).en}: the ${clock.en} deadline (${when(p, 'dueAt')}) ${red ? 'has passed' : 'is near'}.`,
      },
    };
  },
  svc_application_overdue: (p) => ({
    title: { zh: '办理已超时限', en: 'Your application is overdue' },
    body: {
      zh: `您的${matter(p).zh}申请 ${text(p, 'number')} 已超过承诺时限，我们已督促承办部门尽快办理，如有疑问请拨打12345。`,
      en: `Your application ${text(p, 'number')} for ${matter(p).en} has passed its promised time; the department has been reminded. Call 12345 with any question.`,
    },
  }),
  svc_authorisation_granted: (p) => ({
    title: { zh: '代办授权已登记', en: 'Authorisation recorded' },
    body: {
      zh: `村代办员已登记您的授权，代您办理${matter(p).zh}，有效期至 ${when(p, 'validUntil')}。查看或撤回授权：${text(p, 'link') || '请联系村委会'}（需输入本手机号后四位）。`,
      en: `A village agent has recorded your authorisation to apply for ${matter(p).en} on your behalf, valid until ${when(p, 'validUntil')}. See or withdraw it at ${text(p, 'link') || 'your village committee'} (you will be asked for the last four digits of this phone number).`,
    },
  }),
  svc_authorisation_withdrawn: (p) => {
    const byVillager = text(p, 'by') === 'villager';
    return {
      title: { zh: '代办授权已撤回', en: 'Authorisation withdrawn' },
      body: {
        zh: `${byVillager ? '村民已撤回' : '代办员已终止'}代办授权（编号 ${text(p, 'authorisationId')}）${because(p).zh}，此后不能再以该授权代办。`,
        en: `The authorisation ${text(p, 'authorisationId')} was ${byVillager ? 'withdrawn by the villager' : 'ended by the agent'}${because(p).en}; nothing more can be filed under it.`,
      },
    };
  },
};
