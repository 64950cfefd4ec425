#pragma once
// The --json report (`roadwork check --json`, `roadwork grade --json`, the attempt rows of the progress
// store). It is Exercism's results.json, version 2 (exercism.org/docs/building/tooling/test-runners/
// interface), with roadwork's fields added; the field names below are a stable contract: add, never rename.
//
//   {
//     "version": 2,                         Exercism: the results.json spec version
//     "status": "pass" | "fail" | "error",  Exercism: Report::verdict()
//     "message": string | null,             Exercism: why the run errored (Report::message, else the first
//                                           error step as "name: reason"); null unless status is "error"
//     "tests": [test, …],                   Exercism: one per step, in run order (empty when none ran)
//     "exercise": string,                   roadwork: exercise id
//     "pack": string,                       roadwork: pack id
//     "time_ms": number,                    roadwork: the whole run, milliseconds
//     "hint": string | null,                roadwork: the failing step's hint, else the exercise's last seen
//     "output": string | null,              roadwork: the server's last output lines (Report::server_output)
//     "server_start_ms": number,            roadwork: spawn to the port accepting; 0 when roadwork
//                                           started none
//     "server_stop_ms": number              roadwork: SIGTERM until every process of the server was reaped
//   }
//   test = {
//     "name": string,                       Exercism: the step name
//     "status": "pass" | "fail" | "error",  Exercism: a step not run is "fail" (it did not pass), see "ran"
//     "message": string | null,             Exercism: why it did not pass, the same lines as the terminal
//                                           report (details.hpp, no colour); "not run"; null when it passed
//     "output": string | null,              Exercism: the server's output lines for this step
//     "test_code": string,                  Exercism: the .hurl files the step ran, one path a line; "" for
//                                           a step that runs none
//     "kind": string,                       roadwork: "hurl", "restart", … (the exercise.toml step kind)
//     "ran": boolean,                       roadwork: false for a step never started (not_run.hpp)
//     "time_ms": number,                    roadwork: milliseconds
//     "failures": [failure, …]              roadwork: each failed assert and each entry error; [] on a pass
//   }
//   failure = {
//     "file": string, "line": number, "column": number,  the assert, or the entry that errored (1-based)
//     "assert": string | null,              the assert's source text; null for an entry error
//     "expected": string | null,            e.g. "\"Hello, Ada!\"", "201"; null for an entry error
//     "actual": string | null,              e.g. "\"Hello, world!\"", "404", "none"; null for an entry error
//     "message": string | null,             the entry error (connection refused, …) or why the assert could
//                                           not be evaluated; null when there is none
//     "request": {"method": string, "url": string, "status": number (0: no response), "time_ms": number}
//                | null,                    the entry's request; null when none was sent
//     "curl": string | null                 a shell command that reproduces the request
//   }
//
// Absent text is null, never "". Every string is valid UTF-8 (invalid bytes of server output or bodies
// become U+FFFD), so json::dump() does not throw. Output is kept whole: Exercism's 500-character advice
// for "output" is left to whoever shows it.

#include <nlohmann/json.hpp>

#include "app/report/results.hpp"

namespace roadwork::report {

/// The report as the JSON value described above.
nlohmann::json to_json(const Report& report);

}  // namespace roadwork::report
