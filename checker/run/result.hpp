#pragma once
// The runner's small Result type: a value or a located error message.

#include <string>
#include <utility>
#include <variant>

#include "checker/hurl/diagnostic.hpp"

namespace roadwork::run {

/// A value of type T, or a hurl::Diagnostic saying why there is none. Low-level helpers may leave the
/// location empty; the caller that knows the check-file position fills it in (see `located`).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(hurl::Diagnostic error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  const hurl::Diagnostic& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, hurl::Diagnostic> state_;
};

/// An error with `message` at `location` (empty until a caller that knows the position sets it).
inline hurl::Diagnostic failure(std::string message, hurl::SourceLocation location = {}) {
  return hurl::Diagnostic{std::move(location), std::move(message)};
}

/// `error` placed at `location` unless it already has a position.
inline hurl::Diagnostic located(hurl::Diagnostic error, const hurl::SourceLocation& location) {
  if (error.location.line == 0) error.location = location;
  return error;
}

}  // namespace roadwork::run
