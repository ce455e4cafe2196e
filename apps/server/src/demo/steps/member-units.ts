import type { Insertable } from 'kysely';
import type { MemberUnitTable } from '../../platform/db/schema.js';
import type { DemoStep } from '../context.js';
import { MEMBER_UNITS, personName } from '../names.js';

export const liaisonPhoneAad = (id: string) => `member_unit:${id}:liaison_phone`;

/** The county committee's member units, with duties, liaisons (phones encrypted) and leaders in charge. */
export const memberUnitsStep: DemoStep = {
  name: 'memberUnits',
  label: '成员单位',
  async run(ctx) {
    const { prng, ids, platform, now } = ctx;
    const rows: Insertable<MemberUnitTable>[] = MEMBER_UNITS.map((u, i) => {
      const id = prng.uuid();
      ids.memberUnits.push({ id, name: u.name, shortName: u.shortName });
      return {
        id, name: u.name, shortName: u.shortName, duties: u.duties,
        liaisonName: personName(prng),
        liaisonPhoneEnc: platform.cipher.encrypt(prng.mobile(), liaisonPhoneAad(id)),
        leaderName: personName(prng),
        sortOrder: (i + 1) * 10, status: 'active', createdAt: now, updatedAt: now,
      };
    });
    await ctx.insert('memberUnit', rows);
    return { memberUnits: rows.length };
  },
};
