/** The demo field force: 3 regions × 3 teams × 5 field reps, with supervisors and a director. */
import { type DemoOrgUnit, type DemoUser, demoOrganisation as organisation } from '@stagecraft/demo-kit';

/** Password of every demo user; printed with the logins. */
export const DEMO_PASSWORD = 'demo-2026';

const REGIONS = [
  { key: 'east', name: '华东大区', manager: '沈立群', city: '上海', lat: 31.23, lng: 121.47 },
  { key: 'north', name: '华北大区', manager: '韩德胜', city: '北京', lat: 39.9, lng: 116.4 },
  { key: 'south', name: '华南大区', manager: '黎小芸', city: '广州', lat: 23.13, lng: 113.26 },
] as const;
const GIVEN = ['晓', '嘉', '子', '思', '雨', '俊', '欣', '浩', '梓', '可'];
const GIVEN2 = ['文', '涵', '轩', '琪', '宁', '辰', '怡', '然', '萱', '航'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'];

export type Region = (typeof REGIONS)[number];
export function regions(): readonly Region[] {
  return REGIONS;
}

/** Org units (regions under the workspace root, city teams under regions) and every demo user. */
export function demoOrganisation(domain = 'demo.stagecraft.local'): {
  orgUnits: DemoOrgUnit[];
  users: DemoUser[];
} {
  let n = 0;
  return organisation({
    domain,
    emailPrefix: 'field.',
    password: DEMO_PASSWORD,
    director: '欧阳明',
    regions: REGIONS,
    teamsPerRegion: 3,
    repsPerTeam: 5,
    teamName: (r, t) => `${REGIONS[r]!.city}${['一', '二', '三'][t]}组`,
    personName: () => {
      const k = n++;
      return `${SURNAMES[k % SURNAMES.length]}${GIVEN[Math.floor(k / 3) % GIVEN.length]}${GIVEN2[(k * 7) % GIVEN2.length]}`;
    },
  });
}
