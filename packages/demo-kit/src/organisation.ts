/**
 * The demo company every pack starts from: a director over regions, each with a manager and teams,
 * each team with a lead and reps. Keys, roles and reporting lines are the same in every pack (so
 * logins and scopes look alike); names, emails and unit names are the pack's.
 */
import type { DemoOrgUnit, DemoUser } from './demo-data.js';

/** The shape and the words of a pack's demo company. */
export interface OrganisationSpec {
  /** Email domain of every demo user. */
  domain: string;
  /** Put before every email's local part, e.g. `field.` → `field.rep.east1.1@…`. */
  emailPrefix?: string;
  password: string;
  director: string;
  regions: readonly { key: string; name: string; manager: string }[];
  teamsPerRegion: number;
  repsPerTeam: number;
  /** The org-unit name of team `team` (0-based) of region `region` (its index in `regions`). */
  teamName(region: number, team: number): string;
  /** Names of people below the region managers, asked for in order: each team's lead, then its reps. */
  personName(role: 'lead' | 'rep', region: number, team: number, rep: number): string;
  /**
   * People outside the sales hierarchy who hold a pack's own roles (e.g. the approvers of a
   * sign-off): each at the company root, reporting to the director, with `role` as their only role.
   */
  specialists?: readonly { key: string; local: string; name: string; role: string }[];
}

/**
 * Org units (regions under the workspace root, teams under regions) and users: `director`,
 * `mgr_<region>`, `lead_<region><n>` and `rep_<region><n>_<m>` (managers and members), each
 * reporting to the one above; then the spec's specialists under the director.
 */
export function demoOrganisation(spec: OrganisationSpec): { orgUnits: DemoOrgUnit[]; users: DemoUser[] } {
  const email = (local: string) => `${spec.emailPrefix ?? ''}${local}@${spec.domain}`;
  const user = (
    key: string,
    local: string,
    name: string,
    role: string,
    orgUnit: string | null,
    manager: string | null,
  ): DemoUser => ({
    key,
    email: email(local),
    name,
    roles: [role],
    orgUnit,
    manager,
    password: spec.password,
    locale: 'zh-CN',
  });
  const orgUnits: DemoOrgUnit[] = [];
  const users: DemoUser[] = [user('director', 'director', spec.director, 'manager', null, null)];
  spec.regions.forEach((region, r) => {
    orgUnits.push({ key: region.key, name: region.name, parent: null });
    const regionManager = `mgr_${region.key}`;
    users.push(
      user(regionManager, `manager.${region.key}`, region.manager, 'manager', region.key, 'director'),
    );
    for (let t = 0; t < spec.teamsPerRegion; t++) {
      const team = `${region.key}${t + 1}`;
      orgUnits.push({ key: team, name: spec.teamName(r, t), parent: region.key });
      const lead = `lead_${team}`;
      users.push(
        user(lead, `manager.${team}`, spec.personName('lead', r, t, 0), 'manager', team, regionManager),
      );
      for (let i = 1; i <= spec.repsPerTeam; i++)
        users.push(
          user(`rep_${team}_${i}`, `rep.${team}.${i}`, spec.personName('rep', r, t, i), 'member', team, lead),
        );
    }
  });
  for (const s of spec.specialists ?? []) users.push(user(s.key, s.local, s.name, s.role, null, 'director'));
  return { orgUnits, users };
}
