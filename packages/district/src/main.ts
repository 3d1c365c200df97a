#!/usr/bin/env node
import 'reflect-metadata';
import { runLevelService } from '@lienthong/node';

void runLevelService('district');
