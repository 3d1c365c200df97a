#!/usr/bin/env -S node --max-semi-space-size=32
import { levelGatewayPlugins } from '@lienthong/gateway';
import { runLevelService } from '@lienthong/node';

void runLevelService('central', process.argv.slice(2), { httpPlugins: levelGatewayPlugins });
