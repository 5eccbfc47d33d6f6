import { ERROR_CODES, issue, localizedIssue } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { envelopeFor, envelopeForCode, localizeIssue } from './envelope.js';
import { parseAcceptLanguage } from './locale.js';

describe('error envelope', () => {
  it('localizes registry messages and keeps specific ones', () => {
    const { status, body } = envelopeFor(
      [issue('UNKNOWN_FIELD', '/nope'), issue('RULE_FAILED', '/notes', '高级别必须填写备注')],
      'zh-CN',
    );
    expect(status).toBe(422);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toBe(ERROR_CODES.VALIDATION_FAILED['zh-CN']);
    expect(body.error.details).toEqual([
      { path: '/nope', message: ERROR_CODES.UNKNOWN_FIELD['zh-CN'], code: 'UNKNOWN_FIELD' },
      { path: '/notes', message: '高级别必须填写备注', code: 'RULE_FAILED' },
    ]);
  });

  it('answers an issue written in both languages in the caller’s', () => {
    const pair = { en: 'This widget does not drill.', 'zh-CN': '该组件不支持下钻。' };
    const drill = issue('VALIDATION_FAILED', '/drill', pair);
    expect(drill.message).toBe(pair.en);
    expect(envelopeFor([drill], 'zh-CN').body.error).toMatchObject({
      message: pair['zh-CN'],
      details: [{ path: '/drill', message: pair['zh-CN'], code: 'VALIDATION_FAILED' }],
    });
    expect(envelopeFor([drill], 'en').body.error.message).toBe(pair.en);
    // a validator told zh-CN writes its message in zh-CN and still carries both
    const told = localizedIssue('VALIDATION_FAILED', '/drill', pair, 'zh-CN');
    expect(told.message).toBe(pair['zh-CN']);
    expect(localizeIssue(told, 'en')).toBe(pair.en);
  });

  it('uses the single issue as the top error', () => {
    const { status, body } = envelopeFor([issue('VERSION_CONFLICT', '/version')], 'en');
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'VERSION_CONFLICT', message: ERROR_CODES.VERSION_CONFLICT.en });
  });

  it('lets a route force the status', () => {
    expect(envelopeFor([issue('VALIDATION_FAILED', '/entities/0/id')], 'en', 422).status).toBe(422);
  });

  it('builds a code-only envelope with one detail', () => {
    const { status, body } = envelopeForCode('NOT_FOUND', 'en', '/api/nowhere');
    expect(status).toBe(404);
    expect(body.error.details).toEqual([{ path: '/api/nowhere', message: 'Not found.', code: 'NOT_FOUND' }]);
  });
});

describe('Accept-Language', () => {
  it('picks zh-CN for any Chinese tag and honours q-values', () => {
    expect(parseAcceptLanguage('zh-TW,zh;q=0.9')).toBe('zh-CN');
    expect(parseAcceptLanguage('fr, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(parseAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(parseAcceptLanguage('fr')).toBeUndefined();
    expect(parseAcceptLanguage(undefined)).toBeUndefined();
  });
});
