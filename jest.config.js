// Tests are written in TypeScript under test/ and compiled by `npm run build`
// with the rest of the project; jest runs the compiled ES modules natively
// (node --experimental-vm-modules), so no transform and one module format.
export default {
  rootDir: '.',
  testMatch: ['<rootDir>/dist/test/**/*.test.js'],
  transform: {},
  testEnvironment: 'node',
  testTimeout: 120000,
};
