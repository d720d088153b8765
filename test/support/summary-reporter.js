// Prints the slowest test files (where the run's time goes), then one plain
// closing line that CI systems can read: `tests: N passed, N failed, N skipped`.
const SLOWEST = 12;

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const files = results.testResults
      .map((file) => ({
        path: file.testFilePath.replace(`${process.cwd()}/`, ''),
        seconds: (file.perfStats.end - file.perfStats.start) / 1000,
      }))
      .filter((file) => Number.isFinite(file.seconds) && file.seconds > 0)
      .sort((a, b) => b.seconds - a.seconds);
    if (files.length > 1) {
      const total = files.reduce((sum, file) => sum + file.seconds, 0);
      const wall = (Date.now() - results.startTime) / 1000;
      const lines = files.slice(0, SLOWEST).map((f) => `  ${f.seconds.toFixed(1).padStart(7)} s  ${f.path}`);
      process.stdout.write(
        `\nslowest test files (${files.length} files, ${total.toFixed(0)} s in all, ${wall.toFixed(0)} s wall):\n` +
          `${lines.join('\n')}\n`,
      );
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
