// libFuzzer target for the .hurl parser: any input must parse or yield exactly one diagnostic, without
// crashing, hanging or throwing, and the diagnostic must format. `tools/dev fuzz` builds (CMake option
// ROADWORK_FUZZ) and runs it; every test run replays its corpus (tests/fuzz/CMakeLists.txt).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "checker/hurl/diagnostic.hpp"
#include "checker/hurl/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  const auto result = roadwork::hurl::parse(source, "fuzz.hurl");
  // The contract: a file, or exactly one error, never both.
  if (result.file.has_value() == !result.errors.empty() || result.errors.size() > 1) std::abort();
  for (const auto& error : result.errors) {
    if (error.location.line < 1 || error.location.column < 1) std::abort();
    (void)roadwork::hurl::format_diagnostic(error, source);
  }
  return 0;
}
