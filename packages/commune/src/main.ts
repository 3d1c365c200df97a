#!/usr/bin/env node
import { runLevelService } from '@lienthong/node';

void runLevelService('commune');
