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

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@lienthong/([a-z]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@lienthong/([a-z]+)/internal$': '<rootDir>/packages/$1/src/internal.ts',
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
