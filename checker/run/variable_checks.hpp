#pragma once
// Variables used before anything defines them, found before anything is sent: a `{{name}}` that no earlier
// capture, `[Options] variable` or built-in sets would fail its request at run time (Hurl: "you must set the
// variable name"), after the server had started, where the author learns less.

#include <set>
#include <string>
#include <vector>

#include "checker/hurl/ast.hpp"
#include "checker/hurl/diagnostic.hpp"

namespace roadwork::run {

/// The variables every check run sets before its first file (exercises/README.md: Variables in checks):
/// the server's base URL, its port, and a value unique to the run.
inline const std::set<std::string> kBuiltinVariables{"host", "port", "uid"};

/// Walks `file`'s entries in run order and returns one diagnostic per `{{name}}` not in `defined` at that
/// point, located at the placeholder, in file order. Within an entry, `[Options] variable` comes first (each
/// defines its name for what follows, also in later entries), then the request, then the response's
/// captures, which its headers, asserts and body may use, as in Hurl. `defined` holds the names known
/// before the file runs (built-ins such as host, port and uid, the captures of earlier files) and gets the
/// file's own added, for the files that run after it.
std::vector<hurl::Diagnostic> check_variables(const hurl::HurlFile& file, std::set<std::string>& defined);

}  // namespace roadwork::run
