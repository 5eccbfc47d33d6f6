import { BoardView } from '@stagecraft/renderer';
import type { BoardView as BoardViewDoc } from '@stagecraft/schema';
import { navigate } from '../shell/route.js';

/** A board view route (lazy-loaded: dnd-kit stays out of the list page's first load). */
export function BoardPage({ app, view }: { app: string; view: BoardViewDoc }) {
  return (
    <BoardView
      key={view.id}
      view={view}
      onOpen={(r) => navigate({ page: 'record', app, entity: view.entity, id: r.id })}
    />
  );
}
