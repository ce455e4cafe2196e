/**
 * Word lists for the demo county: a fictional county in southern Jiangxi (赣南苏区 style), 革命老区.
 * Every name here is made up from common place-name parts; any match with a real place is coincidence.
 */
import type { Prng } from './prng.js';

export const DEMO_COUNTY_NAME = '红源县';
/** Fictional statistical area code prefix (no real county uses 361199). */
export const DEMO_COUNTY_CODE = '361199000000';
export const AREA_CODE = '0797';

export type TownshipType = '街道' | '镇' | '乡';
export interface TownshipName {
  name: string;
  type: TownshipType;
  /** The short stem (红都), used for school names of 街道. */
  stem: string;
}

/** Sub-districts are always present (the county seat); towns and townships are drawn from the pools. */
export const SUBDISTRICTS: TownshipName[] = [
  { name: '红都街道', type: '街道', stem: '红都' },
  { name: '绵江街道', type: '街道', stem: '绵江' },
  { name: '翠微街道', type: '街道', stem: '翠微' },
];
export const TOWNS: TownshipName[] = [
  '沙坝', '云石', '樟溪', '长岭', '黄柏', '壬田', '九堡', '大柏', '泽潭', '丹溪', '岗面', '梅岭', '瑞林', '竹坑',
].map((stem) => ({ name: `${stem}镇`, type: '镇' as const, stem }));
export const RURAL_TOWNSHIPS: TownshipName[] = ['拔英', '桃坑', '云峰', '金竹', '白鹭', '石水', '营前'].map((stem) => ({
  name: `${stem}乡`,
  type: '乡' as const,
  stem,
}));

/** Village names are two syllables: a first part and a landform. */
export const VILLAGE_FIRST = [
  '上', '下', '大', '小', '新', '老', '东', '西', '南', '北', '黄', '白', '青', '红', '石', '龙', '凤', '高', '长', '金',
  '桃', '杨', '柳', '樟', '桐', '竹', '松', '梅', '莲', '枫', '茶', '岩', '水', '马', '鹤', '官', '罗', '洋', '湖', '沙',
];
export const VILLAGE_SECOND = [
  '坪', '坝', '坑', '岭', '塘', '田', '溪', '洲', '湾', '岗', '陂', '背', '坳', '山', '源', '口', '圩', '排', '坊', '桥',
  '垅', '寨', '堡', '江',
];
export const COMMUNITY_STEMS = [
  '建设', '人民', '解放', '胜利', '和平', '长征', '八一', '文昌', '沿江', '滨河', '光明', '新华', '育才', '五一', '迎宾',
  '站前', '城南', '城北', '龙珠', '水南', '环城', '健康', '金桥', '凤凰', '绿茵', '红星', '瑞明', '向阳',
];

export const STREETS = ['人民路', '解放路', '红都大道', '建设路', '胜利街', '长征大道', '沿江路', '新华街', '八一路', '文昌路'];

/** County-level schools stand directly under the county node. */
export const COUNTY_SCHOOLS = ['第一中学', '第二中学', '实验中学', '实验小学', '职业中等专业学校', '特殊教育学校', '实验幼儿园'];

export const ENTERPRISES = [
  '恒达电子科技有限公司', '绿源茶业有限公司', '客家米粉食品有限公司', '脐橙产业发展有限公司', '鑫盛家具制造有限公司',
  '红色文化旅游发展有限公司', '城市建设投资集团有限公司', '稀土新材料有限公司', '华宇纺织服装有限公司', '宏远建材有限公司',
  '富民油茶专业合作社', '金山竹木制品有限公司', '康源医药有限公司', '永兴物流有限公司', '鸿运汽车零部件有限公司',
  '山里人家农业开发有限公司', '瑞达光电科技有限公司', '天成水泥有限公司', '赣香白莲专业合作社', '嘉禾米业有限公司',
  '鑫源再生资源有限公司', '润泽水务有限公司', '丰华蔬菜产业园有限公司', '智联电商产业园运营有限公司', '惠农饲料有限公司',
];

/** Common surnames of southern Jiangxi (Hakka areas), roughly by frequency: earlier ones are drawn more often. */
const SURNAMES = [
  '刘', '钟', '李', '陈', '黄', '曾', '谢', '赖', '王', '张', '杨', '罗', '邱', '温', '廖', '肖', '朱', '胡', '吴', '郭',
  '邹', '何', '徐', '彭', '林', '邓', '叶', '梁', '宋', '蓝', '欧阳', '池', '丁', '袁', '曹',
];
const GIVEN_MALE = ['建', '国', '华', '明', '伟', '强', '军', '平', '志', '文', '海', '林', '春', '荣', '东', '新', '生', '福', '光', '胜', '德', '永', '红', '勇', '斌', '涛', '峰', '辉', '剑', '鹏'];
const GIVEN_FEMALE = ['芳', '丽', '英', '华', '秀', '玲', '红', '梅', '兰', '艳', '萍', '敏', '静', '燕', '霞', '琴', '娟', '凤', '慧', '婷', '莉', '洁', '春', '珍', '琳'];

/** A realistic full name: a surname and one or two given-name characters. */
export function personName(prng: Prng): string {
  // Skewed towards the common surnames: square of a uniform draw.
  const r = prng.next();
  const surname = SURNAMES[Math.floor(r * r * SURNAMES.length)];
  const pool = prng.chance(0.55) ? GIVEN_MALE : GIVEN_FEMALE;
  const first = prng.pick(pool);
  if (prng.chance(0.3)) return surname + first;
  let second = prng.pick(pool);
  while (second === first) second = prng.pick(pool);
  return surname + first + second;
}

