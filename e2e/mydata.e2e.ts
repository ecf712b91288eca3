// Journey of "Mijn gegevens": the demo resident and the demo partner open their account, follow the link, see
// their sections (the partner also a booking they requested) and download everything as JSON. With and without
// JavaScript; axe-core checks the page at 1280 and 390 px, where it must not scroll sideways.
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { useHarness, visit, login, demoEmail, expectAccessibleAtBothWidths } from './harness.ts';
import { users } from '../src/platform/auth/schema.ts';
import { bookings, rooms } from '../src/modules/places/schema.ts';

const h = useHarness();
const PURPOSE = 'Spreekuur schuldhulp (Mijn gegevens e2e)';
/** A table's accessible name: the section's title and the number of rows (mydata.caption). */
const captioned = (title: string) => new RegExp(`^${title.replace(/[()]/g, '\\$&')} \\(aantal: \\d+\\)$`);

beforeAll(async () => {
  // The demo does not tie bookings to a person: the partner requested one (a fixture row, as the booking form would write it).
  const db = h.database.db;
  const [partner] = await db.select().from(users).where(eq(users.email, demoEmail('partner_staff')));
  const [room] = await db.select().from(rooms).limit(1);
  const starts = new Date(Date.now() + 7 * 86_400_000);
  await db.insert(bookings).values({ tenantId: 'GM0392', roomId: room.id, organisationId: partner.organisationId!, bookedByUserId: partner.id, startsAt: starts, endsAt: new Date(starts.getTime() + 3_600_000), purpose: PURPOSE, hourlyRateCents: 0, priceCents: 0 });
});

describe.each([true, false])('Mijn gegevens (JavaScript %s)', (javaScriptEnabled) => {
  for (const who of ['resident', 'partner_staff'] as const) {
    it(`the demo ${who} sees their data and downloads it`, async () => {
      const ctx = await h.context({ javaScriptEnabled });
      const page = await ctx.newPage();
      const email = demoEmail(who);
      await login(page, email);
      await visit(page, '/account');
      await page.getByRole('link', { name: 'Mijn gegevens inzien en downloaden' }).click();
      await page.waitForLoadState('load');
      expect(new URL(page.url()).pathname).toBe('/account/gegevens');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mijn gegevens');
      const main = (await page.textContent('main')) ?? '';
      expect(main).toContain(email);
      for (const caption of ['Uw account', 'Uw inlogsessies', 'Wat u in het platform hebt gedaan (auditlog)']) expect(await page.getByRole('table', { name: captioned(caption) }).count(), caption).toBe(1);
      expect(main).toContain('auth.login');
      expect(main).toContain('Ingelogd');
      if (who === 'partner_staff') {
        expect(await page.getByRole('table', { name: captioned('Uw boekingen van ruimtes') }).count()).toBe(1);
        expect(main).toContain(PURPOSE);
      } else {
        expect(main).not.toContain(PURPOSE);
      }
      await expectAccessibleAtBothWidths(page);

      // The download: a JSON attachment with the same sections.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Alles downloaden (JSON)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
      const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { user: { email: string }; sections: { key: string; rows: unknown[][] }[] };
      expect(data.user.email).toBe(email);
      const keys = data.sections.map((s) => s.key);
      expect(keys).toEqual(expect.arrayContaining(['account.account', 'account.sessions', 'account.audit']));
      expect(keys.includes('places.bookings')).toBe(who === 'partner_staff');
      expect(JSON.stringify(data).includes(PURPOSE)).toBe(who === 'partner_staff');
      await ctx.close();
    });
  }
});
