import type { Insertable } from 'kysely';
import type { OrgUnitTable } from '../../platform/db/schema.js';
import type { DemoStep, OrgRef } from '../context.js';
import {
  COMMUNITY_STEMS, COUNTY_SCHOOLS, DEMO_COUNTY_CODE, ENTERPRISES, RURAL_TOWNSHIPS, STREETS, SUBDISTRICTS, TOWNS,
  VILLAGE_FIRST, VILLAGE_SECOND, chineseOrdinal, landline, personName, type TownshipName,
} from '../names.js';
import type { Prng } from '../prng.js';

const contactPhoneAad = (id: string) => `org_unit:${id}:contact_phone`;

/** Towns and rural townships drawn besides the three sub-districts: 3 + 12 = 15 township-level nodes. */
const TOWNS_DRAWN = 9;
const RURAL_DRAWN = 3;
/** Village primary schools (村小) at scale 1; multiplied by the scale. */
const VILLAGE_SCHOOLS = 8;
const ENTERPRISE_COUNT = 20;
const COUNTY_ENTERPRISES = 5;

/** Hands out names unique in the whole county when it can, else unique among siblings, else numbered. */
class NameBook {
  private readonly county = new Set<string>();
  private readonly siblings = new Map<string, Set<string>>();

  constructor(private readonly prng: Prng) {}

  take(parentId: string, draw: () => string, suffix: string): string {
    const sibs = this.siblings.get(parentId) ?? new Set<string>();
    this.siblings.set(parentId, sibs);
    let name = '';
    for (let i = 0; i < 40; i++) {
      name = draw() + suffix;
      if (!this.county.has(name) && !sibs.has(name)) return this.keep(parentId, name);
    }
    for (let i = 0; i < 40; i++) {
      name = draw() + suffix;
      if (!sibs.has(name)) return this.keep(parentId, name);
    }
    const stem = draw();
    for (let n = 2; ; n++) {
      name = `${stem}${chineseOrdinal(n)}${suffix}`;
      if (!sibs.has(name)) return this.keep(parentId, name);
    }
  }

  reserve(parentId: string, name: string) {
    this.keep(parentId, name);
  }

  private keep(parentId: string, name: string) {
    this.county.add(name);
    const sibs = this.siblings.get(parentId) ?? new Set<string>();
    this.siblings.set(parentId, sibs);
    sibs.add(name);
    return name;
  }

  villageStem(): string {
    const a = this.prng.pick(VILLAGE_FIRST);
    let b = this.prng.pick(VILLAGE_SECOND);
    while (b === a) b = this.prng.pick(VILLAGE_SECOND);
    return a + b;
  }
}

/**
 * The organisation tree: the county (renamed), 15 sub-districts, towns and rural townships,
 * ~200 villages and communities, ~60 schools and ~20 enterprises, with contacts and codes.
 */