export function landline(prng: Prng): string {
  return `${AREA_CODE}-${prng.int(2, 8)}${String(prng.int(0, 999_999)).padStart(6, '0')}`;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function chineseOrdinal(n: number): string {
  if (n <= 10) return CN_DIGITS[n];
  if (n < 20) return `十${CN_DIGITS[n - 10]}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return String(n);
}

export interface MemberUnitSeed {
  name: string;
  shortName: string;
  duties: string;
}

/** The member units of the county committee (docs/domain.md), in the order the county lists them. */
export const MEMBER_UNITS: MemberUnitSeed[] = [
  {
    name: '县委宣传部', shortName: '宣传部',
    duties: '牵头组织关心下一代工作的宣传报道，把青少年思想道德建设纳入全县宣传思想工作总体部署；指导“五老”报告团、宣讲团开展党的创新理论和红色文化宣讲；利用县融媒体中心宣传关工委工作先进典型。',
  },
  {
    name: '县委政法委', shortName: '政法委',
    duties: '统筹协调政法各部门参与预防青少年违法犯罪工作；把未成年人“零犯罪学校”“零犯罪村（社区）”“四零社区”创建纳入平安建设考评；推动重点青少年群体服务管理和社会面帮教。',
  },
  {
    name: '县文明办', shortName: '文明办',
    duties: '把关心下一代工作纳入文明单位、文明村镇、文明校园创建测评；组织“传承红色基因，争做时代新人”等未成年人思想道德建设主题活动；指导乡村学校少年宫和新时代文明实践站（所）面向青少年开展活动。',
  },
  {
    name: '县教育局', shortName: '教育局',
    duties: '指导各中小学、幼儿园建立关工委或关工小组；组织“五老”进校园开展“四史三爱”教育和法治教育；落实家庭经济困难学生资助政策，配合做好失学辍学青少年劝返复学和助学帮扶。',
  },
  {
    name: '县公安局', shortName: '公安局',
    duties: '选派法治副校长，开展“关爱明天、普法先行”进校园活动；加强校园及周边治安综合治理；配合做好涉罪未成年人和不良行为青少年的教育矫治，协助核查失管青少年情况。',
  },
  {
    name: '县民政局', shortName: '民政局',
    duties: '负责农村留守儿童、困境儿童、事实无人抚养儿童的摸底排查和关爱保护；落实孤儿和困境儿童基本生活保障；指导村（社区）儿童主任、儿童督导员配合关工委开展失亲、失管青少年帮扶。',
  },
  {
    name: '县司法局', shortName: '司法局',
    duties: '组织法律进学校、进社区，开展青少年普法宣传；做好社区矫正未成年人和刑满释放青少年的帮教安置；为困难青少年及其家庭提供法律援助。',
  },
  {
    name: '县财政局', shortName: '财政局',
    duties: '将关工委工作经费纳入年度财政预算并按时拨付；统筹助学、助困资金，加强关心下一代专项经费的绩效管理和监督检查。',
  },
  {
    name: '县人力资源和社会保障局', shortName: '人社局',
    duties: '围绕县域重点产业用工需求，联合关工委举办青少年创业就业技能培训班；落实青年就业见习、创业担保贷款等政策；帮助失业青年和困难家庭毕业生就业。',
  },
  {
    name: '县农业农村局', shortName: '农业农村局',
    duties: '结合乡村振兴开展农村青年实用技术培训，培育一批乡村振兴致富带头人；支持“五老”参与农村青少年关爱帮扶和农业产业带动就业。',
  },
  {
    name: '县卫生健康委员会', shortName: '卫健委',
    duties: '开展青少年心理健康服务和健康教育进校园；做好困境儿童医疗救助和近视、龋齿等常见病防控；配合关工委关心失亲、失管儿童的身心健康。',
  },
  {
    name: '县退役军人事务局', shortName: '退役军人事务局',
    duties: '组织老战士、退役军人参加“五老”队伍，开展革命传统和国防教育；协助管理烈士纪念设施等红色基因传承教育基地，组织青少年祭扫缅怀活动。',
  },
  {
    name: '共青团县委', shortName: '团县委',
    duties: '组织“大手牵小手，永远跟党走”等主题活动；开展青少年志愿服务和希望工程助学；联系服务新兴青年群体，配合关工委做好青少年就业创业服务。',
  },
  {
    name: '县妇女联合会', shortName: '妇联',
    duties: '开展家庭教育指导和家风建设，推动家长学校建设；关爱农村留守儿童和困境儿童，组织“春蕾计划”等助学活动；维护妇女儿童合法权益。',
  },
  {
    name: '县科学技术协会', shortName: '科协',
    duties: '组织老专家开展科普进校园、进农村活动；举办青少年科技创新大赛和科技夏令营；为农村青年技能培训提供技术和专家支持。',
  },
  {
    name: '县总工会', shortName: '总工会',
    duties: '关心职工子女成长，开展“金秋助学”等困难职工子女帮扶；推动企业建立关工组织，组织劳动模范、老模范宣讲劳模精神和工匠精神。',
  },
  {
    name: '县委老干部局', shortName: '老干部局',
    duties: '动员和组织离退休干部参与关心下一代工作，为“五老”志愿者发挥作用创造条件；协助关工委做好老同志的服务保障和表彰宣传。',
  },
  {
    name: '县文化广电新闻出版旅游局', shortName: '文广新旅局',
    duties: '指导红色基因传承教育基地、革命旧址、纪念馆面向青少年免费开放；组织红色文艺作品进校园；净化青少年文化市场环境。',
  },
];
