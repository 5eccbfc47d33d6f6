/**
 * The demo company: 3 regions × 3 teams × 5 reps, with a director, region and team managers, and
 * the three reviewers of the large-deal sign-off.
 */
import { type DemoOrgUnit, type DemoUser, demoOrganisation as organisation } from '@stagecraft/demo-kit';

/** Password of every demo user; printed with the logins by `stagecraft start`. */
export const DEMO_PASSWORD = 'demo-2026';

const REGIONS = [
  { key: 'east', name: '华东大区', manager: '周建华' },
  { key: 'north', name: '华北大区', manager: '赵志强' },
  { key: 'south', name: '华南大区', manager: '林海燕' },
] as const;
const TEAM_NAMES = ['一组', '二组', '三组'];
const REP_NAMES = [
  '陈思远',
  '王雪梅',
  '李浩然',
  '张嘉怡',
  '刘宇航',
  '杨欣怡',
  '黄俊杰',
  '吴文博',
  '徐晓东',
  '孙丽娟',
  '马明',
  '朱静',
  '胡磊',
  '郭艳',
  '何涛',
  '罗敏',
  '郑强',
  '梁娜',
  '谢勇',
  '宋芳',
  '唐杰',
  '许霞',
  '韩平',
  '冯刚',
  '邓伟',
  '曹超',
  '彭洋',
  '曾军',
  '萧丽',
  '田桂英',
  '董子涵',
  '袁志远',
  '潘晓峰',
  '蒋美玲',
  '蔡国强',
  '余佳琪',
  '杜鹏',
  '叶倩',
  '程浩',
  '魏婷',
  '苏振华',
  '吕思琪',
  '丁凯',
  '任雨欣',
  '沈博',
];
const TEAM_LEADS = ['钱立新', '孔德明', '严如玉', '华子健', '金晓燕', '魏东升', '陶然', '姜宏伟', '戚美华'];

/**
 * The approvers of the large-deal sign-off (approval `largeDealSignoff`): one named person per
 * review role, so an order over 500,000 can be signed off with the demo logins.
 */
export const REVIEWERS = [
  { key: 'techReviewer', local: 'tech.review', name: '韦思成', role: 'techReviewer' },
  { key: 'legalReviewer', local: 'legal.review', name: '顾明哲', role: 'legalReviewer' },
  { key: 'serviceReviewer', local: 'service.review', name: '褚晓琳', role: 'serviceReviewer' },
] as const;

/** Org units (regions under the company root, teams under regions) and every demo user. */
export function demoOrganisation(domain = 'demo.stagecraft.local'): {
  orgUnits: DemoOrgUnit[];
  users: DemoUser[];
} {
  let rep = 0;
  return organisation({
    domain,
    password: DEMO_PASSWORD,
    director: '高远',
    regions: REGIONS,
    teamsPerRegion: TEAM_NAMES.length,
    repsPerTeam: 5,
    specialists: REVIEWERS,
    teamName: (r, t) => `${REGIONS[r]!.name.slice(0, 2)}${TEAM_NAMES[t]}`,
    personName: (role, r, t) =>
      role === 'lead' ? TEAM_LEADS[r * TEAM_NAMES.length + t]! : REP_NAMES[rep++]!,
  });
}

/** The reps (members), in a stable order. */
export function repsOf(users: DemoUser[]): DemoUser[] {
  return users.filter((u) => u.roles.includes('member'));
}
