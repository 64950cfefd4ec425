#pragma once
// `grade --shard I/N`: one of N slices of a class, so that N machines (a Kubernetes Indexed Job, a CI
// matrix) grade it together and `grade merge` joins their outputs (README: Grading a class on many machines).

#include <string>
#include <string_view>

namespace roadwork::grade {

/// Slice `index` of `count`, 1 <= index <= count, numbered from 1 as Playwright's and Jest's `--shard`.
struct Shard {
  int index = 1;
  int count = 1;
};

/// Parses "I/N" (decimal, 1 <= I <= N <= 1000). Returns the error to show after the flag's name, e.g.
/// "expected I/N with 1 <= I <= N, got 3/2", or "" with `shard` set.
std::string parse_shard(std::string_view text, Shard& shard);

/// Whether `submission` (a folder name) falls in `shard`: 64-bit FNV-1a of the name modulo N, so a
/// submission's slice depends on its name alone — not on which classmates exist, nor on the order in which
/// a machine lists the folder — and every machine of a run agrees on it.
bool in_shard(std::string_view submission, const Shard& shard);

}  // namespace roadwork::grade
