/**
 * Issue 15 item 9: 1.0.0 (kept in history/) upgrades to 1.1.0 over the API keeping an admin's added
 * field, a relabelled form and every record; 1.1.0's new field, renamed label and new automation arrive.
 */
import { fileURLToPath } from 'node:url';
import { describeDialects } from '@stagecraft/store/testing';
import { expect, it } from 'vitest';
import { packUpgrade } from '../../../apps/server/test/template-upgrade.js';

const dir = fileURLToPath(new URL('..', import.meta.url));

describeDialects('sales-management upgrade', (ctx) => {
  it('upgrades 1.0.0 → 1.1.0 keeping the admin’s edits and every record', async () => {
    const { from, to, after, conflicts } = await packUpgrade(ctx.store, dir);
    expect({ from, to, conflicts }).toEqual({ from: '1.0.0', to: '1.1.0', conflicts: [] });
    const deal = after.entities.find((e) => e.id === 'opportunity');
    expect(deal?.fields.find((f) => f.id === 'nextStep')?.label).toEqual({
      'zh-CN': '下一步行动',
      en: 'Next step',
    });
    expect(deal?.fields.find((f) => f.id === 'leadSource')?.label).toEqual({
      'zh-CN': '线索来源',
      en: 'Lead source',
    });
    expect(after.automations.map((a) => a.id)).toContain('dealWonThanks');
  });
});
