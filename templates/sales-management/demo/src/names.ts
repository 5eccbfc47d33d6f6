/** Word lists for believable Chinese people and companies. */
import type { Rng } from '@stagecraft/demo-kit';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '志强',
  '建华',
  '晓东',
  '雪梅',
  '海燕',
  '子涵',
  '浩然',
  '思远',
  '嘉怡',
  '宇航',
  '欣怡',
  '俊杰',
  '文博',
];
const CITIES = [
  '上海',
  '苏州',
  '杭州',
  '南京',
  '宁波',
  '无锡',
  '北京',
  '天津',
  '济南',
  '青岛',
  '石家庄',
  '广州',
  '深圳',
  '东莞',
  '佛山',
  '厦门',
  '长沙',
];
const BRAND = [
  '恒瑞',
  '华信',
  '博远',
  '鼎盛',
  '联创',
  '瑞丰',
  '中科',
  '天成',
  '汇通',
  '凯达',
  '安泰',
  '宏图',
  '新元',
  '锦程',
  '永晟',
  '睿智',
  '盛世',
  '启航',
  '同力',
  '东方',
];
const TRADE: Record<string, string[]> = {
  manufacturing: ['精密机械', '汽车零部件', '电子科技', '新材料'],
  retail: ['商贸', '连锁超市', '百货'],
  it_services: ['信息技术', '软件', '数据科技'],
  healthcare: ['医疗器械', '生物医药', '健康管理'],
  education: ['教育科技', '培训'],
  finance: ['融资租赁', '保险经纪', '投资管理'],
  logistics: ['供应链', '物流', '冷链运输'],
  energy: ['新能源', '电力设备', '光伏科技'],
};
const SUFFIX = ['有限公司', '股份有限公司', '集团有限公司'];
const TITLES = [
  '总经理',
  '采购总监',
  'IT 经理',
  '财务总监',
  '运营副总',
  '信息中心主任',
  '生产经理',
  '采购专员',
  '销售总监',
  '行政经理',
];

/** A Chinese full name such as 陈思远. */
export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}
/** A company name such as 苏州恒瑞精密机械有限公司, with its city. */
export function companyName(rng: Rng, industry: string): { name: string; city: string } {
  const city = rng.pick(CITIES);
  return {
    name: `${city}${rng.pick(BRAND)}${rng.pick(TRADE[industry] ?? ['实业'])}${rng.pick(SUFFIX)}`,
    city,
  };
}
export function jobTitle(rng: Rng): string {
  return rng.pick(TITLES);
}
/** A mainland mobile number (13x–19x) drawn from the generator. */
export function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
}
