/** Tests run from TypeScript sources through @swc/jest; `@lienthong/*` resolves to each package's public entry. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/**
 * Suites whose assertions are about time under load (the urgent lane's 1 s bound, fairness rates,
 * the chaos suite's recovery, the dashboard's live update and page times on the national tree):
 * `LT_TIMED=skip` leaves them out, `LT_TIMED=only` runs only them, one
 * file at a time, so that they do not measure a neighbour's CPU. scripts/test.sh runs both passes.
 */
const TIMED = [
  '/tests/chaos/.*\\.test\\.ts$',
  '/packages/node/test/flow-fairness\\.test\\.ts$',
  '/packages/node/test/flow-lanes\\.test\\.ts$',
  '/packages/dashboard/test/dashboard-browser\\.test\\.ts$',
  '/packages/dashboard/test/dashboard-scale\\.test\\.ts$',
];
const timed = process.env.LT_TIMED;

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', ...(timed === 'skip' ? TIMED : [])],
  ...(timed === 'only' ? { testMatch: undefined, testRegex: TIMED } : {}),
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@lienthong/([a-z]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@lienthong/([a-z]+)/internal$': '<rootDir>/packages/$1/src/internal.ts',
  },
  testTimeout: 30000,
  maxWorkers: timed === 'only' ? 1 : 2,
};
