import { LEVEL_POLICIES, startLevelService } from '@lienthong/node';
import type { LevelPolicy, RunningNode } from '@lienthong/node';
import { levelGatewayPlugins } from '@lienthong/gateway';

/** The central level policy. */
export const policy: LevelPolicy = LEVEL_POLICIES.central;

/**
 * Starts the central service from its config file (see @lienthong/node ServiceConfigFile), with the edXML
 * gateway on its HTTP port when the file has a `gateway` key.
 */
export function start(configPath: string): Promise<RunningNode> {
  return startLevelService('central', configPath, { httpPlugins: levelGatewayPlugins });
}
