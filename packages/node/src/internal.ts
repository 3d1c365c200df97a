export { subjectsOverlap } from './pull-worker';
