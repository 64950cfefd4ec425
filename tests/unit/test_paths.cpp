// Paths a pack or a submission names, kept inside their folder (app/core/paths.hpp), against real folders
// and symbolic links: the plain case and each way out (`..`, a link to outside, a link inside that is fine).

#include <doctest/doctest.h>

#include <filesystem>

#include "app/core/paths.hpp"
#include "tests/unit/support.hpp"

namespace fs = std::filesystem;
using roadwork::resolves_inside;

TEST_CASE("a path below its folder resolves inside it; `..` and links that leave it do not") {
  const roadwork::testing::TempDir dir;
  const auto root = dir.path() / "pack";
  fs::create_directories(root / "checks");
  fs::create_directories(dir.path() / "outside");
  fs::create_symlink(dir.path() / "outside", root / "away");     // a link that leaves the folder
  fs::create_symlink(root / "checks", root / "also-checks");     // a link that stays inside
  fs::create_symlink(dir.path() / "pack", dir.path() / "link");  // the folder itself named through a link

  CHECK(resolves_inside(root / "checks" / "a.hurl", root));
  CHECK(resolves_inside(root / "checks" / "not-yet" / "b.hurl", root));  // what does not exist is written
  CHECK(resolves_inside(root / "." / "checks", root));
  CHECK(resolves_inside(root, root));
  CHECK(resolves_inside(root / "also-checks" / "a.hurl", root));
  CHECK(resolves_inside(dir.path() / "link" / "checks", root));
  CHECK(resolves_inside(root / "checks", dir.path() / "link"));

  CHECK_FALSE(resolves_inside(root / ".." / "outside", root));
  CHECK_FALSE(resolves_inside(root / "checks" / ".." / ".." / "outside", root));
  CHECK_FALSE(resolves_inside(root / "away" / "secret", root));
  CHECK_FALSE(resolves_inside(dir.path() / "outside", root));
  CHECK_FALSE(resolves_inside("/etc/passwd", root));
}
