export { subjectsOverlap } from './pull-worker';
export { FairQueue } from './fair-queue';
