// Every audit action has a plain-language label in Dutch and English, owned by whoever declares the action; a module
// that declares an action without one is caught here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { modules } from './modules/index.ts';
import { installModules, installedModules, declaredAuditActions, type Module } from './platform/module.ts';
import { platformAuditActions } from './platform/audit/actions.ts';
import { auditActionLabel, auditActionsWithoutLabel, auditLabelKey } from './platform/audit/labels.ts';

describe('audit action labels', () => {
  it('has a Dutch and an English label for every action of the platform and of every installed module', () => {
    expect(installedModules()).toBe(modules);
    const all = [...platformAuditActions, ...declaredAuditActions()];
    expect(all.length).toBeGreaterThan(100);
    expect(auditActionsWithoutLabel()).toEqual([]);
    for (const action of all) {
      for (const lang of ['nl', 'en'] as const) {
        const label = auditActionLabel(lang, action);
        expect(label, `${lang} ${action}`).not.toBe(action);
        expect(label, `${lang} ${action}`).not.toBe(auditLabelKey(action));
      }
      expect(auditActionLabel('en', action), action).not.toBe(auditActionLabel('nl', action));
    }
  });

  it('declares only actions that some code records (no label for what never happens)', () => {
    // Every action is written out in full where it is recorded, so a search finds its call site; the declarations,
    // the labels and the tests do not count.
    const root = path.dirname(new URL(import.meta.url).pathname);
    const sources = (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|audit-messages\.ts$|(^|\/)module\.tsx?$|^platform\/audit\/(actions|messages)\.ts$/.test(f))
      .map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
    expect(sources.length).toBeGreaterThan(200);
    const unrecorded = [...platformAuditActions, ...declaredAuditActions()].filter((action) => !sources.some((text) => text.includes(`'${action}'`)));
    expect(unrecorded).toEqual([]);
  });

  it('notices a module that declares an action without a label', () => {
    const careless: Module = { name: 'careless', jobs: [], auditActions: ['careless.thing_done'] };
    const halfway: Module = { name: 'halfway', jobs: [], auditActions: ['halfway.thing_done'], messages: { nl: { 'halfway.audit.thing_done': 'Iets gedaan' }, en: {} } };
    try {
      installModules([...modules, careless]);
      expect(auditActionsWithoutLabel()).toEqual(['careless.thing_done']);
      expect(auditActionLabel('nl', 'careless.thing_done')).toBe('careless.thing_done');
    } finally {
      installModules(modules);
    }
    // English missing: the platform refuses the module's messages at installation.
    expect(() => installModules([...modules, halfway])).toThrow(/English messages missing: halfway.audit.thing_done/);
    installModules(modules);
  });

  it('finds the label where its declarer keeps it, and falls back to the technical name', () => {
    expect(auditActionLabel('nl', 'auth.login')).toBe('Ingelogd');
    expect(auditActionLabel('en', 'auth.login')).toBe('Signed in');
    expect(auditLabelKey('auth.login')).toBe('audit.label.auth.login');
    expect(auditLabelKey('reach.subject_access')).toBe('reach.audit.subject_access');
    expect(auditActionLabel('nl', 'reach.subject_access')).toBe('Inzageverzoek van een inwoner opgezocht');
    // An action that does not start with its module's name (effects declares survey.*, network organisation.*).
    expect(auditLabelKey('survey.create')).toBe('effects.audit.survey.create');
    expect(auditActionLabel('nl', 'organisation.create')).toBe('Organisatie aangemaakt');
    expect(auditLabelKey('nobody.did_this')).toBeUndefined();
    expect(auditActionLabel('nl', 'nobody.did_this')).toBe('nobody.did_this');
  });
});
