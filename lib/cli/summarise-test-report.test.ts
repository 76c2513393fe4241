import { describe, expect, it } from "vitest";
import { summarisePlaywrightReport, summariseVitestReport } from "./summarise-test-report";

// Shapes captured from real runs (Vitest 4.1 `--reporter=json`, Playwright 1.64 json reporter) on throwaway
// test files: a missing import, a syntax error, a throwing beforeAll/afterAll, `.skip` and `.todo`.
type Test = { fullName: string; title: string; status: string };
const test = (title: string, status: string): Test => ({ fullName: title, title, status });
const file = (name: string, status: string, assertionResults: Test[], message = "") => ({ name, status, message, assertionResults });
const vitest = (...testResults: ReturnType<typeof file>[]) => ({ numPassedTests: 0, numFailedTests: 0, success: false, testResults });

describe("summariseVitestReport", () => {
  it("counts passing and failing tests", () => {
    const report = vitest(file("a.test.ts", "passed", [test("one", "passed"), test("two", "passed")]), file("b.test.ts", "failed", [test("three", "failed")]));
    expect(summariseVitestReport(report, 1)).toEqual({ passed: 2, failed: 1, problems: [] });
  });

  it("counts a file that did not load (missing import, syntax error) as a failure", () => {
    const report = vitest(
      file("ok.test.ts", "passed", [test("one", "passed")]),
      file("broken-import.test.ts", "failed", [], "Cannot find module './does-not-exist' imported from /repo/lib/broken-import.test.ts"),
      file("broken-syntax.test.ts", "failed", [], "Transform failed with 1 error:\n\n\u001b[31m[PARSE_ERROR] \u001b[0mUnexpected token"),
    );
    const summary = summariseVitestReport(report, 1);
    expect(summary).toMatchObject({ passed: 1, failed: 2 });
    expect(summary.problems).toEqual([
      "broken-import.test.ts: Cannot find module './does-not-exist' imported from /repo/lib/broken-import.test.ts",
      "broken-syntax.test.ts: Transform failed with 1 error:",
    ]);
  });

  it("counts the tests a failed beforeAll skipped, and the hook itself (the 22 tests hidden before)", () => {
    const report = vitest(file("ok.test.ts", "passed", [test("one", "passed")]), file("hook.test.ts", "failed", [test("suite a", "skipped"), test("suite b", "skipped")]));
    const summary = summariseVitestReport(report, 0);
    expect(summary).toMatchObject({ passed: 1, failed: 3 });
    expect(summary.problems).toContain("hook.test.ts: did not run (skipped): suite a");
  });

  it("counts a failing afterAll although every test in the file passed", () => {
    const report = vitest(file("after.test.ts", "failed", [test("passes", "passed")], "cleanup failed"));
    expect(summariseVitestReport(report, 1)).toEqual({ passed: 1, failed: 1, problems: ["after.test.ts: cleanup failed"] });
  });

  it("counts skipped and todo tests as failures: nothing in this repository is skipped on purpose", () => {
    const report = vitest(file("skips.test.ts", "passed", [test("passes", "passed"), test("skipped", "skipped"), test("todo", "todo")]));
    expect(summariseVitestReport(report, 0)).toMatchObject({ passed: 1, failed: 2 });
  });

  it("fails a step that ran no tests, a non-zero exit without failures, and an unreadable report", () => {
    expect(summariseVitestReport(vitest(), 0)).toEqual({ passed: 0, failed: 1, problems: ["ran no tests"] });
    expect(summariseVitestReport(vitest(file("a.test.ts", "passed", [test("one", "passed")])), 1)).toMatchObject({ passed: 1, failed: 1 });
    expect(summariseVitestReport(undefined, 0)).toMatchObject({ passed: 0, failed: 1 });
    expect(summariseVitestReport({ testResults: "nope" }, 0)).toMatchObject({ passed: 0, failed: 1 });
  });
});

const stats = (expected: number, unexpected: number, skipped: number) => ({ startTime: "2026-12-06T19:53:18.882Z", duration: 1074, expected, unexpected, skipped, flaky: 0 });

describe("summarisePlaywrightReport", () => {
  it("counts a spec file that did not load: Playwright runs nothing and reports one error", () => {
    const report = { config: {}, suites: [], errors: [{ message: "Error: Cannot find module '/repo/e2e/nope' imported from /repo/e2e/broken.spec.ts\n    at ..." }], stats: stats(0, 0, 0) };
    expect(summarisePlaywrightReport(report, 1)).toEqual({
      passed: 0,
      failed: 1,
      problems: ["Error: Cannot find module '/repo/e2e/nope' imported from /repo/e2e/broken.spec.ts"],
    });
  });

  it("counts tests skipped after a failure in serial mode as failures, and names them", () => {
    const report = {
      config: {},
      errors: [],
      stats: stats(2, 1, 1),
      suites: [
        { title: "a.setup.ts", specs: [{ title: "bootstrap", tests: [{ status: "expected", projectName: "setup" }] }] },
        {
          title: "ok.spec.ts",
          specs: [],
          suites: [
            {
              title: "serial",
              specs: [
                { title: "passes", tests: [{ status: "expected", projectName: "main" }] },
                { title: "fails", tests: [{ status: "unexpected", projectName: "main" }] },
                { title: "never runs", tests: [{ status: "skipped", projectName: "main" }] },
              ],
            },
          ],
        },
      ],
    };
    expect(summarisePlaywrightReport(report, 1)).toEqual({ passed: 2, failed: 2, problems: ["did not run: ok.spec.ts › serial › never runs [main]"] });
  });

  it("fails a run with no tests, a non-zero exit without failures, and a missing report", () => {
    expect(summarisePlaywrightReport({ suites: [], errors: [], stats: stats(0, 0, 0) }, 0)).toMatchObject({ passed: 0, failed: 1 });
    expect(summarisePlaywrightReport({ suites: [], errors: [], stats: stats(3, 0, 0) }, 1)).toMatchObject({ passed: 3, failed: 1 });
    expect(summarisePlaywrightReport(undefined, 1)).toMatchObject({ passed: 0, failed: 1 });
  });
});
