#pragma once
// How roadwork returns a failure it expects (bad input in a pack, a patch that no longer applies): as a
// value the caller decides about, reporting it and going on (pack validate) or stopping with a Fatal (the
// commands). CONTRIBUTING.md: "Expected failures are values".

#include <utility>
#include <variant>

#include "app/core/diagnostic.hpp"

namespace roadwork {

/// A T, or the diagnostic saying why there is none (`E`: one Diagnostic, or a list of them where one pass
/// finds several, as for a plan's check files). A function that returns nothing on success returns
/// std::optional<Diagnostic> instead: the problem, or none.
template <class T, class E = Diagnostic>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Expected(E error) : state_(std::in_place_index<1>, std::move(error)) {}

  /// Whether it holds a T.
  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  /// The T; only when ok() (std::bad_variant_access otherwise).
  T& operator*() { return std::get<0>(state_); }
  const T& operator*() const { return std::get<0>(state_); }
  T* operator->() { return &std::get<0>(state_); }
  const T* operator->() const { return &std::get<0>(state_); }
  /// Only when !ok().
  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

}  // namespace roadwork
