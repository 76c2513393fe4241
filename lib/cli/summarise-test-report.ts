import path from "node:path";
import { z } from "zod";

/** What one `npm test` step counts: tests that passed, failures, and a line for each failure that is not a test. */
export type StepCount = { passed: number; failed: number; problems: string[] };

/**
 * No test in this repository is skipped on purpose (there is no `.skip`, `.todo` or `skipIf` anywhere), so a
 * skipped or pending test is one that could not run: its file's beforeAll failed, or an e2e dependency did.
 * Counting it as passed, or not at all, is how "515 passed, 0 failed" hid 22 tests that never ran.
 */
const NOT_RUN = new Set(["skipped", "pending", "todo", "disabled"]);

const vitestReport = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(z.object({ fullName: z.string().optional(), title: z.string(), status: z.string() })),
    }),
  ),
});

const firstLine = (text: string) =>
  text
    // Vitest colours its messages; the summary is plain text.
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line.length > 0) ?? "";

function finish(passed: number, failed: number, problems: string[], exitCode: number): StepCount {
  if (passed + failed === 0) return { passed, failed: 1, problems: [...problems, "ran no tests"] };
  if (exitCode !== 0 && failed === 0) return { passed, failed: 1, problems: [...problems, `exited with code ${exitCode} although no test failed`] };
  return { passed, failed, problems };
}

/**
 * Counts a Vitest JSON report (`--reporter=json`). A file that failed to load or whose hook failed counts as
 * one failure (its tests, if any were collected, are skipped and count too); undefined means no readable report.
 * `root` shortens the file names in the problems.
 */
export function summariseVitestReport(json: unknown, exitCode: number, root?: string): StepCount {
  const report = vitestReport.safeParse(json);
  if (!report.success) return { passed: 0, failed: 1, problems: ["no readable Vitest report"] };
  let passed = 0;
  let failed = 0;
  const problems: string[] = [];
  for (const file of report.data.testResults) {
    const name = root ? path.relative(root, file.name) : file.name;
    let failedInFile = 0;
    for (const test of file.assertionResults) {
      if (test.status === "passed") passed += 1;
      else if (test.status === "failed") failedInFile += 1;
      else if (NOT_RUN.has(test.status)) {
        failedInFile += 1;
        problems.push(`${name}: did not run (${test.status}): ${test.fullName ?? test.title}`);
      } else failedInFile += 1;
    }
    // A file can fail with no failing test: it did not load, or a beforeAll/afterAll hook threw.
    const failedTests = file.assertionResults.some((test) => test.status === "failed");
    if (file.status !== "passed" && !failedTests) {
      failedInFile += 1;
      problems.push(`${name}: ${firstLine(file.message ?? "") || "failed outside any test (a hook, or the file did not load)"}`);
    }
    failed += failedInFile;
  }
  return finish(passed, failed, problems, exitCode);
}

type PlaywrightSuite = {
  title: string;
  specs?: { title: string; tests: { status: string; projectName?: string }[] }[];
  suites?: PlaywrightSuite[];
};

const playwrightSuite: z.ZodType<PlaywrightSuite> = z.lazy(() =>
  z.object({
    title: z.string(),
    specs: z.array(z.object({ title: z.string(), tests: z.array(z.object({ status: z.string(), projectName: z.string().optional() })) })).optional(),
    suites: z.array(playwrightSuite).optional(),
  }),
);

const playwrightReport = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }),
  errors: z.array(z.object({ message: z.string().optional() })).default([]),
  suites: z.array(playwrightSuite).default([]),
});

function skippedSpecs(suites: PlaywrightSuite[], parents: string[] = []): string[] {
  return suites.flatMap((suite) => {
    const path = suite.title ? [...parents, suite.title] : parents;
    const here = (suite.specs ?? []).flatMap((spec) =>
      spec.tests.filter((test) => test.status === "skipped").map((test) => `${[...path, spec.title].join(" › ")}${test.projectName ? ` [${test.projectName}]` : ""}`),
    );
    return [...here, ...skippedSpecs(suite.suites ?? [], path)];
  });
}

/**
 * Counts a Playwright JSON report. Flaky and skipped tests are failures (retries are off and nothing is
 * skipped on purpose), and so is each error outside a test (global setup, a file that did not load).
 */
export function summarisePlaywrightReport(json: unknown, exitCode: number): StepCount {
  const report = playwrightReport.safeParse(json);
  if (!report.success) return { passed: 0, failed: 1, problems: ["no readable Playwright report"] };
  const { stats, errors, suites } = report.data;
  const problems = [
    ...errors.map((error) => firstLine(error.message ?? "") || "an error outside any test"),
    ...skippedSpecs(suites).map((title) => `did not run: ${title}`),
    ...(stats.flaky > 0 ? [`${stats.flaky} flaky test(s)`] : []),
  ];
  return finish(stats.expected, stats.unexpected + stats.flaky + stats.skipped + errors.length, problems, exitCode);
}
