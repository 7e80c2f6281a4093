// Writes jest's aggregated counts to .jest-results.json so .ci/run can print `tests: N passed, N failed`
// while running the README's test command exactly as written (`npm test`, no extra flags).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

class JestResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      failedSuites: results.numFailedTestSuites + (results.numRuntimeErrorTestSuites || 0),
      total: results.numTotalTests
    };
    writeFileSync(join(this.rootDir, '.jest-results.json'), JSON.stringify(summary) + '\n');
  }
}

module.exports = JestResultsReporter;
