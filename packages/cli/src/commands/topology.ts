import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { diffTopologies, parseJsonText, parseTopology, renderTopologyDiff } from '@lienthong/core';
import type { Topology } from '@lienthong/core';
import { invalid } from '../errors';
import { printJson, write } from '../output';
import { registerTopologyApply } from './topology-apply';

/** A topology file, or a CliError naming the file and what is wrong with it. */
export function readTopologyFile(file: string): Topology {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid(`cannot read topology file ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = parseJsonText(text, `topology file ${file} is not JSON`);
  } catch (e) {
    throw invalid((e as Error).message);
  }
  try {
    return parseTopology(json);
  } catch (e) {
    throw invalid(`topology file ${file}: ${(e as Error).message}`);
  }
}

/** `lienthong topology diff OLD NEW`: a topology change as a plan, read from two files (no server). */
export function registerTopology(program: Command): void {
  const topology = program
    .command('topology')
    .description('topology files: compare and plan changes, apply one to the running directory');
  topology
    .command('diff')
    .description(
      'what changes from OLD to NEW (nodes, agencies, closed codes, domains) and what happens to queues, inboxes, tracking records and credentials',
    )
    .argument('<old>', 'the topology in force (file)')
    .argument('<new>', 'the topology to move to (file)')
    .option('--json', 'the plan as JSON: { summary, warnings, changes[] }')
    .option('--summary', 'only the counts and the warnings')
    .action((oldFile: string, newFile: string, o: { json?: boolean; summary?: boolean }) => {
      const diff = diffTopologies(readTopologyFile(oldFile), readTopologyFile(newFile));
      if (o.json) printJson(o.summary ? { summary: diff.summary, warnings: diff.warnings } : diff);
      else write(renderTopologyDiff(diff, { summaryOnly: o.summary === true }));
    });
  registerTopologyApply(topology, readTopologyFile);
}
