/** The shapes of the topology: as written in a topology file, and as the tree holds them. */
import type { Level } from '@lienthong/proto';
import type { LevelName } from './subjects';
import type { ClosedCodeJson } from './topology-closed';

export interface NodeInfo {
  readonly id: string;
  readonly level: Level;
  readonly levelName: LevelName;
  readonly name: string;
  /** Absent for the root only. */
  readonly parent?: string;
  /** JetStream domain of the node's streams; '' for the default domain. */
  readonly domain: string;
}

export interface AgencyInfo {
  readonly code: string;
  readonly name: string;
  readonly tier: Level;
  readonly parentCode?: string;
  readonly homeNode: string;
}

/** A node as written in a topology file. */
export interface TopologyNodeJson {
  id: string;
  level: LevelName;
  name: string;
  parent?: string;
  domain?: string;
}

/** An agency as written in a topology file. */
export interface TopologyAgencyJson {
  code: string;
  name: string;
  tier: LevelName;
  parentCode?: string;
  homeNode: string;
}

/** The topology file: `{ "nodes": [...], "agencies": [...], "closed"?: [...] }`. */
export interface TopologyJson {
  nodes: TopologyNodeJson[];
  agencies: TopologyAgencyJson[];
  /** Closed agency codes with their successor (absent: none). */
  closed?: ClosedCodeJson[];
}

export type NextHop =
  | { readonly kind: 'local' }
  | { readonly kind: 'down'; readonly node: NodeInfo }
  | { readonly kind: 'up'; readonly node: NodeInfo };
