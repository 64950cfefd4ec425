#pragma once
// How a command stops at a problem that a layer below returned as a value (CONTRIBUTING.md: "Expected
// failures are values"): a Fatal, which main prints and exits with (2, bad input).

#include <utility>

#include "app/core/expected.hpp"
#include "app/core/fatal.hpp"

namespace roadwork::cli {

/// The value of `expected`, or a Fatal with its diagnostics (one, or a list).
template <class T, class E>
T need(Expected<T, E> expected) {
  if (!expected) throw Fatal(expected.error());
  return std::move(*expected);
}

}  // namespace roadwork::cli
