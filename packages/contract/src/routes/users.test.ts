import { describe, expect, it } from 'vitest';
import { UserDirectory } from './users.js';

const member = { id: 'u1', name: 'Li Lei', orgUnitId: 'east1', orgUnitName: 'East 1', disabled: false };
const full = {
  ...member,
  email: 'li@example.com',
  roles: ['member'],
  managerId: null,
  locale: 'en',
  skillTags: [],
  mustChangePassword: false,
  emailNotifications: true,
};

describe('the directory contract', () => {
  it('accepts the member view and the full view, each under its `view`', () => {
    expect(UserDirectory.parse({ view: 'member', users: [member] })).toEqual({
      view: 'member',
      users: [member],
    });
    expect(UserDirectory.parse({ view: 'full', users: [full] })).toEqual({ view: 'full', users: [full] });
  });

  it('refuses a member view that carries an email or roles: the server cannot leak them unnoticed', () => {
    expect(
      UserDirectory.safeParse({ view: 'member', users: [{ ...member, email: 'li@example.com' }] }).success,
    ).toBe(false);
    expect(
      UserDirectory.safeParse({ view: 'member', users: [{ ...member, roles: ['admin'] }] }).success,
    ).toBe(false);
    expect(UserDirectory.safeParse({ view: 'full', users: [member] }).success).toBe(false);
  });
});
