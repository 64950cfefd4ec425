#pragma once
// Why a .hurl file did not pass, as text: the failed asserts and entry errors with their file:line:col, the
// request, the start of the response and a curl line that reproduces it. app/report/details.hpp puts this
// under a step with its message, rules and hints.

#include <optional>
#include <string>

#include "checker/report/text_style.hpp"
#include "checker/run/results.hpp"

namespace roadwork::report {

/// The details of every failing entry of `file`, unindented, each line ending in '\n':
/// ```
/// checks/hello.hurl:12:1                               <- per failed assert
///   jsonpath "$.message" == "Hello, Ada!"
///   expected: "Hello, Ada!"
///   actual:   "Hello, world!"
/// checks/hello.hurl:9:1                                <- per entry error (refused connection, …)
///   connection refused
/// request:   GET http://127.0.0.1:41234/hello?name=Ada → 200 in 2 ms
/// response:  {"message": "Hello, world!"}             <- the body's start, on one line
/// reproduce: curl -i 'http://127.0.0.1:41234/hello?name=Ada'
/// ```
/// The request, response and reproduce lines follow each failing entry that sent a request; when
/// `style.serve_command` is set, a line under reproduce says how to start the server again. Text that came
/// from the server or the check file has its control characters escaped. "" when every entry passed.
std::string render_failures(const run::FileResult& file, const TextStyle& style);

/// One line for the first failure of `file`: the first failed assert as `source: expected E, actual A`, else
/// the first line of the first entry error; nullopt when every entry passed.
std::optional<std::string> first_failure_line(const run::FileResult& file);

}  // namespace roadwork::report
