// The unit tests' main: doctest's, except that a run in which every case passed but some skipped
// (support.hpp: skip) exits with kSkipExitCode, so that ctest reports the file as skipped instead of passed.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "tests/unit/support.hpp"

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int result = context.run();
  if (context.shouldExit() || result != 0) return result;
  return roadwork::testing::any_skipped ? roadwork::testing::kSkipExitCode : 0;
}
