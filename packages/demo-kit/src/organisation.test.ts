import { describe, expect, it } from 'vitest';
import { demoOrganisation } from './organisation.js';

describe('demo organisation', () => {
  const names: string[] = [];
  const { orgUnits, users } = demoOrganisation({
    domain: 'example.test',
    emailPrefix: 'x.',
    password: 'pw',
    director: 'Boss',
    regions: [
      { key: 'east', name: 'East', manager: 'Eve' },
      { key: 'west', name: 'West', manager: 'Will' },
    ],
    teamsPerRegion: 2,
    repsPerTeam: 3,
    teamName: (r, t) => `${['E', 'W'][r]}${t + 1}`,
    specialists: [{ key: 'auditor', local: 'audit', name: 'Ada', role: 'auditor' }],
    personName: (role, r, t, i) => {
      const name = `${role}-${r}-${t}-${i}`;
      names.push(name);
      return name;
    },
  });

  it('builds regions under the root and teams under regions', () => {
    expect(orgUnits.map((u) => [u.key, u.name, u.parent])).toEqual([
      ['east', 'East', null],
      ['east1', 'E1', 'east'],
      ['east2', 'E2', 'east'],
      ['west', 'West', null],
      ['west1', 'W1', 'west'],
      ['west2', 'W2', 'west'],
    ]);
  });

  it('gives every user a key, an email, a role and a manager one level up', () => {
    expect(users).toHaveLength(1 + 2 * (1 + 2 * (1 + 3)) + 1);
    const byKey = new Map(users.map((u) => [u.key, u]));
    expect(byKey.get('director')).toMatchObject({ email: 'x.director@example.test', manager: null });
    expect(byKey.get('mgr_west')).toMatchObject({ name: 'Will', roles: ['manager'], manager: 'director' });
    expect(byKey.get('lead_west2')).toMatchObject({
      email: 'x.manager.west2@example.test',
      orgUnit: 'west2',
      manager: 'mgr_west',
    });
    expect(byKey.get('rep_west2_3')).toMatchObject({
      email: 'x.rep.west2.3@example.test',
      roles: ['member'],
      orgUnit: 'west2',
      manager: 'lead_west2',
      password: 'pw',
    });
    expect(byKey.get('auditor')).toMatchObject({
      email: 'x.audit@example.test',
      name: 'Ada',
      roles: ['auditor'],
      orgUnit: null,
      manager: 'director',
    });
    expect(names.slice(0, 5)).toEqual(['lead-0-0-0', 'rep-0-0-1', 'rep-0-0-2', 'rep-0-0-3', 'lead-0-1-0']);
  });
});
