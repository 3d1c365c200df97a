import { LEVEL_POLICIES, startLevelService } from '@lienthong/node';
import type { LevelPolicy, RunningNode } from '@lienthong/node';

/** The district level policy. */
export const policy: LevelPolicy = LEVEL_POLICIES.district;

/** Starts the district service from its config file (see @lienthong/node ServiceConfigFile). */
export function start(configPath: string): Promise<RunningNode> {
  return startLevelService('district', configPath);
}
