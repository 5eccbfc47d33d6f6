/** The demo field force: 3 regions × 3 teams × 5 field reps, with supervisors and a director. */
import type { DemoOrgUnit, DemoUser } from '@stagecraft/demo-kit';

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

export function demoOrganisation(domain = 'demo.stagecraft.local'): {
  orgUnits: DemoOrgUnit[];
  users: DemoUser[];
} {
  const orgUnits: DemoOrgUnit[] = [];
  const users: DemoUser[] = [
    {
      key: 'director',
      email: `field.director@${domain}`,
      name: '欧阳明',
      roles: ['manager'],
      orgUnit: null,
      manager: null,
      password: DEMO_PASSWORD,
      locale: 'zh-CN',
    },
  ];
  let n = 0;
  const name = () => {
    const k = n++;
    return `${SURNAMES[k % SURNAMES.length]}${GIVEN[Math.floor(k / 3) % GIVEN.length]}${GIVEN2[(k * 7) % GIVEN2.length]}`;
  };
  for (const region of REGIONS) {
    orgUnits.push({ key: region.key, name: region.name, parent: null });
    const regionManager = `mgr_${region.key}`;
    users.push({
      key: regionManager,
      email: `field.manager.${region.key}@${domain}`,
      name: region.manager,
      roles: ['manager'],
      orgUnit: region.key,
      manager: 'director',
      password: DEMO_PASSWORD,
      locale: 'zh-CN',
    });
    for (let t = 1; t <= 3; t++) {
      const team = `${region.key}${t}`;
      orgUnits.push({ key: team, name: `${region.city}${['一', '二', '三'][t - 1]}组`, parent: region.key });
      const lead = `lead_${team}`;
      users.push({
        key: lead,
        email: `field.manager.${team}@${domain}`,
        name: name(),
        roles: ['manager'],
        orgUnit: team,
        manager: regionManager,
        password: DEMO_PASSWORD,
        locale: 'zh-CN',
      });
      for (let i = 1; i <= 5; i++) {
        users.push({
          key: `rep_${team}_${i}`,
          email: `field.rep.${team}.${i}@${domain}`,
          name: name(),
          roles: ['member'],
          orgUnit: team,
          manager: lead,
          password: DEMO_PASSWORD,
          locale: 'zh-CN',
        });
      }
    }
  }
  return { orgUnits, users };
}
