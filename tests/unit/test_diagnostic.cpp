// Diagnostics as data until shown (app/core/diagnostic.hpp), the Fatal that carries them and Expected
// (app/core/expected.hpp): the compiler-style text, the order by place, and what main prints.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/core/diagnostic.hpp"
#include "app/core/expected.hpp"
#include "app/core/fatal.hpp"

using roadwork::Diagnostic;
using roadwork::Severity;

TEST_CASE("a diagnostic renders as a compiler prints it, with its excerpt under it") {
  CHECK(render(Diagnostic{"checks/a.hurl", 3, 7, "unknown filter", "GET x\n      ^\n"}) ==
        "checks/a.hurl:3:7: error: unknown filter\nGET x\n      ^");
  CHECK(render(Diagnostic{"exercise.toml", 2, 1, "unfinished", ""}, Severity::Warning) ==
        "exercise.toml:2:1: warning: unfinished");
  CHECK(render(Diagnostic{"server.py", 0, 0, "cannot read this file", ""}) ==
        "server.py: error: cannot read this file");
  CHECK(render(Diagnostic{"", 0, 0, "no pack", ""}) == "error: no pack");
  CHECK(render(std::vector<Diagnostic>{{"a", 1, 1, "one", ""}, {"b", 2, 2, "two", ""}}) ==
        "a:1:1: error: one\nb:2:2: error: two");
}

TEST_CASE("diagnostics sort by file, then line, then column") {
  std::vector<Diagnostic> found{
      {"b", 1, 1, "", ""}, {"a", 10, 1, "", ""}, {"a", 2, 5, "", ""}, {"a", 2, 3, "", ""}};
  std::sort(found.begin(), found.end(), roadwork::comes_before);
  CHECK(render(found) == "a:2:3: error: \na:2:5: error: \na:10:1: error: \nb:1:1: error: ");
}

TEST_CASE("a Fatal with diagnostics reports them alone; one without says it is roadwork's error") {
  const roadwork::Fatal placed({Diagnostic{"x.toml", 4, 2, "bad key", ""}});
  CHECK(placed.report() == "x.toml:4:2: error: bad key");
  CHECK(placed.exit_code == roadwork::kExitBadInput);
  const roadwork::Fatal plain("no workspace here", roadwork::kExitFail);
  CHECK(plain.report() == "roadwork: error: no workspace here");
  CHECK(plain.diagnostics.empty());
}

TEST_CASE("Expected holds a value or the diagnostic saying why not") {
  const roadwork::Expected<int> value = 42;
  REQUIRE(value);
  CHECK(*value == 42);
  const roadwork::Expected<int> missing = Diagnostic{"f", 1, 1, "no number", ""};
  CHECK_FALSE(missing.ok());
  CHECK(missing.error().message == "no number");
}
