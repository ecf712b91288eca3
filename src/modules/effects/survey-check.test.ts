// Every rule of answer checking, without a database.
import { describe, expect, it } from 'vitest';
import { checkAnswers, rankingFromPlaces } from './survey-check.ts';
import type { QuestionView } from './survey-types.ts';

const q = (id: string, over: Partial<QuestionView>): QuestionView => ({
  id, sectionId: null, type: 'text', textNl: id, textEn: '', helpNl: '', helpEn: '', required: false, scaleMin: null, scaleMax: null,
  minLabelNl: '', minLabelEn: '', maxLabelNl: '', maxLabelEn: '', options: [], subGoals: [], source: null, setKey: null, position: 0, ...over,
});
const opts = [{ key: 'o1', nl: 'A', en: '' }, { key: 'o2', nl: 'B', en: '' }, { key: 'o3', nl: 'C', en: '' }];
const questions = [
  q('scale', { type: 'scale', scaleMin: 1, scaleMax: 10, required: true }),
  q('agree', { type: 'agree' }),
  q('single', { type: 'single', options: opts }),
  q('multiple', { type: 'multiple', options: opts }),
  q('ranking', { type: 'ranking', options: opts }),
  q('text', { type: 'text' }),
];
const codes = (raw: Record<string, unknown>) => checkAnswers(questions, raw).errors.map((e) => `${e.field}:${e.code}`);

describe('checkAnswers', () => {
  it('accepts valid answers in their typed columns', () => {
    const { answers, errors } = checkAnswers(questions, { scale: '7', agree: 5, single: 'o2', multiple: ['o3', 'o1'], ranking: ['o2', 'o3', 'o1'], text: '  Fijn  ' });
    expect(errors).toEqual([]);
    expect(answers.find((a) => a.questionId === 'scale')?.valueNumber).toBe(7);
    expect(answers.find((a) => a.questionId === 'agree')?.valueNumber).toBe(5);
    expect(answers.find((a) => a.questionId === 'single')?.valueOption).toBe('o2');
    expect(answers.find((a) => a.questionId === 'multiple')?.valueOptions).toEqual(['o1', 'o3']);
    expect(answers.find((a) => a.questionId === 'ranking')?.valueOptions).toEqual(['o2', 'o3', 'o1']);
    expect(answers.find((a) => a.questionId === 'text')?.valueText).toBe('Fijn');
  });
  it('a required answer missing', () => {
    expect(codes({})).toEqual(['answers.scale:required']);
    expect(codes({ scale: '' })).toEqual(['answers.scale:required']);
  });
  it('out of range (scale and agree), not a number', () => {
    expect(codes({ scale: '11', agree: '0' })).toEqual(['answers.scale:out_of_range', 'answers.agree:out_of_range']);
    expect(codes({ scale: '5.5' })).toEqual(['answers.scale:out_of_range']);
    expect(codes({ scale: 'tien' })).toEqual(['answers.scale:out_of_range']);
  });
  it('an option not in the list', () => {
    expect(codes({ scale: '1', single: 'o9', multiple: ['o1', 'x'] })).toEqual(['answers.single:not_an_option', 'answers.multiple:not_an_option']);
  });
  it('a ranking must be a permutation of the options', () => {
    expect(codes({ scale: '1', ranking: ['o1', 'o2'] })).toEqual(['answers.ranking:not_a_permutation']);
    expect(codes({ scale: '1', ranking: ['o1', 'o1', 'o2'] })).toEqual(['answers.ranking:not_a_permutation']);
    expect(codes({ scale: '1', ranking: ['o1', 'o2', 'o4'] })).toEqual(['answers.ranking:not_a_permutation']);
  });
  it('open text at most 2000 characters', () => {
    expect(codes({ scale: '1', text: 'x'.repeat(2000) })).toEqual([]);
    expect(codes({ scale: '1', text: 'x'.repeat(2001) })).toEqual(['answers.text:too_long']);
  });
  it('a question that is not part of the survey', () => {
    expect(codes({ scale: '1', other: 'x' })).toEqual(['answers.other:unknown_reference']);
  });
  it('numbers each message by the question', () => {
    const [e] = checkAnswers(questions, {}).errors;
    expect(e.params).toMatchObject({ n: 1 });
  });
});

describe('rankingFromPlaces (the form without JavaScript)', () => {
  const keys = ['o1', 'o2', 'o3'];
  it('turns places into the order', () => expect(rankingFromPlaces(keys, { o1: '3', o2: '1', o3: '2' })).toEqual(['o2', 'o3', 'o1']));
  it('nothing chosen is no answer', () => expect(rankingFromPlaces(keys, { o1: '', o2: '', o3: '' })).toBeUndefined());
  it('a place used twice or missing fails the permutation check', () => {
    for (const places of [{ o1: '1', o2: '1', o3: '2' }, { o1: '1', o2: '2', o3: '' }, { o1: '1', o2: '2', o3: '7' }]) {
      const order = rankingFromPlaces(keys, places);
      expect(checkAnswers([q('r', { type: 'ranking', options: keys.map((k) => ({ key: k, nl: k, en: '' })) })], { r: order }).errors[0]?.code).toBe('not_a_permutation');
    }
  });
});
