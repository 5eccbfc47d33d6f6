/** The calls of the people pages: users, grantable roles, org units, passwords. */
import { API, type DirectoryUserView, type GrantableRole, type ResponseOf } from '@stagecraft/contract';
import type { ApiResult } from '@stagecraft/renderer';
import { call } from '../../api/client.js';
import { mapOk } from '../../api/http.js';

/** A user in the admin's list. */
export type PersonView = DirectoryUserView;
/** An org unit. */
export type OrgUnit = ResponseOf<typeof API.users.listOrgUnits>['orgUnits'][number];
/** A role that can be granted. */
export type { GrantableRole };

/** What the create form sends (no password: the server makes a one-time one). */
export interface NewPerson {
  email: string;
  name: string;
  roles: string[];
  orgUnitId: string | null;
  managerId: string | null;
}

/** The people pages' calls, each a route of the contract. */
export const peopleApi = {
  users: async (): Promise<ApiResult<PersonView[]>> =>
    mapOk(await call(API.users.listUsers), (b) => (b.view === 'full' ? b.users : [])),
  roles: async (): Promise<ApiResult<GrantableRole[]>> =>
    mapOk(await call(API.users.listGrantableRoles), (b) => b.roles),
  orgUnits: async (): Promise<ApiResult<OrgUnit[]>> =>
    mapOk(await call(API.users.listOrgUnits), (b) => b.orgUnits),
  create: (body: NewPerson) => call(API.users.createUser, { body }),
  update: (id: string, body: Partial<Omit<NewPerson, 'email'>> & { disabled?: boolean }) =>
    call(API.users.updateUser, { params: { id }, body }),
  resetPassword: (id: string) => call(API.users.resetPassword, { params: { id } }),
  addUnit: (name: string, parentId: string | null) =>
    call(API.users.createOrgUnit, { body: { name, parentId } }),
  updateUnit: (id: string, body: { name?: string; parentId?: string | null }) =>
    call(API.users.updateOrgUnit, { params: { id }, body }),
  importCsv: (file: File) => {
    const form = new FormData();
    form.append('file', new Blob([file], { type: 'text/csv' }), file.name);
    return call(API.users.importUsers, { body: form });
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    call(API.auth.changePassword, { body: { currentPassword, newPassword } }),
};
