import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

const codes = (password: string, email = 'wang.fang@example.com') =>
  checkPassword(password, email, '/password').map((i) => i.code);

describe('password policy', () => {
  it('accepts a long password unrelated to the email and not common', () => {
    expect(codes('Lantern-Orbit-47')).toEqual([]);
  });

  it('refuses fewer than 10 characters, counted as characters, not bytes', () => {
    expect(codes('Ab3$kq9!z')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(codes('销售管理系统密码安全好')).toEqual([]);
    expect(codes('销售管理系统密码安')).toEqual(['PASSWORD_TOO_SHORT']);
  });

  it('refuses the email or its local part inside the password, in any case', () => {
    expect(codes('wang.fang@example.com')).toContain('PASSWORD_CONTAINS_EMAIL');
    expect(codes('xx-WANG.FANG-2026')).toEqual(['PASSWORD_CONTAINS_EMAIL']);
    // A two-letter local part is not held against the password.
    expect(codes('Lantern-Orbit-47li', 'li@example.com')).toEqual([]);
  });

  it('refuses passwords from the common list, whatever their case', () => {
    expect(codes('1234567890')).toEqual(['PASSWORD_TOO_COMMON']);
    expect(codes('QWERTYUIOP')).toEqual(['PASSWORD_TOO_COMMON']);
    expect(codes('password')).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_COMMON']);
  });

  it('puts every issue at the given path with an English message', () => {
    const [first] = checkPassword('x', 'a@b.c', '/newPassword');
    expect(first).toMatchObject({ path: '/newPassword', message: expect.stringContaining('10') });
  });
});
