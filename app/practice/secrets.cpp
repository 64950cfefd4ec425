#include "app/practice/secrets.hpp"

#include <fstream>
#include <random>

namespace roadwork::practice {

namespace fs = std::filesystem;

namespace {

fs::path token_path(const fs::path& log_path) { return log_path.parent_path() / "token"; }

}  // namespace

std::string random_hex(std::size_t digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device random;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string text;
  for (std::size_t i = 0; i < digits; ++i) text += kHex[digit(random)];
  return text;
}

Secrets read_secrets(const fs::path& log_path) {
  Secrets secrets;
  std::ifstream in(token_path(log_path));
  std::getline(in, secrets.token);
  return secrets;
}

Expected<Secrets> load_or_create_secrets(const fs::path& log_path) {
  if (auto existing = read_secrets(log_path); !existing.token.empty()) return existing;
  const auto path = token_path(log_path);
  const auto temporary = fs::path(path).concat(".tmp");
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  Secrets secrets{random_hex(16)};
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << secrets.token << "\n";
    if (!out.flush()) return unplaced("cannot write " + temporary.string());
  }
  fs::rename(temporary, path, error);
  if (error) return unplaced("cannot store the practice token in " + path.string() + ": " + error.message());
  return secrets;
}

}  // namespace roadwork::practice
