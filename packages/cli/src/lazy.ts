import type * as NodeInternals from '@lienthong/node/internal';

/**
 * Parts of the node runtime that a few commands need, loaded when they run: loading the runtime
 * takes about half a second, and every command would pay it at start-up.
 */
export function nodeInternals(): Promise<typeof NodeInternals> {
  return import('@lienthong/node/internal');
}
