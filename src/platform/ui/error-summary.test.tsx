/** @jsxImportSource hono/jsx */
// The error summary's heading says what kind of problem it is: a typing mistake, a conflict, or too many attempts.
import { describe, it, expect } from 'vitest';
import { ErrorSummary, type View } from './page.tsx';
import { formErrors } from './forms.ts';
import { AppError } from '../http/errors.ts';
import { t, type Lang } from '../i18n/index.ts';

const view = (lang: Lang): View => ({ lang, actor: null, csrfToken: '', path: '/', t: (k, p) => t(lang, k, p) });
const html = (lang: Lang, err: unknown) => String(<ErrorSummary v={view(lang)} errors={formErrors(err, lang)} />);

describe('error summary heading', () => {
  it('typing mistakes: correct and try again', () => {
    const out = html('nl', new AppError('validation', 'error.validation', [{ field: 'title', message: 'validation.required', label: 'field.name' }]));
    expect(out).toContain('Er is iets niet goed ingevuld (1). Pas dit aan en probeer het opnieuw.');
    expect(out).toContain('Naam: is verplicht');
  });

  it('too many attempts: wait, not "correct it"', () => {
    const out = html('nl', new AppError('rate_limited', 'error.tooManyAttempts'));
    expect(out).toContain('Te veel pogingen: even wachten.');
    expect(out).not.toContain('Pas dit aan');
    expect(html('en', new AppError('rate_limited', 'error.tooManyAttempts'))).toContain('Too many attempts: please wait.');
  });

  it('a conflict (double booking): its own heading', () => {
    const out = html('nl', new AppError('conflict', 'places.error.alreadyBooked', [{ field: 'startsAt', message: 'places.error.alreadyBooked' }]));
    expect(out).toContain('Dit kan zo niet worden opgeslagen (1)');
    expect(out).toContain('Deze ruimte is op dat moment al geboekt.');
    expect(out).not.toContain('Er is iets niet goed ingevuld');
  });
});
