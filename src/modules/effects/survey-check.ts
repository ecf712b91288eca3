// Checking a filled-in survey (pure: no database). Every answer is checked against its question: a required answer
// missing, a number out of range, an option not in the list, a ranking that is not a permutation of the options, an
// open answer that is too long. All problems are reported at once, each on its question's field `answers.<id>`.
import type { FieldError } from '../../platform/http/errors.ts';
import { TEXT_MAX, type CheckedAnswer, type QuestionView } from './survey-types.ts';

/** A raw answer: a string (scale, agree, single, text), a list of strings (multiple; ranking = keys in order). */
export type RawAnswers = Record<string, unknown>;

export const answerField = (questionId: string) => `answers.${questionId}`;

const range = (q: QuestionView): [number, number] => (q.type === 'agree' ? [1, 5] : [q.scaleMin ?? 1, q.scaleMax ?? 10]);

const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.every((x) => x === '' || x === null));

export function checkAnswers(questions: QuestionView[], raw: RawAnswers): { answers: CheckedAnswer[]; errors: FieldError[] } {
  const answers: CheckedAnswer[] = [];
  const errors: FieldError[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const k of Object.keys(raw)) if (!known.has(k)) errors.push({ field: answerField(k), message: 'effects.answer.error.unknownQuestion', code: 'unknown_reference' });
  questions.forEach((q, i) => {
    const n = i + 1;
    const v = raw[q.id];
    const fail = (message: string, params: Record<string, string | number> = {}, code = 'invalid') => errors.push({ field: answerField(q.id), message, params: { n, ...params }, code });
    if (blank(v)) {
      if (q.required) fail('effects.answer.error.required', {}, 'required');
      return;
    }
    const empty: CheckedAnswer = { questionId: q.id, valueNumber: null, valueOption: null, valueOptions: null, valueText: null };
    const keys = q.options.map((o) => o.key);
    switch (q.type) {
      case 'scale':
      case 'agree': {
        const [min, max] = range(q);
        const s = typeof v === 'number' ? String(v) : v;
        if (typeof s !== 'string' || !/^-?\d{1,3}$/.test(s.trim()) || Number(s) < min || Number(s) > max) return fail('effects.answer.error.range', { min, max }, 'out_of_range');
        answers.push({ ...empty, valueNumber: Number(s) });
        return;
      }
      case 'single':
        if (typeof v !== 'string' || !keys.includes(v)) return fail('effects.answer.error.option', {}, 'not_an_option');
        answers.push({ ...empty, valueOption: v });
        return;
      case 'multiple': {
        const chosen = Array.isArray(v) ? v : [v];
        if (!chosen.every((x) => typeof x === 'string' && keys.includes(x))) return fail('effects.answer.error.option', {}, 'not_an_option');
        answers.push({ ...empty, valueOptions: keys.filter((k) => chosen.includes(k)) });
        return;
      }
      case 'ranking': {
        const order = Array.isArray(v) ? v : [v];
        const permutation = order.length === keys.length && new Set(order).size === keys.length && order.every((x) => typeof x === 'string' && keys.includes(x));
        if (!permutation) return fail('effects.answer.error.ranking', { count: keys.length }, 'not_a_permutation');
        answers.push({ ...empty, valueOptions: order as string[] });
        return;
      }
      case 'text': {
        if (typeof v !== 'string') return fail('effects.answer.error.option', {}, 'invalid');
        const text = v.trim();
        if (text.length > TEXT_MAX) return fail('effects.answer.error.tooLong', { max: TEXT_MAX }, 'too_long');
        if (text) answers.push({ ...empty, valueText: text });
        else if (q.required) fail('effects.answer.error.required', {}, 'required');
        return;
      }
    }
  });
  return { answers, errors };
}

/**
 * A ranking from the form without JavaScript: one place (1..n) per option (`answers.<id>.<key>` = "2"). Returns the
 * keys in order, or a list that fails the permutation check (a place used twice, missing or out of range).
 */
export function rankingFromPlaces(keys: string[], places: Record<string, string>): string[] | undefined {
  const given = keys.map((k) => places[k] ?? '');
  if (given.every((p) => p === '')) return undefined;
  const order: string[] = new Array(keys.length).fill('');
  keys.forEach((k, i) => {
    const p = Number(given[i]);
    if (Number.isInteger(p) && p >= 1 && p <= keys.length && order[p - 1] === '') order[p - 1] = k;
    else order.push('');
  });
  return order;
}
