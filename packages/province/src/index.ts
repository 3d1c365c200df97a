import { LEVEL_POLICIES, startLevelService } from '@lienthong/node';
import type { LevelPolicy, RunningNode } from '@lienthong/node';

/** The province level policy. */
export const policy: LevelPolicy = LEVEL_POLICIES.province;

/** Starts the province service from its config file (see @lienthong/node ServiceConfigFile). */
export function start(configPath: string): Promise<RunningNode> {
  return startLevelService('province', configPath);
}
