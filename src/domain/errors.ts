/**
 * Typed errors with stable codes. Every failure that reaches a client or the
 * CLI is an AppError; its code never changes once published, its message is
 * looked up in both languages from the catalogue in ./messages.ts.
 */
import { type ErrorCode, errorCatalogue } from './messages.js';

export type { ErrorCode } from './messages.js';

export type ErrorParams = Record<string, string | number>;

export interface FieldIssue {
  /** dotted path of the offending field, e.g. `coUnitIds.1` */
  path: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: ErrorParams;
  readonly fields: FieldIssue[];

  constructor(code: ErrorCode, params: ErrorParams = {}, fields: FieldIssue[] = []) {
    super(renderMessage(code, 'en', params));
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.params = params;
    this.fields = fields;
  }

  message_(lang: Lang): string {
    return renderMessage(this.code, lang, this.params);
  }
}

export type Lang = 'zh' | 'en';

export function renderMessage(code: ErrorCode, lang: Lang, params: ErrorParams = {}): string {
  const template = errorCatalogue[code][lang];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
