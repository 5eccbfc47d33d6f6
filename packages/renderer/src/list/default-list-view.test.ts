import { App } from '@stagecraft/schema';
import { describe, expect, it } from 'vitest';
import { sampleApp } from '../testing/sample-app.js';
import { withDefaultListViews } from './default-list-view.js';

describe('withDefaultListViews', () => {
  it('adds a list view for each entity no list view covers, and keeps the declared ones', () => {
    const app = withDefaultListViews(App.parse(sampleApp));
    expect(app.views.map((v) => v.id)).toEqual(['deals', 'pipeline', 'companyAll']);
    const added = app.views[2];
    expect(added).toMatchObject({ type: 'list', entity: 'company', columns: [{ field: 'name' }] });
    expect(App.safeParse(app).success).toBe(true);
  });
});
