import { LEVEL_POLICIES, startLevelService } from '@lienthong/node';
import type { LevelPolicy, RunningNode } from '@lienthong/node';

/** The central level policy. */
export const policy: LevelPolicy = LEVEL_POLICIES.central;

/** Starts the central service from its config file (see @lienthong/node ServiceConfigFile). */
export function start(configPath: string): Promise<RunningNode> {
  return startLevelService('central', configPath);
}