export const orgTreeStep: DemoStep = {
  name: 'orgTree',
  label: '组织体系（乡镇、村社区、学校、企业）',
  async run(ctx) {
    const { prng, ids, options, platform, now } = ctx;
    const county = options.countyName;
    const root = ids.root;
    const rows: Insertable<OrgUnitTable>[] = [];
    const book = new NameBook(prng);
    const sortCounter = new Map<string, number>();

    const add = (parent: OrgRef, name: string, kind: string, extra: { code?: string | null; contactName?: string | null; phone?: string | null; address?: string | null; hasCommittee: boolean }): OrgRef => {
      const id = prng.uuid();
      const ref: OrgRef = { id, parentId: parent.id, name, kind, path: `${parent.path}${id}/`, depth: parent.depth + 1 };
      const sortOrder = (sortCounter.get(parent.id) ?? 0) + 10;
      sortCounter.set(parent.id, sortOrder);
      rows.push({
        id, parentId: parent.id, name, kind, code: extra.code ?? null, path: ref.path, depth: ref.depth, status: 'active',
        contactName: extra.contactName ?? null,
        contactPhoneEnc: extra.phone ? platform.cipher.encrypt(extra.phone, contactPhoneAad(id)) : null,
        address: extra.address ?? null, hasCommittee: extra.hasCommittee ? 1 : 0, sortOrder, createdAt: now, updatedAt: now,
      });
      return ref;
    };
    const address = (place: string) => `${county}${place}${prng.pick(STREETS)}${prng.int(1, 199)}号`;

    // The county node itself.
    await platform.db
      .updateTable('orgUnit')
      .set({
        name: county, code: DEMO_COUNTY_CODE, contactName: personName(prng), address: `${county}红都大道1号县委大院`,
        contactPhoneEnc: platform.cipher.encrypt(landline(prng), contactPhoneAad(root.id)), hasCommittee: 1, updatedAt: now,
      })
      .where('id', '=', root.id)
      .execute();
    root.name = county;
    // Names already taken under the root (e.g. by an existing test tree) stay taken.
    const existing = await platform.db.selectFrom('orgUnit').select(['parentId', 'name']).where('parentId', '=', root.id).execute();
    for (const e of existing) book.reserve(root.id, e.name);

    // Sub-districts first, then towns, then rural townships, as county documents list them.
    const drawn: TownshipName[] = [
      ...SUBDISTRICTS,
      ...prng.sample(TOWNS, TOWNS_DRAWN),
      ...prng.sample(RURAL_TOWNSHIPS, RURAL_DRAWN),
    ].filter((t) => !existing.some((e) => e.name === t.name));
    drawn.forEach((t) => book.reserve(root.id, t.name));

    const scale = options.scale;
    drawn.forEach((t, i) => {
      const code = `${DEMO_COUNTY_CODE.slice(0, 6)}${String(i < SUBDISTRICTS.length ? 1 + i : 100 + i).padStart(3, '0')}000`;
      const township = add(root, t.name, 'township', {
        code, contactName: personName(prng), phone: landline(prng), address: address(t.name), hasCommittee: true,
      });
      ids.townships.push(township);
      const communities = t.type === '街道' ? prng.int(5, 7) : t.type === '镇' ? prng.int(1, 2) : 0;
      const villages = t.type === '街道' ? prng.int(1, 2) : t.type === '镇' ? prng.int(11, 17) : prng.int(8, 12);
      for (let c = 0; c < Math.round(communities * scale); c++) {
        const name = book.take(township.id, () => (c < COMMUNITY_STEMS.length ? prng.pick(COMMUNITY_STEMS) : book.villageStem()), '社区');
        ids.communities.push(
          add(township, name, 'community', {
            code: `${code.slice(0, 9)}${String(1 + c).padStart(3, '0')}`, contactName: personName(prng), phone: prng.mobile(),
            address: address(`${t.name}${name}`), hasCommittee: prng.chance(0.8),
          }),
        );
      }
      for (let v = 0; v < Math.round(villages * scale); v++) {
        const name = book.take(township.id, () => book.villageStem(), '村');
        ids.villages.push(
          add(township, name, 'village', {
            code: `${code.slice(0, 9)}${String(200 + v).padStart(3, '0')}`, contactName: personName(prng),
            phone: prng.chance(0.7) ? prng.mobile() : null, address: `${county}${t.name}${name}村民委员会`, hasCommittee: prng.chance(0.7),
          }),
        );
      }
      // Every township has its central primary school, a middle school and a central kindergarten.
      const schoolNames = t.type === '街道'
        ? [`${t.stem}小学`, `${t.stem}中学`, `${t.stem}幼儿园`]
        : [`${t.name}中心小学`, `${t.name}中学`, `${t.name}中心幼儿园`];
      for (const name of schoolNames) {
        book.reserve(township.id, name);
        ids.schools.push(add(township, name, 'school', { contactName: personName(prng), phone: prng.mobile(), address: address(t.name), hasCommittee: true }));
      }
    });

    // Village primary schools (村小) in some villages.
    const villageSchools = Math.min(ids.villages.length, Math.round(VILLAGE_SCHOOLS * scale));
    for (const village of prng.sample(ids.villages, villageSchools)) {
      const township = ids.townships.find((t) => t.id === village.parentId)!;
      const name = book.take(township.id, () => village.name.replace(/村$/, ''), '小学');
      ids.schools.push(add(township, name, 'school', { contactName: personName(prng), phone: prng.mobile(), address: `${county}${township.name}${village.name}`, hasCommittee: prng.chance(0.6) }));
    }

    // County-level schools directly under the county.
    for (const s of COUNTY_SCHOOLS) {
      const name = `${county}${s}`;
      book.reserve(root.id, name);
      ids.schools.push(add(root, name, 'school', { contactName: personName(prng), phone: landline(prng), address: address(''), hasCommittee: true }));
    }

    // Enterprises: a few county-level ones, the rest in the towns (industrial parks first).
    const enterpriseNames = prng.sample(ENTERPRISES, ENTERPRISE_COUNT);
    const towns = ids.townships.filter((t) => !t.name.endsWith('街道'));
    enterpriseNames.forEach((e, i) => {
      const parent = i < COUNTY_ENTERPRISES ? root : prng.pick(towns.length ? towns : ids.townships);
      const name = `${county}${e}`;
      book.reserve(parent.id, name);
      ids.enterprises.push(add(parent, name, 'enterprise', { contactName: personName(prng), phone: prng.mobile(), address: address(parent === root ? '工业园区' : parent.name), hasCommittee: prng.chance(0.5) }));
    });

    // Parents before children: stable sort by depth keeps generation order within a level.
    rows.sort((a, b) => (a.depth as number) - (b.depth as number));
    await ctx.insert('orgUnit', rows);
    return {
      townships: ids.townships.length,
      villages: ids.villages.length,
      communities: ids.communities.length,
      schools: ids.schools.length,
      enterprises: ids.enterprises.length,
    };
  },
};
