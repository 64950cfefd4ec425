// `grade --shard I/N`: parsing the flag's value, and an assignment that puts every submission in exactly one
// slice, by a hash of its name, with slices of roughly equal size.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/grade/shard.hpp"

using roadwork::grade::in_shard;
using roadwork::grade::parse_shard;
using roadwork::grade::Shard;

TEST_CASE("I/N is parsed, numbered from 1") {
  Shard shard;
  CHECK(parse_shard("2/4", shard).empty());
  CHECK(shard.index == 2);
  CHECK(shard.count == 4);
  CHECK(parse_shard("1/1", shard).empty());
  for (const char* bad : {"0/4", "5/4", "4", "/4", "2/", "a/4", "2/4x", "-1/4", "1/1001", ""}) {
    Shard untouched{3, 7};
    INFO(bad);
    CHECK(parse_shard(bad, untouched).find("expected I/N") == 0);
    CHECK(untouched.index == 3);  // unchanged on an error
  }
}

TEST_CASE("every submission falls in exactly one of N slices, and the slices are about equal") {
  constexpr int kCount = 4, kSubmissions = 400;
  std::vector<int> sizes(kCount, 0);
  for (int i = 0; i < kSubmissions; ++i) {
    const auto name = "student" + std::to_string(i);
    int slices = 0;
    for (int index = 1; index <= kCount; ++index) {
      if (in_shard(name, {index, kCount})) {
        ++slices;
        ++sizes[static_cast<std::size_t>(index - 1)];
      }
    }
    CHECK(slices == 1);
  }
  for (const int size : sizes) {
    CHECK(size > kSubmissions / kCount / 2);
    CHECK(size < kSubmissions / kCount * 2);
  }
}

TEST_CASE("the slice is FNV-1a of the name modulo N, so machines with any build of roadwork agree") {
  // FNV-1a 64 test vectors: "" -> 0xcbf29ce484222325, "a" -> 0xaf63dc4c8601ec8c, "foobar" ->
  // 0x85944171f73967e8.
  CHECK(in_shard("", {2, 2}));        // ...25 is odd
  CHECK(in_shard("a", {1, 4}));       // ...8c % 4 == 0
  CHECK(in_shard("foobar", {7, 7}));  // 0x85944171f73967e8 % 7 == 6
  CHECK_FALSE(in_shard("foobar", {6, 7}));
}
